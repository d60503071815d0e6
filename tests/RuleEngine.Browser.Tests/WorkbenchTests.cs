using System.Net;
using OpenQA.Selenium;
using RuleEngine.Browser.Tests.Support;

namespace RuleEngine.Browser.Tests;

/// <summary>The analysts' workbench end to end, in a real browser against a real server (see docs/writing-rules.md).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class WorkbenchTests(ConsoleFixture fixture)
{
    private ConsoleBrowser Browser => fixture.Browser;

    [Fact]
    public void Analyst_edits_checks_completes_tests_previews_saves_diffs_and_rolls_back()
    {
        Browser.Go("rules");
        Browser.SignIn(ConsoleServer.AnalystKey);
        Browser.WaitFor($"tr[data-rule='{TestRules.SpendBand}']");
        Assert.Equal("analyst", Browser.Find("#current-role").Text);
        AssertNoHorizontalOverflow("#rules");
        Browser.Screenshot("rule-list");

        Browser.Find($"tr[data-rule='{TestRules.SpendBand}'] a").Click();
        var editor = new Monaco(Browser);
        editor.WaitUntilReady();
        Browser.WaitFor("#diagnostics-ok");

        // An error typed on a new line 7 is underlined on line 7.
        editor.CaretAtEndOf(6);
        editor.Type(Keys.Enter + "var broken = NoSuchThing;");
        var marker = Browser.Until(() => editor.Markers().FirstOrDefault(m => m.Severity == 8) is { Message: not null } m ? (object)m : null,
            "an error marker");
        var error = ((long Line, long Severity, string Message))marker;
        Assert.Equal(7, error.Line);
        Assert.Contains("NoSuchThing", error.Message);
        Browser.WaitFor(".monaco-editor .squiggly-error");
        Browser.WaitFor("#diagnostics li.error");
        Browser.Screenshot("editor-diagnostics");

        // Replace it with a completion from the server's list: the list appears, Tab accepts it.
        editor.Type(Keys.Home);
        editor.Chord(Keys.Shift, Keys.End);
        editor.Type("var recent = SpendW");
        IWebElement? Offered() => Browser.FindAll(".suggest-widget.visible .monaco-list-row")
            .FirstOrDefault(r => (r.GetAttribute("aria-label") ?? r.Text).Contains("SpendWithin"));
        // The list opens by itself as the word is typed; on a machine too loaded for Monaco's typing heuristics the
        // analyst's other way, Ctrl+Space, asks for it (both are the server's completions).
        try
        {
            Browser.Until(Offered, "SpendWithin offered while typing", TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            editor.Chord(Keys.Control, Keys.Space);
        }
        Browser.Until(Offered, "SpendWithin in the completion list");
        Browser.Screenshot("editor-completion");
        editor.Type(Keys.Tab + "(30);");
        Browser.UntilTrue(() => editor.Value().Contains("var recent = SpendWithin(30);"), "the accepted completion in the text");
        Browser.UntilTrue(() => editor.Markers().Count == 0, "the error marker to go");
        Browser.WaitFor("#diagnostics-ok");

        // Lower the threshold: its tests still pass (Ctrl+Enter), and the preview shows who moves (Ctrl+Shift+P).
        editor.Replace("spend >= 2000", "spend >= 500");
        editor.Chord(Keys.Control, Keys.Enter);
        var summary = Browser.Until(() => Browser.TryFind("#tests-summary"), "the test results");
        Assert.StartsWith("2 of 2 passed", summary.Text);
        Browser.Screenshot("editor-tests");

        editor.Chord(Keys.Control, Keys.Shift, "p");
        var moves = Browser.WaitFor("#moves", TimeSpan.FromSeconds(90));
        Assert.Contains(moves.FindElements(By.CssSelector("tbody tr")), row => row.Text.Contains("band") && row.Text.Contains("high"));
        Browser.Screenshot("editor-preview");

        // Save (Ctrl+S): it compiles and its tests pass, so it goes live; the history shows it and its diff.
        editor.Chord(Keys.Control, "s");
        Browser.UntilTrue(() => Browser.TryFind("#save-status")?.Text.Contains("is live") == true, "the save to go live");
        Browser.Find("#tab-history").Click();
        var rows = Browser.Until(() => Browser.FindAll("#versions tbody tr") is { Count: >= 2 } r ? r : null, "two versions in the history");
        Assert.Contains("live", rows[0].Text);
        rows[0].FindElement(By.CssSelector(".diff")).Click();
        var diff = Browser.WaitFor("#diff");
        Assert.Contains(diff.FindElements(By.CssSelector("td.ins")), cell => cell.Text.Contains("spend >= 500"));
        Assert.Contains(diff.FindElements(By.CssSelector("td.del")), cell => cell.Text.Contains("spend >= 2000"));
        Browser.Screenshot("editor-history-diff");

        // Roll back to the version before: it is live again and the editor shows its text.
        Browser.FindAll("#versions tbody tr")[1].FindElement(By.CssSelector(".rollback")).Click();
        Browser.UntilTrue(() => Browser.TryFind("#save-status")?.Text.Contains("Rolled back") == true, "the rollback");
        Browser.UntilTrue(() => editor.Value().Contains("spend >= 2000"), "the rolled-back text in the editor");
    }

    [Fact]
    public void A_load_file_opens_read_only()
    {
        Browser.Go($"rules/{TestRules.SpendBand}");
        Browser.SignIn(ConsoleServer.AnalystKey);
        Browser.Until(() => Browser.FindAll(".load-file").FirstOrDefault(b => b.Text.Contains("calendar.csx")), "the #load button").Click();
        Browser.WaitFor("#loaded-file");
        var loaded = new Monaco(Browser, "loaded-file-editor");
        loaded.WaitUntilReady();
        Assert.NotEmpty(loaded.Value());
        Assert.True((bool)Browser.Js("return window.blazorMonaco.editor.getEditor('loaded-file-editor').getRawOptions().readOnly;")!);
    }

    [Fact]
    public async Task Auditor_sees_no_save_button_and_a_direct_write_is_refused()
    {
        Browser.Go($"rules/{TestRules.SpendBand}");
        Browser.SignIn(ConsoleServer.AuditorKey);
        new Monaco(Browser).WaitUntilReady();
        Browser.WaitFor("#read-only-note");
        Assert.Null(Browser.TryFind("#save"));
        Assert.Null(Browser.TryFind("#preview"));
        Assert.Null(Browser.TryFind("#real-run"));
        Browser.Screenshot("auditor-read-only");

        using var auditor = fixture.Server.Client(ConsoleServer.AuditorKey);
        using var write = await auditor.PutAsync($"/api/rules/{TestRules.SpendBand}",
            new StringContent(TestRules.SpendBandSource, System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public void A_wrong_key_is_refused_at_sign_in_and_sign_out_forgets_the_key()
    {
        Browser.Go("rules");
        var shown = Browser.Until(() => Browser.TryFind("#api-key") ?? Browser.TryFind("#sign-out"), "the page");
        if (shown.GetAttribute("id") == "sign-out") shown.Click();
        Browser.WaitFor("#api-key").SendKeys("not-a-key");
        Browser.Find("#sign-in").Click();
        Assert.Contains("not known", Browser.WaitFor("#sign-in-error").Text);

        Browser.SignIn(ConsoleServer.AnalystKey);
        Browser.Find("#sign-out").Click();
        Browser.WaitFor("#api-key");
        Browser.Driver.Navigate().Refresh();
        Browser.WaitFor("#api-key"); // not signed in again from storage
        var stored = (string)Browser.Js("return JSON.stringify(Object.assign({}, localStorage)) + JSON.stringify(Object.assign({}, sessionStorage)) + document.cookie;")!;
        Assert.DoesNotContain(ConsoleServer.AnalystKey, stored);
    }

    private void AssertNoHorizontalOverflow(string css) => Assert.True(
        (bool)Browser.Js($"const t = document.querySelector('{css}'); return t.scrollWidth <= t.parentElement.clientWidth + 1;")!,
        $"{css} is wider than the page (a long name broke the layout)");
}
