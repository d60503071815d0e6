using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Npgsql;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Rows in PostgreSQL's binary COPY format, encoded here into one buffer and sent as raw COPY data. Measured, Npgsql's
/// per-value importer (a type lookup, a size and an async write for every column) was a third of the server's own work
/// per ingested order; these few column types are simple to encode: text, numeric, timestamptz, date, text[] and jsonb.
/// Two ways: streamed into a COPY already begun (<see cref="BeginAsync"/>), or encoded into memory first
/// (<see cref="InMemory"/>) and copied later (<see cref="CopyAsync"/>), so that a batch can be encoded while the COPY of
/// the batch before it still runs: measured, encoding as it sent left PostgreSQL waiting for data a quarter of the time.
/// </summary>
/// <remarks>Format: https://www.postgresql.org/docs/15/sql-copy.html ("Binary Format") and the types' send functions.</remarks>
public sealed class BinaryCopyWriter : IDisposable
{
    const int FlushAt = 64 * 1024;
    static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    static readonly int PostgresEpochDay = DateOnly.FromDateTime(new DateTime(2000, 1, 1)).DayNumber;
    const uint TextOid = 25;

    readonly NpgsqlRawCopyStream? _stream; // null: in memory until CopyAsync
    byte[] _buffer = ArrayPool<byte>.Shared.Rent(FlushAt + 4096);
    int _length;

    BinaryCopyWriter(NpgsqlRawCopyStream? stream) => _stream = stream;

    /// <param name="into">The table and its columns, as in <c>COPY orders (id, …)</c>.</param>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string into, CancellationToken ct)
    {
        var writer = new BinaryCopyWriter(await connection.BeginRawBinaryCopyAsync($"COPY {into} FROM STDIN (FORMAT BINARY)", ct));
        writer.FileHeader();
        return writer;
    }

    /// <summary>Rows kept in memory (a pooled buffer: dispose when done) until <see cref="CopyAsync"/> sends them.</summary>
    public static BinaryCopyWriter InMemory() => new(null);

    /// <summary>Rows started so far.</summary>
    public int Rows { get; private set; }

    public void StartRow(short columns)
    {
        Int16(columns);
        Rows++;
    }

    /// <summary>
    /// One COPY of the rows encoded in memory; may be called again (into a staging table, after the first was refused).
    /// A row the table refuses (a unique violation) is thrown from here, and nothing of that COPY is kept.
    /// </summary>
    /// <param name="into">The table and its columns, as in <c>COPY orders (id, …)</c>.</param>
    public async Task CopyAsync(NpgsqlConnection connection, string into, CancellationToken ct)
    {
        if (_stream is not null) throw new InvalidOperationException("This writer streams into a COPY already begun.");
        var frame = new BinaryCopyWriter(await connection.BeginRawBinaryCopyAsync($"COPY {into} FROM STDIN (FORMAT BINARY)", ct));
        try
        {
            frame.FileHeader();
            await frame.FlushAsync(ct);
            await frame._stream!.WriteAsync(_buffer.AsMemory(0, _length), ct);
        }
        catch
        {
            try { await frame.CancelAsync(); } catch { /* a broken connection cannot cancel; the first failure is the one to report */ }
            throw;
        }
        await frame.CompleteAsync(ct);
    }

    void FileHeader()
    {
        Bytes(Header);
        Int32(0); // flags
        Int32(0); // header extension length
    }

    public void Text(string? value)
    {
        if (value is null) { Null(); return; }
        var length = Encoding.UTF8.GetByteCount(value);
        Int32(length);
        Encoding.UTF8.GetBytes(value, Reserve(length));
    }

    public void TextArray(IReadOnlyList<string> values)
    {
        var at = StartValue();
        Int32(values.Count == 0 ? 0 : 1); // dimensions: an empty array has none
        Int32(0);                        // no nulls
        Int32((int)TextOid);
        if (values.Count > 0)
        {
            Int32(values.Count);
            Int32(1); // lower bound
        }
        foreach (var value in values) Text(value);
        EndValue(at);
    }

    /// <summary>jsonb: a version byte (1), then the JSON text as UTF-8.</summary>
    public void Jsonb(ReadOnlySpan<byte> utf8Json)
    {
        Int32(utf8Json.Length + 1);
        Reserve(1)[0] = 1;
        Bytes(utf8Json);
    }

