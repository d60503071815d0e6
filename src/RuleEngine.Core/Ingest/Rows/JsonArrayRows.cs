using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RuleEngine.Ingest.Rows;

/// <summary>A JSON array of objects; row N is the N-th element.</summary>
internal static class JsonArrayRows
{
    public static async IAsyncEnumerable<SourceRow> Read(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var elements = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, cancellationToken: cancellationToken);
        await using var enumerator = elements.GetAsyncEnumerator(cancellationToken);
        long row = 0;
        while (true)
        {
            string? broken = null;
            try
            {
                if (!await enumerator.MoveNextAsync()) yield break;
            }
            catch (JsonException ex)
            {
                // The rest of the body cannot be parsed; say where it broke, in the user's terms.
                broken = $"Malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: the body must be a JSON array of objects. Nothing after this point was read.";
            }
            row++;
            if (broken is not null)
            {
                yield return new SourceRow(row, default, broken, Fatal: true);
                yield break;
            }
            yield return new SourceRow(row, enumerator.Current);
        }
    }
}
