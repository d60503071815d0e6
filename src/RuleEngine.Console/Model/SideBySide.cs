namespace RuleEngine.Console.Model;

/// <summary>
/// Turns a unified hunk into side-by-side rows: unchanged lines on both sides, and each run of deleted lines paired
/// with the inserted lines that follow it (a changed line shows old left, new right on one row).
/// </summary>
public static class SideBySide
{
    public enum RowKind { Same, Changed, Deleted, Inserted }

    public sealed record Row(RowKind Kind, int? OldNumber, string? OldText, int? NewNumber, string? NewText);

    public static IReadOnlyList<Row> Rows(DiffHunk hunk)
    {
        var rows = new List<Row>();
        int oldLine = hunk.OldStart, newLine = hunk.NewStart;
        var deleted = new List<string>();
        var inserted = new List<string>();

        void Flush()
        {
            for (var i = 0; i < Math.Max(deleted.Count, inserted.Count); i++)
            {
                var hasOld = i < deleted.Count;
                var hasNew = i < inserted.Count;
                var kind = hasOld && hasNew ? RowKind.Changed : hasOld ? RowKind.Deleted : RowKind.Inserted;
                rows.Add(new Row(kind, hasOld ? oldLine++ : null, hasOld ? deleted[i] : null, hasNew ? newLine++ : null, hasNew ? inserted[i] : null));
            }
            deleted.Clear();
            inserted.Clear();
        }

        foreach (var line in hunk.Lines)
        {
            switch (Op(line.Op))
            {
                case '-':
                    if (inserted.Count > 0) Flush();
                    deleted.Add(line.Text);
                    break;
                case '+':
                    inserted.Add(line.Text);
                    break;
                default:
                    Flush();
                    rows.Add(new Row(RowKind.Same, oldLine++, line.Text, newLine++, line.Text));
                    break;
            }
        }
        Flush();
        return rows;
    }

    /// <summary>The op as '-', '+' or ' ', whether the server spells it as a sign or a word.</summary>
    private static char Op(string op) => op.ToLowerInvariant() switch
    {
        "-" or "delete" or "deleted" or "del" or "remove" or "removed" => '-',
        "+" or "insert" or "inserted" or "ins" or "add" or "added" => '+',
        _ => ' ',
    };
}