    /// <summary>timestamptz: microseconds since 2000-01-01 UTC; the smallest and largest times are -infinity and infinity, as Npgsql writes them.</summary>
    public void TimestampTz(DateTime? utc)
    {
        if (utc is not { } at) { Null(); return; }
        Int32(8);
        Int64(at == DateTime.MinValue ? long.MinValue : at == DateTime.MaxValue ? long.MaxValue : (at.Ticks - PostgresEpochTicks) / 10);
    }

    /// <summary>date: days since 2000-01-01; the first and last days are -infinity and infinity, as Npgsql writes them.</summary>
    public void Date(DateOnly? date)
    {
        if (date is not { } day) { Null(); return; }
        Int32(4);
        Int32(day == DateOnly.MinValue ? int.MinValue : day == DateOnly.MaxValue ? int.MaxValue : day.DayNumber - PostgresEpochDay);
    }

    /// <summary>
    /// numeric: base-10000 digits around the decimal point (weight: the power of 10000 of the first), a sign and the
    /// number of decimal places shown (the decimal's scale, so 129.00 stays 129.00).
    /// </summary>
    public void Numeric(decimal value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        var number = text[..written];
        var negative = number[0] == '-';
        if (negative) number = number[1..];
        var point = number.IndexOf('.');
        var whole = point < 0 ? number : number[..point];
        var fraction = point < 0 ? [] : number[(point + 1)..];

        // Digits of 4 decimal places each: the whole part padded on the left, the fraction on the right.
        Span<short> digits = stackalloc short[16];
        var count = 0;
        var lead = (4 - whole.Length % 4) % 4;
        for (var i = -lead; i < whole.Length; i += 4) digits[count++] = Group(whole, i);
        var weight = count - 1;
        for (var i = 0; i < fraction.Length; i += 4) digits[count++] = Group(fraction, i);
        var first = 0;
        while (first < count && digits[first] == 0) { first++; weight--; }
        while (count > first && digits[count - 1] == 0) count--;
        if (first == count) weight = 0; // zero

        var at = StartValue();
        Int16((short)(count - first));
        Int16((short)weight);
        Int16(negative && count > first ? (short)0x4000 : (short)0);
        Int16((short)fraction.Length);
        for (var i = first; i < count; i++) Int16(digits[i]);
        EndValue(at);
    }

    /// <summary>The 4-digit group starting at <paramref name="start"/> (positions outside the text count as 0).</summary>
    static short Group(ReadOnlySpan<char> text, int start)
    {
        var group = 0;
        for (var i = start; i < start + 4; i++) group = group * 10 + (i >= 0 && i < text.Length ? text[i] - '0' : 0);
        return (short)group;
    }

    public void Null() => Int32(-1);

    /// <summary>Sends what is buffered once it passes the flush size (streaming only; in memory it keeps growing); call between rows.</summary>
    public ValueTask FlushIfFullAsync(CancellationToken ct) => _stream is not null && _length >= FlushAt ? FlushAsync(ct) : ValueTask.CompletedTask;

    async ValueTask FlushAsync(CancellationToken ct)
    {
        await _stream!.WriteAsync(_buffer.AsMemory(0, _length), ct);
        _length = 0;
    }

    /// <summary>Ends the data and the COPY; a row the table refuses (a unique violation) is thrown from here.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        try
        {
            Int16(-1);
            await FlushAsync(ct);
            await _stream!.DisposeAsync();
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Abandons the COPY (nothing of it is kept); for when writing the rows failed.</summary>
    public async Task CancelAsync()
    {
        try
        {
            try { await _stream!.CancelAsync(); }
            catch (PostgresException) { /* the server confirms the cancel with an error */ }
            await _stream!.DisposeAsync();
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Returns the buffer to the pool; the writer is not used after.</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    int StartValue()
    {
        Int32(0); // the length, filled in by EndValue
        return _length;
    }

    void EndValue(int start) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(start - 4), _length - start);

    void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);
    void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);
    void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
    void Bytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length) Grow(_length + count);
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    void Grow(int needed)
    {
        if (_buffer.Length == 0) throw new ObjectDisposedException(nameof(BinaryCopyWriter));
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, needed));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
