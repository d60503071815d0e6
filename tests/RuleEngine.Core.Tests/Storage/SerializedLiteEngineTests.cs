using LiteDB;
using LiteDB.Engine;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// LiteDB 5.0.20's page cache breaks when two threads are inside the engine at once (litedb-org/LiteDB#2817), so no
/// two calls, nor a call and a step of a query's reader, may overlap.
/// </summary>
public class SerializedLiteEngineTests
{
    [Fact]
    public async Task Calls_and_reader_steps_from_many_threads_never_overlap_inside_the_engine()
    {
        var inner = new OverlapDetectingEngine();
        var engine = new SerializedLiteEngine(inner);

        var threads = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            for (var n = 0; n < 200; n++)
            {
                if (i % 2 == 0) engine.Insert("c", [new BsonDocument()], BsonAutoId.ObjectId);
                else
                {
                    using var reader = engine.Query("c", new Query());
                    while (reader.Read()) { }
                }
            }
        }));
        await Task.WhenAll(threads);

        Assert.Equal(0, inner.Overlaps);
        Assert.True(inner.Entries > 1_600, $"only {inner.Entries} entries were made");
    }

    [Fact]
    public void A_real_file_opens_through_it_and_reads_back_what_was_written()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ruleengine-core-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var database = LiteDbFile.Open(folder)) database.GetCollection("t").Insert(new BsonDocument { ["_id"] = "C1", ["At"] = Some.Time });
            using (var database = LiteDbFile.Open(folder))
            {
                var collection = database.GetCollection("t");
                Assert.Null(collection.FindById("c1")); // ordinal collation: ids are case-sensitive
                Assert.Equal(DateTimeKind.Utc, collection.FindById("C1")["At"].AsDateTime.Kind);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_ordinary_failure_leaves_the_engine_healthy_and_a_closed_engine_is_reported()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ruleengine-core-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var engine = LiteDbFile.OpenEngine(folder);
            using var database = LiteDbFile.Open(engine);
            var collection = database.GetCollection("t");
            collection.Insert(new BsonDocument { ["_id"] = 1 });

            Assert.Throws<LiteException>(() => collection.Insert(new BsonDocument { ["_id"] = 1 })); // a duplicate id: the caller's error
            Assert.Null(engine.Problem);

            engine.Dispose(); // what LiteDB does to itself after an internal error
            Assert.ThrowsAny<Exception>(() => collection.FindById(1));
            Assert.Contains("restart the server", engine.Problem);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_reader_that_waited_for_the_writer_reads_further_in_each_turn()
    {
        // Beside a busy writer every turn is a wait of about a writer slice: a reader that waited for this one reads on.
        var folder = Path.Combine(Path.GetTempPath(), "ruleengine-core-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var engine = LiteDbFile.OpenEngine(folder);
            using var database = LiteDbFile.Open(engine);
            database.GetCollection("t").InsertBulk(Enumerable.Range(0, 1_000).Select(i => new BsonDocument { ["_id"] = i }));
            long TurnsToReadAll()
            {
                var before = engine.Turns;
                Assert.Equal(1_000, database.GetCollection("t").FindAll().Count());
                return engine.Turns - before;
            }
            var alone = TurnsToReadAll();

            using var writerHolds = new ManualResetEventSlim();
            using var readerStarting = new ManualResetEventSlim();
            var writer = new Thread(() =>
            {
                engine.ClaimWriterThread();
                engine.HoldForWriter();
                writerHolds.Set();
                readerStarting.Wait();
                Thread.Sleep(100); // the reader is waiting at the gate by now
                engine.ReleaseWriterHold();
            });
            writer.Start();
            var behindTheWriter = await Task.Run(() =>
            {
                writerHolds.Wait();
                readerStarting.Set();
                return TurnsToReadAll();
            });
            writer.Join();

            // 1,000 documents are 8 turns of 128; waiting for the first turn makes it read at least 512.
            Assert.Equal(8, alone);
            Assert.True(behindTheWriter <= 5, $"{behindTheWriter} turns after waiting for the writer");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Counts the times a call found another one already inside, holding each call for a moment to make overlap likely.</summary>
    sealed class OverlapDetectingEngine : ILiteEngine
    {
        int _inside;
        int _overlaps;
        int _entries;

        public int Overlaps => _overlaps;
        public int Entries => _entries;

        T Enter<T>(Func<T> body)
        {
            Interlocked.Increment(ref _entries);
            if (Interlocked.Increment(ref _inside) > 1) Interlocked.Increment(ref _overlaps);
            try
            {
                Thread.SpinWait(2_000);
                return body();
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }

        public IBsonDataReader Query(string collection, Query query) => Enter<IBsonDataReader>(() => new Reader(this));
        public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Enter(docs.Count);

        sealed class Reader(OverlapDetectingEngine engine) : IBsonDataReader
        {
            int _left = 3;
            public BsonValue this[string field] => BsonValue.Null;
            public string Collection => "c";
            public BsonValue Current => BsonValue.Null;
            public bool HasValues => true;
            public bool Read() => engine.Enter(() => _left-- > 0);
            public void Dispose() => engine.Enter(() => 0);
        }

        public int Update(string collection, IEnumerable<BsonDocument> docs) => throw new NotSupportedException();
        public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => throw new NotSupportedException();
        public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => throw new NotSupportedException();
        public int Delete(string collection, IEnumerable<BsonValue> ids) => throw new NotSupportedException();
        public int DeleteMany(string collection, BsonExpression predicate) => throw new NotSupportedException();
        public bool DropCollection(string name) => throw new NotSupportedException();
        public bool RenameCollection(string name, string newName) => throw new NotSupportedException();
        public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => throw new NotSupportedException();
        public bool DropIndex(string collection, string name) => throw new NotSupportedException();
        public BsonValue Pragma(string name) => throw new NotSupportedException();
        public bool Pragma(string name, BsonValue value) => throw new NotSupportedException();
        public bool BeginTrans() => throw new NotSupportedException();
        public bool Commit() => throw new NotSupportedException();
        public bool Rollback() => throw new NotSupportedException();
        public int Checkpoint() => throw new NotSupportedException();
        public long Rebuild(RebuildOptions options) => throw new NotSupportedException();
        public void Dispose() { }
    }
}
