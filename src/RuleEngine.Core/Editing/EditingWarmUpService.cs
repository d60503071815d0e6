using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RuleEngine.Editing;

/// <summary>Loads Roslyn's editing services once at start-up (see <see cref="EditingOptions.WarmUp"/>).</summary>
sealed class EditingWarmUpService(RuleEditor editor, IOptions<EditingOptions> options, ILogger<EditingWarmUpService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp) return;
        await Task.Yield(); // never delay the host's start
        try
        {
            var elapsed = await editor.WarmUpAsync(stoppingToken);
            log.LogInformation("Rule editor warmed up in {Elapsed} ms", (int)elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A warm-up is an optimisation: the first real request pays the cost instead.
            log.LogWarning(e, "Rule editor warm-up failed; the first completion will be slower");
        }
    }
}
