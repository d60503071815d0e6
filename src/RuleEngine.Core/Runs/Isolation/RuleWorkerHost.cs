using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Runtime;

namespace RuleEngine.Runs.Isolation;

/// <summary>
/// The rule worker process's side: loads the rule version it is sent into a collectible context, evaluates the
/// pages it is sent customer by customer under the same guards as the server would, and asks the server for what
/// lives in storage (the customers' state, the population's distributions). It holds no file and no connection: the
/// worst a rule can do here is take this process down, which the server notices and survives.
/// </summary>
public sealed class RuleWorkerHost(Stream input, Stream output)
{
    LoadedRule? _rule;
    RuleScript? _instance;
    RunStart? _run;
    RemotePopulation? _population;

    /// <summary>Serves frames until the server closes the pipe; returns the process's exit code.</summary>
    public int Run()
    {
        while (WorkerFrames.Read(input) is { } frame)
        {
            switch (frame.Kind)
            {
                case FrameKind.RunStart:
                    Start(WorkerFrames.Body<RunStart>(frame.Body));
                    break;
                case FrameKind.Page:
                    WorkerFrames.Write(output, FrameKind.PageEvaluated, Evaluate(WorkerFrames.Body<PageCall>(frame.Body).Customers));
                    break;
                default:
                    WorkerFrames.Write(output, FrameKind.Fatal, new Fatal($"The worker got a {frame.Kind} frame it does not expect."));
                    return 2;
            }
        }
        return 0;
    }

    void Start(RunStart run)
    {
        if (_rule is null || _run?.Hash != run.Hash)
        {
            _rule?.Unload();
            _rule = LoadedRule.Load(run.Rule, run.Hash, new CompiledAssembly(run.Image, run.Pdb));
        }
        // One instance per run, as in the server (rule code may keep fields).
        _instance = _rule.CreateInstance();
        _run = run;
        _population = new RemotePopulation(this);
    }

    PageEvaluated Evaluate(IReadOnlyList<Storage.CustomerData> page)
    {
        var (rule, instance, run) = (_rule!, _instance!, _run!);
        var states = new PageStatesFromServer(this, page.Select(c => c.Customer.Id).ToList());
        var results = new List<CustomerEvaluated>(page.Count);
        // No cancellation token here: the server stops a run it cancels by ending this process.
        using var guarded = RuleEvaluator.BeginPage(CancellationToken.None, run.CustomerTimeout);
        foreach (var data in page)
        {
            var logs = new List<string>();
            var context = new RuleContext
            {
                Customer = data.Customer, Orders = data.Orders, Events = data.Events, Now = run.AsOf, Parameters = run.Parameters,
                Population = _population, LoadState = parts => states.Read(data.Customer.Id, parts), Logger = logs.Add, Catalog = run.Catalog,
            };
            var error = guarded.Evaluate(rule, instance, context);
            results.Add(new CustomerEvaluated(data.Customer.Id, error is null ? context.Outcomes.ToList() : [], error, logs));
        }
        return new PageEvaluated(results);
    }

    TReply Ask<TReply>(FrameKind kind, object question, FrameKind replyKind)
    {
        WorkerFrames.Write(output, kind, question);
        var reply = WorkerFrames.Read(input) ?? throw new EndOfStreamException("The server closed the pipe while the worker waited for an answer.");
        if (reply.Kind != replyKind) throw new InvalidDataException($"The worker asked for {kind} and got {reply.Kind}.");
        return WorkerFrames.Body<TReply>(reply.Body);
    }

    /// <summary>The page's states, each part asked of the server once, when the first customer's rule reads it.</summary>
    sealed class PageStatesFromServer(RuleWorkerHost host, IReadOnlyList<string> page)
    {
        readonly StatesByPart _states = new(parts =>
            host.Ask<StatesGiven>(FrameKind.StatesWanted, new StatesWanted(page, parts), FrameKind.StatesGiven).States);

        public CustomerState Read(string customerId, StateParts parts) => _states.Read(customerId, parts) ?? CustomerState.Empty;
    }

    /// <summary>Distributions computed by the server (over the whole base, as of the run), each asked for once per run.</summary>
    sealed class RemotePopulation(RuleWorkerHost host) : IPopulation
    {
        readonly Dictionary<(PopulationMetric, int), Distribution> _known = [];

        public Distribution Of(PopulationMetric metric, int windowDays)
        {
            if (_known.TryGetValue((metric, windowDays), out var known)) return known;
            var given = host.Ask<PopulationGiven>(FrameKind.PopulationWanted, new PopulationWanted(metric, windowDays), FrameKind.PopulationGiven);
            return _known[(metric, windowDays)] = Distribution.FromSorted(given.SortedValues);
        }
    }
}
