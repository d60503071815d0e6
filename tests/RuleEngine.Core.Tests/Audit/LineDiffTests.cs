using RuleEngine.Audit;

namespace RuleEngine.Tests.Audit;

public class LineDiffTests
{
    [Fact]
    public void A_changed_line_shows_as_removed_and_added_with_three_lines_of_context()
    {
        var before = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i}"));
        var after = before.Replace("line 5", "line five", StringComparison.Ordinal);

        var diff = LineDiff.Unified(before, after, "a/r.csx", "b/r.csx");

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

        var hunks = LineDiff.Unified(before, after, "a", "b").Split('\n').Where(l => l.StartsWith("@@", StringComparison.Ordinal)).ToList();

        Assert.Equal(["@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@"], hunks);
    }

    [Fact]
    public void A_new_file_is_all_added_lines()
    {
        var diff = LineDiff.Unified(null, "a\nb\n", "/dev/null", "b/r.csx");

        Assert.EndsWith("@@ -0,0 +1,2 @@\n+a\n+b\n", diff);
    }

    [Fact]
    public void Identical_texts_have_no_hunks_whatever_their_line_endings()
    {
        Assert.Equal("--- a\n+++ b\n", LineDiff.Unified("x\r\ny\r\n", "x\ny", "a", "b"));
    }

    [Fact]
    public void An_inserted_line_keeps_the_lines_around_it()
    {
        var diff = LineDiff.Unified("a\nb\nc", "a\nb\nnew\nc", "a", "b");

        Assert.EndsWith("@@ -1,3 +1,4 @@\n a\n b\n+new\n c\n", diff);
    }

    [Fact]
    public void A_long_diff_is_cut_and_says_so()
    {
        var after = string.Join('\n', Enumerable.Range(1, 50).Select(i => $"n{i}"));

        var diff = LineDiff.Unified(null, after, "a", "b", maxLines: 10);

        Assert.Equal(10, diff.Split('\n').Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)));
        Assert.EndsWith("(diff cut at 10 lines)\n", diff);
    }
}
