using LiteDB;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>
/// What an outcome plan would write, in order, and a view of the stored documents with those writes laid over them:
/// a later outcome of the same batch (a second grant with the same key, say) sees the earlier one exactly as it would
/// once written, without anything being written yet.
/// </summary>
internal sealed class StagedDocuments(LiteDatabase database)
{
    readonly Dictionary<(string Collection, BsonValue Id), BsonDocument?> _staged = [];
    readonly List<DocumentWrite> _writes = [];

    public IReadOnlyList<DocumentWrite> Writes => _writes;

    public LiteDatabase Database => database;

    /// <summary>The document as it would be after the staged writes (null: absent or deleted).</summary>
    public BsonDocument? FindById(string collection, BsonValue id) =>
        _staged.TryGetValue((collection, id), out var staged) ? staged : database.GetCollection(collection).FindById(id);

    public void Insert(string collection, BsonDocument document) => Stage(new DocumentWrite(collection, DocumentWriteKind.Insert, document));

    public void Update(string collection, BsonDocument document) => Stage(new DocumentWrite(collection, DocumentWriteKind.Update, document));

    public void Upsert(string collection, BsonDocument document) => Stage(new DocumentWrite(collection, DocumentWriteKind.Upsert, document));

    public void Delete(string collection, BsonValue id) =>
        Stage(new DocumentWrite(collection, DocumentWriteKind.Delete, new BsonDocument { ["_id"] = id }));

    /// <summary>Inserts unless a document with the same id exists or is staged: outcomes with deterministic ids are written once.</summary>
    public bool InsertIfMissing(string collection, BsonDocument document)
    {
        if (FindById(collection, document["_id"]) is not null) return false;
        Insert(collection, document);
        return true;
    }

    void Stage(DocumentWrite write)
    {
        _writes.Add(write);
        _staged[(write.Collection, write.Document["_id"])] = write.Kind == DocumentWriteKind.Delete ? null : write.Document;
    }
}

internal enum DocumentWriteKind { Insert, Update, Upsert, Delete }

/// <summary>One document write of a plan; <see cref="Execute"/> must run on the writer thread, inside its transaction.</summary>
internal sealed record DocumentWrite(string Collection, DocumentWriteKind Kind, BsonDocument Document)
{
    public void Execute(LiteDatabase database)
    {
        var collection = database.GetCollection(Collection);
        switch (Kind)
        {
            case DocumentWriteKind.Insert: collection.Insert(Document); break;
            case DocumentWriteKind.Update: collection.Update(Document); break;
            case DocumentWriteKind.Upsert: collection.Upsert(Document); break;
            case DocumentWriteKind.Delete: collection.Delete(Document["_id"]); break;
        }
    }
}
