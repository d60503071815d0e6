using System.Globalization;
using LiteDB;
using RuleEngine.Audit;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>The audit chain as documents keyed by sequence number, so the chain's order is the primary key's order.</summary>
public sealed class LiteDbAuditStore(LiteDatabase database, LiteDbWriter writer) : IAuditStore
{
    const int ChainPageSize = 1000;
    const string HeadKey = "head";

    ILiteCollection<BsonDocument> Entries => database.GetCollection(LiteDbCollections.Audit);

    public Task<AuditEntry> AppendAsync(Func<AuditLink, AuditEntry> seal, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(db => AppendIn(db, seal), cancellationToken);

    /// <summary>Appends inside the caller's writer work item (and so its transaction): only on the writer thread.</summary>
    internal static AuditEntry AppendIn(LiteDatabase db, Func<AuditLink, AuditEntry> seal)
    {
        // Head and insert in one work item on the one writer thread: no other append can run in between. The head is
        // kept by the writer after the first append (see WriterKeptValues), so an append does not look it up again.
        var entries = db.GetCollection(LiteDbCollections.Audit);
        var heads = LiteDbWriterKept.Of(db).AuditHead;
        var link = heads.Get(HeadKey, () => entries.Find(Query.All("_id", Query.Descending), limit: 1).FirstOrDefault() is { } head
            ? new AuditLink(AuditBson.Position(head) + 1, head["Hash"].AsString)
            : new AuditLink(1, AuditHash.Genesis));
        var entry = seal(link);
        if (entry.Sequence != link.Sequence || entry.PreviousHash != link.PreviousHash)
            throw new InvalidOperationException("An audit entry must attach to the link it was given.");
        entries.Insert(AuditBson.ToBson(entry));
        heads.Set(HeadKey, new AuditLink(entry.Sequence + 1, entry.Hash));
        return entry;
    }

    public Page<AuditEntry> List(AuditQuery query, PageRequest page)
    {
        var q = Filtered(query);
        if (PageCursor.Decode(page.Cursor) is { } after)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var afterSequence))
                throw new FormatException($"The cursor '{page.Cursor}' is not one this server returned.");
            q = q.Where("_id > @0", afterSequence);
        }
        var items = q.OrderBy("_id").Limit(page.SafeLimit + 1).ToEnumerable().Select(AuditBson.ToEntry).ToList();
        return PageCursor.ToPage(items, page.SafeLimit, e => e.Sequence.ToString(CultureInfo.InvariantCulture));
    }

    public AuditEntry? Last(AuditQuery query) =>
        Filtered(query).OrderByDescending("_id").Limit(1).ToEnumerable().Select(AuditBson.ToEntry).FirstOrDefault();

    public AuditEntry? Find(long sequence) => Entries.FindById(sequence) is { } document ? AuditBson.ToEntry(document) : null;

    public IEnumerable<(long Position, AuditEntry Entry)> ReadChain()
    {
        // A page per query keeps each read short, so the verifier never holds the file against the writer for long.
        long after = 0;
        while (true)
        {
            var page = Entries.Find(LiteDbQuery.After("_id", after), limit: ChainPageSize).ToList();
            foreach (var document in page) yield return (AuditBson.Position(document), AuditBson.ToEntry(document));
            if (page.Count < ChainPageSize) yield break;
            after = AuditBson.Position(page[^1]);
        }
    }

    ILiteQueryable<BsonDocument> Filtered(AuditQuery query)
    {
        var q = Entries.Query();
        if (query.Type is not null) q = q.Where("Type = @0", query.Type);
        if (query.Actor is not null) q = q.Where("Actor = @0", query.Actor);
        if (query.Rule is not null) q = q.Where("Rule = @0", query.Rule);
        if (query.From is { } from) q = q.Where("At >= @0", from);
        if (query.To is { } to) q = q.Where("At < @0", to);
        return q;
    }
}
