using System.Text;

namespace RuleEngine.Audit;

/// <summary>
/// A compact unified diff of two texts by lines (longest common subsequence), for the audit entry of a rule change.
/// Rule files are small; the common head and tail are cut off first, so the quadratic table covers only what changed.
/// </summary>
public static class LineDiff
{
    const int Context = 3;
    /// <summary>Past this many table cells the changed middle is shown as removed and added whole, in linear time.</summary>
    const long MaxCells = 4_000_000;

    public static string Unified(string? before, string after, string oldLabel, string newLabel, int maxLines = 400)
    {
        var a = Lines(before);
        var b = Lines(after);
        var ops = Compare(a, b);
        var output = new StringBuilder().Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        var written = 0;
        foreach (var hunk in Hunks(ops))
        {
            var (oldStart, newStart) = (ops[hunk.Start].OldLine, ops[hunk.Start].NewLine);
            var oldCount = 0;
            var newCount = 0;
            for (var i = hunk.Start; i < hunk.End; i++)
            {
                if (ops[i].Kind != '+') oldCount++;
                if (ops[i].Kind != '-') newCount++;
            }
            output.Append($"@@ -{oldStart + (oldCount > 0 ? 1 : 0)},{oldCount} +{newStart + (newCount > 0 ? 1 : 0)},{newCount} @@\n");
            for (var i = hunk.Start; i < hunk.End; i++)
            {
                if (++written > maxLines)
                    return output.Append($"… (diff cut at {maxLines} lines)\n").ToString();
                output.Append(ops[i].Kind).Append(ops[i].Text).Append('\n');
            }
        }
        return output.ToString();
    }

    readonly record struct Op(char Kind, string Text, int OldLine, int NewLine);

    static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    /// <summary>Every line of both texts as kept (' '), removed ('-') or added ('+'), with its 0-based line in each text.</summary>
    static List<Op> Compare(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)]) tail++;
        var ops = new List<Op>(a.Length + b.Length);
        for (var i = 0; i < head; i++) ops.Add(new(' ', a[i], i, i));
        Middle(a[head..^tail], b[head..^tail], head, ops);
        for (var i = tail; i > 0; i--) ops.Add(new(' ', a[^i], a.Length - i, b.Length - i));
        return ops;
    }

    static void Middle(string[] a, string[] b, int offset, List<Op> ops)
    {
        if ((long)a.Length * b.Length > MaxCells)
        {
            ops.AddRange(a.Select((line, i) => new Op('-', line, offset + i, offset)));
            ops.AddRange(b.Select((line, j) => new Op('+', line, offset + a.Length, offset + j)));
            return;
        }
        // common[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { ops.Add(new(' ', a[x], offset + x, offset + y)); x++; y++; }
            // Removals before additions on a tie: a changed line reads "-old" then "+new".
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1])) { ops.Add(new('-', a[x], offset + x, offset + y)); x++; }
            else { ops.Add(new('+', b[y], offset + x, offset + y)); y++; }
        }
    }

    /// <summary>Runs of changes with up to <see cref="Context"/> kept lines around them; runs closer than that merge.</summary>
    static IEnumerable<(int Start, int End)> Hunks(List<Op> ops)
    {
        var changed = Enumerable.Range(0, ops.Count).Where(i => ops[i].Kind != ' ').ToList();
        var index = 0;
        while (index < changed.Count)
        {
            var start = Math.Max(0, changed[index] - Context);
            var end = changed[index] + 1;
            while (index + 1 < changed.Count && changed[index + 1] - end <= 2 * Context) end = changed[++index] + 1;
            index++;
            yield return (start, Math.Min(ops.Count, end + Context));
        }
    }
}
