using LiteDB;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// An acknowledged write is in the files, not only in LiteDB's memory: LiteDB 5.0.20's commit queues its pages for a
/// background log writer, so the writer waits for that queue and fsyncs the log before it acknowledges (DurableFiles).
/// </summary>
public class DurableCommitTests
{
    [Fact]
    public async Task Every_acknowledged_write_is_found_in_a_copy_of_the_files_taken_right_after_the_acknowledgement()
    {
        await using var db = new TempDatabase();
        var copy = Path.Combine(db.Folder, "copy");
        for (var i = 0; i < 25; i++)
        {
            // A burst keeps LiteDB's log writer busy, so some commits return while their pages are still queued.
            var burst = Enumerable.Range(0, 8).Select(j => db.Writer.WriteAsync(d =>
                d.GetCollection("probe").Insert(new BsonDocument { ["_id"] = $"{i}-{j}", ["Pad"] = new string('x', 6000) }))).ToList();
            await Task.WhenAll(burst);

            // What a power cut would leave: the two files as they are now (their pages are in the OS, fsynced).
            if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
            Directory.CreateDirectory(copy);
            foreach (var name in new[] { LiteDbFile.FileName, DurableFiles.LogFileName })
                File.Copy(Path.Combine(db.Folder, name), Path.Combine(copy, name));
            using var reopened = LiteDbFile.Open(copy);
            Assert.Equal(8 * (i + 1), reopened.GetCollection("probe").Count());
        }
    }

    [Fact]
    public async Task A_commit_only_queues_its_pages_for_the_log_writer_thread_and_is_acknowledged_once_that_thread_wrote_them()
    {
        // LiteDB's own start of its log loop made the committing thread write every page itself, inside the storage lock.
        await using var db = new TempDatabase();
        await db.Writer.WriteAsync(d => d.GetCollection("probe").Insert(new BsonDocument { ["_id"] = "first" }));
        var logWriter = LiteDbFile.EngineOf(db.Database)!.Files!.LogWriter;
        using var gate = new ManualResetEventSlim();
        var held = Task.Factory.StartNew(gate.Wait, CancellationToken.None, TaskCreationOptions.None, logWriter);
        var commitsBefore = db.Writer.Commits;

        var write = db.Writer.WriteAsync(d => d.GetCollection("probe").Insert(new BsonDocument { ["_id"] = "second" }));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (db.Writer.Commits == commitsBefore && DateTime.UtcNow < deadline) await Task.Delay(5);

        Assert.Equal(commitsBefore + 1, db.Writer.Commits); // committed while the log thread is held...
        await Task.Delay(200);
        Assert.False(write.IsCompleted); // ...but not acknowledged: its pages are not written yet
        gate.Set();
        await held;
        await write.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, db.Database.GetCollection("probe").Count());
    }

    [Fact]
    public async Task The_log_file_is_removed_when_the_database_closes_cleanly_and_a_reopened_file_has_everything()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ruleengine-core-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var engine = LiteDbFile.OpenEngine(folder);
            var database = LiteDbFile.Open(engine);
            await using (var writer = new LiteDbWriter(database))
                await writer.WriteAsync(d => d.GetCollection("probe").Insert(new BsonDocument { ["_id"] = "kept" }));
            database.Dispose();
            engine.Dispose();
            Assert.False(File.Exists(Path.Combine(folder, DurableFiles.LogFileName)));

            using var reopened = LiteDbFile.Open(folder);
            Assert.NotNull(reopened.GetCollection("probe").FindById("kept"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
