using System.Runtime.Loader;

namespace RuleEngine.Tests.Editing;

/// <summary>
/// The editing workspace is reused, never rebuilt per call: a thousand completion and diagnostic calls load no new
/// assemblies and leave the heap where it was (within a generous margin; this is about leaks, not speed).
/// </summary>
public class EditingLeakTests(EditorFixture fixture) : IClassFixture<EditorFixture>
{
    [Fact]
    public async Task A_thousand_editing_calls_keep_assemblies_and_heap_flat()
    {
        var text = "// kind: segmentation\nvar spend = SpendWithin(365);\nvar tier = Segm";
        async Task CallAsync(int i)
        {
            var draft = text + new string(' ', i % 7); // a different text each time, as typing makes it
            await fixture.Editor.CompletionsAsync(draft, draft.Length);
            fixture.Editor.Diagnostics(draft);
        }
        for (var i = 0; i < 20; i++) await CallAsync(i); // warm: MEF, the workspace, Roslyn's caches
        var assembliesBefore = AssemblyLoadContext.All.Sum(c => c.Assemblies.Count());
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < 500; i++) await CallAsync(i); // 500 of each: 1,000 calls

        var assembliesAfter = AssemblyLoadContext.All.Sum(c => c.Assemblies.Count());
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(assembliesAfter <= assembliesBefore + 2, $"assemblies grew from {assembliesBefore} to {assembliesAfter}");
        Assert.True(heapAfter < heapBefore + 64 * 1024 * 1024,
            $"heap grew from {heapBefore / 1024 / 1024} MB to {heapAfter / 1024 / 1024} MB over 1,000 calls");
        Assert.True(fixture.Editor.WorkspacesCreated <= Environment.ProcessorCount, $"{fixture.Editor.WorkspacesCreated} workspaces were built");
    }
}
