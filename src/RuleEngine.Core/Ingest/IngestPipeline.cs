using System.Text.Json;
using RuleEngine.Ingest.Mapping;
using RuleEngine.Ingest.Rows;
using RuleEngine.Storage;
using RuleEngine.Triggers;

namespace RuleEngine.Ingest;

/// <summary>Where a request's rows go: one committed batch at a time, or (when the store can) one transaction for all.</summary>
internal sealed record IngestTarget<T>(
    Func<IReadOnlyList<T>, IReadOnlyList<TriggerMark>?, CancellationToken, Task> Upsert,
    IAtomicUpsert<T>? Atomic,
    Func<IReadOnlyList<T>, IReadOnlyList<TriggerMark>?> MarksOf,
    Action Committed);

/// <summary>
/// One ingest request: rows stream in, are validated in batches, and either written batch by batch
/// (<c>partial</c>: bad rows are skipped) or kept all or none (all-or-nothing): written into one transaction as they
/// are validated where the store can hold one open (<see cref="IAtomicUpsert{T}"/>, PostgreSQL) and committed only if
/// no row was bad, otherwise spooled until the whole body proved valid and written afterwards (LiteDB).
/// While one batch is written the next one is parsed, so parsing and writing overlap.
/// </summary>
internal sealed class IngestPipeline<T>(
    IRowMapper<T> mapper,
    IngestTarget<T> target,
    ICustomerStore customers,
    IngestOptions options)
{
    private readonly ErrorReport _errors = new(options.MaxReportedErrors);
    private readonly DuplicateIds _ids = new();
    private Task _pendingWrite = Task.CompletedTask;
    private IUpsertTransaction<T>? _transaction;
    private long _written;
    private long _inTransaction;
    private long _rows;
    private bool _unreadable;
    private long _mappedRow;
    private Action<string, string>? _reportError;

    public async Task<IngestResult> RunAsync(Stream body, IngestFormat format, bool partial, CancellationToken cancellationToken)
    {
        await using var spool = new Spool<T>(options.SpoolMemoryRows);
        try
        {
            try
            {
                await ReadAsync(new LimitedStream(body, options.MaxBodyBytes), format, partial, spool, cancellationToken);
                await _pendingWrite;
            }
            catch (IngestLimitExceededException ex)
            {
                // In partial mode what was written stays written; say how much. All-or-nothing kept nothing.
                await _pendingWrite;
                throw new IngestLimitExceededException(ex.Message) { Accepted = _written };
            }
            if (!partial && !_errors.Any)
            {
                if (_transaction is not null) await CommitAsync(cancellationToken);
                else
                {
                    await foreach (var batch in spool.ReadBatchesAsync(options.BatchSize)) await WriteBehindAsync(batch, cancellationToken);
                    await _pendingWrite;
                }
            }
        }
        finally
        {
            // Not committed (a bad row, a limit, a failed write, the client gone): everything it took is rolled back.
            if (_transaction is not null)
            {
                try { await _pendingWrite; } catch { /* the failure is already on its way out */ }
                await _transaction.DisposeAsync();
            }
        }
        return new IngestResult(_written, _errors.BadRows, _errors.Reported) { Unreadable = _unreadable };
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction!.CommitAsync(cancellationToken);
        _written = _inTransaction;
        target.Committed();
    }

    private async Task ReadAsync(Stream body, IngestFormat format, bool partial, Spool<T> spool, CancellationToken cancellationToken)
    {
        var batch = new List<(long Row, T Item)>(options.BatchSize);
        await foreach (var row in RowSource.Read(body, format, cancellationToken))
        {
            if (++_rows > options.MaxRows)
                throw new IngestLimitExceededException(
                    $"The request has more than the limit of {options.MaxRows:N0} rows (RuleEngine:Ingest:MaxRows); split it into several requests.");
            if (Validate(row) is { } item) batch.Add((row.Row, item));
            if (batch.Count == options.BatchSize) await FlushAsync(batch, partial, spool, cancellationToken);
        }
        await FlushAsync(batch, partial, spool, cancellationToken);
    }

    private T? Validate(SourceRow row)
    {
        if (!row.IsParsed)
        {
            if (mapper.TryRead(row.Utf8.Span, out var read)) return Unique(read, row.Row);
            using var document = NdjsonRows.Parse(row, out var parsed);
            return Validate(parsed);
        }
        if (row.Error is not null)
        {
            _unreadable |= row.Fatal;
            _errors.Add(row.Row, null, row.Error);
            return default;
        }
        if (row.Element.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(row.Row, null, $"Each row must be a JSON object, not {RowFields.Describe(row.Element)}.");
            return default;
        }
        T? item;
        try
        {
            _mappedRow = row.Row;
            item = mapper.Map(row.Element, _reportError ??= (field, message) => _errors.Add(_mappedRow, field, message));
        }
        catch (InvalidOperationException) when (!RowFields.IsValidUnicode(row.Element))
        {
            // The JSON reader accepts an escaped lone surrogate ("\ud800") but cannot turn it into a string:
            // without this the whole request failed with a 500 instead of one rejected row.
            _errors.Add(row.Row, null, "The row contains text that is not valid Unicode (an escaped lone surrogate such as \\ud800).");
            return default;
        }
        return item is null ? default : Unique(item, row.Row);
    }

    private T? Unique(T item, long row)
    {
        if (_ids.SeenAt(mapper.IdOf(item), row) is not { } first) return item;
        _errors.Add(row, "id", $"Duplicate id '{mapper.IdOf(item)}': row {first} of this request has it too.");
        return default;
    }

    private async Task FlushAsync(List<(long Row, T Item)> batch, bool partial, Spool<T> spool, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var valid = WithKnownCustomers(batch);
        batch.Clear();
        // All-or-nothing with an error already found: keep validating to report every error, but keep nothing.
        if (partial) await WriteBehindAsync(valid, cancellationToken);
        else if (_errors.Any) return;
        else if (target.Atomic is not null) await WriteInTransactionAsync(valid, cancellationToken);
        else await spool.AddAsync(valid);
    }

    /// <summary>
    /// Hands this batch to the request's transaction, which prepares it at once (PostgreSQL: encodes its rows) and writes
    /// it after the batch before; returns once that batch before is in, so the next one is parsed while this one is
    /// written, and no more than two are held.
    /// </summary>
    private async Task WriteInTransactionAsync(List<T> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        _transaction ??= await target.Atomic!.BeginAsync(cancellationToken);
        var before = _pendingWrite;
        _pendingWrite = WriteAsync(_transaction, batch, cancellationToken);
        await before;
    }

    private async Task WriteAsync(IUpsertTransaction<T> transaction, List<T> batch, CancellationToken cancellationToken)
    {
        await transaction.WriteAsync(batch, target.MarksOf(batch), cancellationToken);
        _inTransaction += batch.Count;
    }

    private List<T> WithKnownCustomers(List<(long Row, T Item)> batch)
    {
        var referenced = batch.Select(b => mapper.CustomerIdOf(b.Item)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = referenced.Count == 0 ? new HashSet<string>() : customers.FindMissing(referenced);
        var valid = new List<T>(batch.Count);
        foreach (var (row, item) in batch)
        {
            if (mapper.CustomerIdOf(item) is { } customerId && missing.Contains(customerId))
                _errors.Add(row, "customerId", $"Unknown customer '{customerId}': load the customer first (POST /api/customers).");
            else valid.Add(item);
        }
        return valid;
    }

    /// <summary>Starts writing this batch after the previous write committed; returns while it commits.</summary>
    private async Task WriteBehindAsync(List<T> batch, CancellationToken cancellationToken)
    {
        await _pendingWrite;
        if (batch.Count == 0) return;
        _pendingWrite = WriteAsync(batch, cancellationToken);
    }

    private async Task WriteAsync(List<T> batch, CancellationToken cancellationToken)
    {
        await target.Upsert(batch, target.MarksOf(batch), cancellationToken);
        _written += batch.Count;
        target.Committed();
    }
}
