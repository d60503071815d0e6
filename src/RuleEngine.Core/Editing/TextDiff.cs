using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;

namespace RuleEngine.Editing;

/// <summary>One line of a hunk: <c>op</c> is <c>context</c> (in both), <c>delete</c> (only before) or <c>insert</c> (only after).</summary>
public sealed record DiffLine(string Op, string Text);

/// <summary>A run of changes with up to three unchanged lines around it; starts are 1-based (0 for an empty side), as in a unified diff.</summary>
public sealed record DiffHunk(int OldStart, int OldLines, int NewStart, int NewLines, IReadOnlyList<DiffLine> Lines);

/// <summary>A line diff as hunks and as unified diff text (the same hunks written out).</summary>
public sealed record TextDiffResult(string Unified, IReadOnlyList<DiffHunk> Hunks);

/// <summary>
/// Line diffs of rule texts by DiffPlex (Myers' algorithm), grouped into unified-diff hunks. Line endings do not count:
/// a file saved with CRLF is the same file.
/// </summary>
public static class TextDiff
{
    const int Context = 3;

    /// <param name="maxLines">The unified text stops after this many hunk lines and says so (the hunks are always whole).</param>
    public static TextDiffResult Compare(string? before, string after, string oldLabel, string newLabel, int maxLines = int.MaxValue)
    {
        var ops = Operations(Lines(before), Lines(after));
        var hunks = Hunks(ops).ToList();
        return new TextDiffResult(Unified(hunks, oldLabel, newLabel, maxLines), hunks);
    }

    /// <summary>The unified text alone, as the audit log keeps it.</summary>
    public static string Unified(string? before, string after, string oldLabel, string newLabel, int maxLines = 400) =>
        Compare(before, after, oldLabel, newLabel, maxLines).Unified;

    readonly record struct Op(string Kind, string Text, int OldLine, int NewLine);

    static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    /// <summary>Every line of both texts as kept, deleted or inserted, with its 0-based line in each text; a change reads deletions first.</summary>
    static List<Op> Operations(string[] a, string[] b)
    {
        var ops = new List<Op>(a.Length + b.Length);
        var (x, y) = (0, 0);
        var blocks = a.Length == 0 || b.Length == 0
            ? [new DiffPlex.Model.DiffBlock(0, a.Length, 0, b.Length)]
            : Differ.Instance.CreateDiffs(string.Join('\n', a), string.Join('\n', b), false, false, LineChunker.Instance).DiffBlocks;
        foreach (var block in blocks)
        {
            while (x < block.DeleteStartA) ops.Add(new("context", a[x], x++, y++));
            for (var i = 0; i < block.DeleteCountA; i++) ops.Add(new("delete", a[x], x++, y));
            for (var i = 0; i < block.InsertCountB; i++) ops.Add(new("insert", b[y], x, y++));
        }
        while (x < a.Length) ops.Add(new("context", a[x], x++, y++));
        return ops;
    }

    /// <summary>Runs of changes with up to <see cref="Context"/> kept lines around them; runs closer than that merge.</summary>
    static IEnumerable<DiffHunk> Hunks(List<Op> ops)
    {
        var changed = Enumerable.Range(0, ops.Count).Where(i => ops[i].Kind != "context").ToList();
        var index = 0;
        while (index < changed.Count)
        {
            var start = Math.Max(0, changed[index] - Context);
            var end = changed[index] + 1;
            while (index + 1 < changed.Count && changed[index + 1] - end <= 2 * Context) end = changed[++index] + 1;
            index++;
            var lines = ops.GetRange(start, Math.Min(ops.Count, end + Context) - start);
            var oldCount = lines.Count(l => l.Kind != "insert");
            var newCount = lines.Count(l => l.Kind != "delete");
            yield return new DiffHunk(lines[0].OldLine + (oldCount > 0 ? 1 : 0), oldCount, lines[0].NewLine + (newCount > 0 ? 1 : 0), newCount,
                lines.Select(l => new DiffLine(l.Kind, l.Text)).ToList());
        }
    }

    static string Unified(IReadOnlyList<DiffHunk> hunks, string oldLabel, string newLabel, int maxLines)
    {
        var output = new StringBuilder().Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        var written = 0;
        foreach (var hunk in hunks)
        {
            output.Append($"@@ -{hunk.OldStart},{hunk.OldLines} +{hunk.NewStart},{hunk.NewLines} @@\n");
            foreach (var line in hunk.Lines)
            {
                if (++written > maxLines) return output.Append($"… (diff cut at {maxLines} lines)\n").ToString();
                output.Append(line.Op switch { "delete" => '-', "insert" => '+', _ => ' ' }).Append(line.Text).Append('\n');
            }
        }
        return output.ToString();
    }
}
