using LiteDB;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// The writer thread never dies: when LiteDB cannot roll a transaction back (seen under load), the writer refuses
/// every later write with a clear error and reports the problem for readiness, instead of taking the process down.
/// </summary>
public class LiteDbWriterFaultTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "ruleengine-core-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_failed_rollback_faults_the_writer_and_later_writes_are_refused_with_a_clear_error()
    {
        var database = LiteDbFile.Open(_folder);
        var writer = new LiteDbWriter(database);

        // Disposing the database inside a failing write makes its rollback throw, as LiteDB's own failure did.
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(db =>
        {
            db.Dispose();
            throw new InvalidOperationException("bad write");
        }));
        var refused = await Assert.ThrowsAsync<StorageFaultedException>(() => writer.WriteAsync(db => db.GetCollection("t").Insert(new BsonDocument { ["_id"] = 1 })));

        Assert.Contains("restart", refused.Message);
        Assert.NotNull(writer.Problem);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task A_write_that_throws_is_rolled_back_and_the_writer_goes_on()
    {
        var database = LiteDbFile.Open(_folder);
        var writer = new LiteDbWriter(database);

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(db =>
        {
            db.GetCollection("t").Insert(new BsonDocument { ["_id"] = 1 });
            throw new InvalidOperationException("bad write");
        }));
        await writer.WriteAsync(db => db.GetCollection("t").Insert(new BsonDocument { ["_id"] = 2 }));

        Assert.Null(writer.Problem);
        Assert.Equal([2], database.GetCollection("t").FindAll().Select(d => d["_id"].AsInt32));
        await writer.DisposeAsync();
        database.Dispose();
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
