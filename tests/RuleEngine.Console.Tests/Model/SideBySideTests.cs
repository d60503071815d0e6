using RuleEngine.Console.Model;

namespace RuleEngine.Console.Tests.Model;

public class SideBySideTests
{
    [Fact]
    public void A_changed_line_is_one_row_old_left_new_right_and_numbers_follow_each_side()
    {
        var hunk = new DiffHunk(5, 3, 5, 4,
        [
            new(" ", "var spend = SpendWithin(365);"),
            new("-", "var band = spend >= 2000 ? \"high\" : \"low\";"),
            new("+", "var band = spend >= 500 ? \"high\" : \"low\";"),
            new("+", "// lowered"),
            new(" ", "SetSegment(\"band\", band);"),
        ]);

        var rows = SideBySide.Rows(hunk);

        Assert.Equal(4, rows.Count);
        Assert.Equal(new SideBySide.Row(SideBySide.RowKind.Same, 5, "var spend = SpendWithin(365);", 5, "var spend = SpendWithin(365);"), rows[0]);
        Assert.Equal(SideBySide.RowKind.Changed, rows[1].Kind);
        Assert.Equal((6, 6), (rows[1].OldNumber, rows[1].NewNumber));
        Assert.Contains("2000", rows[1].OldText);
        Assert.Contains("500", rows[1].NewText);
        Assert.Equal(new SideBySide.Row(SideBySide.RowKind.Inserted, null, null, 7, "// lowered"), rows[2]);
        Assert.Equal((7, 8), (rows[3].OldNumber, rows[3].NewNumber));
    }

    [Theory]
    [InlineData("delete", "insert")]
    [InlineData("deleted", "inserted")]
    [InlineData("-", "+")]
    public void Ops_spelled_as_words_or_signs_mean_the_same(string delete, string insert)
    {
        var rows = SideBySide.Rows(new DiffHunk(1, 1, 1, 1, [new(delete, "a"), new(insert, "b")]));

        Assert.Equal(new SideBySide.Row(SideBySide.RowKind.Changed, 1, "a", 1, "b"), Assert.Single(rows));
    }
}
