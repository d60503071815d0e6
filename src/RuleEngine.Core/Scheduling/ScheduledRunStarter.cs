using Microsoft.Extensions.Logging;
using RuleEngine.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Scheduling;

/// <summary>
/// Starts the run of one schedule slot, for a Quartz fire and for the catch-up after downtime alike.
/// Exactly once per slot: the run id is made of rule and slot, so a second start of a slot (a re-fire, the catch-up
/// meeting the trigger, another node of a cluster) returns the run the first one created.
/// </summary>
public sealed class ScheduledRunStarter(RunCoordinator coordinator, IRunStore runs, ILogger<ScheduledRunStarter> log)
{
    public const string TriggeredBy = "scheduler";

    /// <summary>
    /// Triggers the run for <paramref name="slot"/> (UTC) and returns it; null when the slot is skipped because an
    /// earlier run of the rule is still pending or running, or because the rule cannot run.
    /// </summary>
    public async Task<Run?> StartAsync(string rule, DateTime slot, CancellationToken cancellation)
    {
        // Skip rather than queue behind it: a queued run would start late and evaluate the same customers again, and
        // a rule slower than its schedule would pile up runs without end. The next slot runs on fresh data.
        // Dry runs do not count: they change nothing, and a preview must not cost the nightly run its slot.
        if (runs.WithStatus(RunStatus.Pending, RunStatus.Running)
                .FirstOrDefault(r => r.Rule == rule && !r.DryRun && r.ScheduledFor != slot) is { } busy)
        {
            log.LogWarning("Rule {Rule}: scheduled slot {Slot:O} is skipped because run {RunId} is still {Status}",
                rule, slot, busy.Id, busy.Status.ToString().ToLowerInvariant());
            return null;
        }
        try
        {
            var run = await coordinator.TriggerAsync(new RunRequest
            {
                Rule = rule, Trigger = RunTrigger.Schedule, TriggeredBy = TriggeredBy, ScheduledFor = slot,
            }, cancellation);
            log.LogInformation("Rule {Rule}: scheduled slot {Slot:O} is run {RunId}", rule, slot, run.Id);
            return run;
        }
        catch (RunRejectedException e)
        {
            log.LogWarning("Rule {Rule}: scheduled slot {Slot:O} cannot run: {Reason}", rule, slot, e.Message);
            return null;
        }
    }
}
