using System.Text;
using System.Text.Json;
using RuleEngine.Ingest.Rows;

namespace RuleEngine.Tests.Ingest;

/// <summary>NDJSON read as bytes: the same rows, line numbers and errors as a text reader's lines gave.</summary>
public class NdjsonRowsTests
{
    private static async Task<List<(long Row, string? Json, string? Error, bool Fatal)>> Rows(byte[] body, int readSize = 0)
    {
        var rows = new List<(long, string?, string?, bool)>();
        Stream stream = readSize > 0 ? new TrickleStream(body, readSize) : new MemoryStream(body);
        await foreach (var unparsed in NdjsonRows.Read(stream, CancellationToken.None))
        {
            var row = unparsed;
            using var document = unparsed.IsParsed ? null : NdjsonRows.Parse(unparsed, out row);
            rows.Add((row.Row, row.Error is null ? row.Element.GetRawText() : null, row.Error, row.Fatal)); // read before the next row
        }
        return rows;
    }

    private static Task<List<(long Row, string? Json, string? Error, bool Fatal)>> Rows(string body, int readSize = 0) =>
        Rows(Encoding.UTF8.GetBytes(body), readSize);

    [Fact]
    public async Task Every_kind_of_line_break_ends_a_line_and_blank_lines_keep_their_numbers()
    {
        var rows = await Rows("{\"a\":1}\r\n\n{\"a\":2}\r{\"a\":3}\n \t \n\u00A0\u2003\n{\"a\":4}");

        Assert.Equal([(1L, "{\"a\":1}"), (3, "{\"a\":2}"), (4, "{\"a\":3}"), (7, "{\"a\":4}")], rows.Select(r => (r.Row, r.Json)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public async Task A_line_split_across_reads_even_between_its_carriage_return_and_line_feed_is_one_line(int readSize)
    {
        var body = string.Concat(Enumerable.Range(1, 50).Select(i => $"{{\"id\":\"c{i}\",\"name\":\"{new string('x', i)}\"}}\r\n"));

        var rows = await Rows(body, readSize);

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), rows.Select(r => r.Row));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task A_line_longer_than_the_buffer_is_read_whole()
    {
        var name = new string('y', 300_000);
        var rows = await Rows($"{{\"a\":1}}\n{{\"name\":\"{name}\"}}\n{{\"a\":3}}\n");

        Assert.Equal(3, rows.Count);
        Assert.Equal(name, JsonDocument.Parse(rows[1].Json!).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_malformed_line_spoils_only_itself_and_says_where()
    {
        var rows = await Rows("{\"a\":1}\n{\"a\":}\n{\"a\":3}");

        Assert.Equal((2L, "Malformed JSON at byte 6 of the line."), (rows[1].Row, rows[1].Error));
        Assert.Equal("{\"a\":3}", rows[2].Json);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_skipped_and_bytes_that_are_not_utf8_read_as_replacement_characters()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"name\":\"a")).Concat(new byte[] { 0xFF })
            .Concat(Encoding.UTF8.GetBytes("b\"}\n")).ToArray();

        var rows = await Rows(body);

        var row = Assert.Single(rows);
        Assert.Equal("a\uFFFDb", JsonDocument.Parse(row.Json!).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_utf16_body_is_refused_whole_with_its_encoding_named()
    {
        var rows = await Rows(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{\"a\":1}\n")).ToArray());

        var row = Assert.Single(rows);
        Assert.True(row.Fatal);
        Assert.StartsWith("The body is UTF-16 (little-endian)", row.Error);
    }

    [Fact]
    public async Task An_empty_body_has_no_rows() => Assert.Empty(await Rows(""));

    /// <summary>Hands out at most a few bytes per read, as a slow client's body arrives.</summary>
    private sealed class TrickleStream(byte[] bytes, int readSize) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(readSize, buffer.Length)], cancellationToken);
    }
}
