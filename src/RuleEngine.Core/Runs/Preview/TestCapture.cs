using Microsoft.Extensions.Options;
using RuleEngine.Rules;
using RuleEngine.Rules.Testing;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Runtime;
using RuleEngine.Storage;

namespace RuleEngine.Runs.Preview;

/// <summary>A captured case, whether it passes as written against the version it expects, and why not.</summary>
public sealed record CapturedCase(RuleTestCase Case, string VersionHash, bool Passes, string? Warning);

/// <summary>
/// "Capture as test": a customer of a preview (or of any run) as the rule saw them at the run's as-of time, and what the
/// draft (for a run, the version that ran) decides for them, as a case for the rule's tests file. The case is then run
/// as the tests file would run it: a rule that compares the customer with the whole population (grades, quintiles)
/// sees only the case's customer there, and the answer says so instead of handing over a case that would fail.
/// </summary>
public sealed class TestCapture(
    RuleCatalog catalog, IRunStore runs, ICustomerStream customers, CustomerStateReader state, PreviewDrafts drafts, IOptions<RunOptions> options,
    Rules.Testing.IRuleCaseEvaluator? evaluator = null)
{
    /// <exception cref="RunRejectedException">Unknown rule, run or customer (NotFound), a run of another rule or a customer not there at its as-of (Invalid).</exception>
    /// <param name="redact">For callers who may not see personal data: stand-ins for the profile written into the case.</param>
    public CapturedCase Capture(string rule, string runId, string customerId, Func<Domain.Customer, Domain.Customer>? redact = null,
        CancellationToken cancellation = default)
    {
        if (catalog.Find(rule) is null) throw new RunRejectedException($"No rule named '{rule}'.", RunRejection.NotFound);
        var run = runs.Find(runId) ?? throw new RunRejectedException($"No run with id '{runId}'.", RunRejection.NotFound);
        if (run.Rule != rule) throw new RunRejectedException($"Run '{runId}' is a run of rule '{run.Rule}', not of '{rule}'.", RunRejection.Invalid);
        var raw = customers.Read([customerId], withEvents: true).FirstOrDefault()
            ?? throw new RunRejectedException($"No customer with id '{customerId}'.", RunRejection.NotFound);
        var data = AsOfView.Of(raw, run.AsOf)
            ?? throw new RunRejectedException($"Customer '{customerId}' had not joined at the run's as-of time {run.AsOf:O}.", RunRejection.Invalid);

        var (version, loadedHere) = VersionOf(run);
        try
        {
            var customerState = state.Read(customerId, run.AsOf);
            var context = new RuleContext
            {
                Customer = data.Customer, Orders = data.Orders, Events = data.Events, Now = run.AsOf, Parameters = run.Parameters,
                Population = new PopulationStats(() => Everyone(run.AsOf), run.AsOf), LoadState = _ => customerState,
            };
            var error = RuleEvaluator.Evaluate(version.Rule, version.Rule.CreateInstance(), context, cancellation, options.Value.CustomerTimeout);
            if (error is not null) throw new RunRejectedException($"The rule failed for customer '{customerId}': {error}", RunRejection.Invalid);

            var name = $"captured: {customerId} as of {run.AsOf:yyyy-MM-dd HH:mm}Z ({(run.Preview is null ? "run" : "preview")} {run.Id})";
            var given = redact is null ? data : data with { Customer = redact(data.Customer) };
            var testCase = TestCaseCapture.Build(name, rule, given, customerState, run.AsOf, run.Parameters, context.Outcomes);
            var check = RuleTestRunner.Run(version.Rule, rule, testCase, null, cancellation, evaluator);
            return new CapturedCase(testCase, version.Hash, check.Passed, check.Passed ? null :
                $"As written, the case does not reproduce the outcome ({check.Message}). The rule likely compares the customer with " +
                "the whole population, which a case holds only as its 'population' list: add the customers that matter there.");
        }
        finally
        {
            if (loadedHere) version.Rule.Unload();
        }
    }

    /// <summary>A preview's draft, else the version the run ran; loaded for the capture unless it is the live one.</summary>
    (ActiveVersion Version, bool LoadedHere) VersionOf(Run run)
    {
        if (run.Preview is { } preview)
        {
            var compilation = drafts.Find(preview.DraftHash) ?? catalog.Validate(preview.DraftText, run.Rule);
            if (!compilation.Succeeded) throw new RunRejectedException("The preview's draft no longer compiles (a helper it loads changed?).", RunRejection.Conflict);
            return (catalog.LoadDraft(run.Rule, compilation), true);
        }
        var version = (run.VersionHash is { } hash ? catalog.LoadVersion(run.Rule, hash) : catalog.Find(run.Rule)?.Active)
            ?? throw new RunRejectedException($"The version run '{run.Id}' ran cannot be loaded.", RunRejection.Conflict);
        return (version, !catalog.IsActive(version));
    }

    IEnumerable<CustomerData> Everyone(DateTime asOf) =>
        customers.ReadPages(options.Value.PageSize, withEvents: false).SelectMany(page => page).Select(c => AsOfView.Of(c, asOf)).OfType<CustomerData>();
}
