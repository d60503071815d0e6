using RuleEngine.Editing;

namespace RuleEngine.Tests.Editing;

/// <summary>DiffPlex behind the unified diffs the audit log keeps and the diff endpoint serves (they replaced a hand-written LCS).</summary>
public class TextDiffTests
{
    [Fact]
    public void A_changed_line_shows_as_removed_and_added_with_three_lines_of_context()
    {
        var before = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i}"));
        var after = before.Replace("line 5", "line five", StringComparison.Ordinal);

        var diff = TextDiff.Unified(before, after, "a/r.csx", "b/r.csx");

        Assert.Equal("""
            --- a/r.csx
            +++ b/r.csx
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """.Replace("\r\n", "\n", StringComparison.Ordinal), diff);
    }

    [Fact]
    public void Changes_far_apart_get_a_hunk_each()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"l{i}"));
        var after = before.Replace("l2\n", "l2b\n", StringComparison.Ordinal).Replace("l19", "l19b", StringComparison.Ordinal);

        var hunks = TextDiff.Unified(before, after, "a", "b").Split('\n').Where(l => l.StartsWith("@@", StringComparison.Ordinal)).ToList();

        Assert.Equal(["@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@"], hunks);
    }

    [Fact]
    public void A_new_file_is_all_added_lines()
    {
        var diff = TextDiff.Unified(null, "a\nb\n", "/dev/null", "b/r.csx");

        Assert.EndsWith("@@ -0,0 +1,2 @@\n+a\n+b\n", diff);
    }

    [Fact]
    public void Identical_texts_have_no_hunks_whatever_their_line_endings()
    {
        Assert.Equal("--- a\n+++ b\n", TextDiff.Unified("x\r\ny\r\n", "x\ny", "a", "b"));
    }

    [Fact]
    public void An_inserted_line_keeps_the_lines_around_it()
    {
        var diff = TextDiff.Unified("a\nb\nc", "a\nb\nnew\nc", "a", "b");

        Assert.EndsWith("@@ -1,3 +1,4 @@\n a\n b\n+new\n c\n", diff);
    }

    [Fact]
    public void A_long_diff_is_cut_and_says_so()
    {
        var after = string.Join('\n', Enumerable.Range(1, 50).Select(i => $"n{i}"));

        var diff = TextDiff.Unified(null, after, "a", "b", maxLines: 10);

        Assert.Equal(10, diff.Split('\n').Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)));
        Assert.EndsWith("(diff cut at 10 lines)\n", diff);
    }

    [Fact]
    public void Hunks_carry_the_same_lines_as_the_unified_text()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"l{i}"));
        var after = before.Replace("l2\n", "l2b\n", StringComparison.Ordinal).Replace("l19", "l19b", StringComparison.Ordinal);

        var diff = TextDiff.Compare(before, after, "a", "b");

        Assert.Equal(2, diff.Hunks.Count);
        var first = diff.Hunks[0];
        Assert.Equal((1, 5, 1, 5), (first.OldStart, first.OldLines, first.NewStart, first.NewLines));
        Assert.Equal([("context", "l1"), ("delete", "l2"), ("insert", "l2b"), ("context", "l3"), ("context", "l4"), ("context", "l5")],
            first.Lines.Select(l => (l.Op, l.Text)));
        var rebuilt = "--- a\n+++ b\n" + string.Concat(diff.Hunks.Select(h =>
            $"@@ -{h.OldStart},{h.OldLines} +{h.NewStart},{h.NewLines} @@\n" + string.Concat(h.Lines.Select(l =>
                (l.Op == "delete" ? "-" : l.Op == "insert" ? "+" : " ") + l.Text + "\n"))));
        Assert.Equal(diff.Unified, rebuilt);
    }
}
