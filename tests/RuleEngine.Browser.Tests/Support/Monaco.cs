using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace RuleEngine.Browser.Tests.Support;

/// <summary>Reads and drives the rule editor's Monaco instance as a user would: caret placement, real keystrokes.</summary>
public sealed class Monaco(ConsoleBrowser browser, string editorId = "rule-editor")
{
    private string Editor => $"window.blazorMonaco.editor.getEditor('{editorId}')";

    public void WaitUntilReady() => browser.UntilTrue(
        () => browser.Js($"try {{ return !!{Editor}.getModel(); }} catch {{ return false; }}") is true, "the editor to load");

    public string Value() => (string)browser.Js($"return {Editor}.getValue();")!;

    /// <summary>Puts the caret at the end of a 1-based line and gives the editor the keyboard focus.</summary>
    public void CaretAtEndOf(int line) => browser.Js(
        $"const e = {Editor}; e.focus(); e.setPosition({{ lineNumber: {line}, column: e.getModel().getLineMaxColumn({line}) }});");

    public void Type(string keys) => new Actions(browser.Driver).SendKeys(keys).Perform();

    public void Chord(params string[] keys)
    {
        var actions = new Actions(browser.Driver);
        foreach (var modifier in keys[..^1]) actions.KeyDown(modifier);
        actions.SendKeys(keys[^1]);
        foreach (var modifier in keys[..^1].Reverse()) actions.KeyUp(modifier);
        actions.Perform();
    }

    /// <summary>Edits the text in the model (an undoable edit, as a paste would be).</summary>
    public void Replace(string oldText, string newText) => browser.Js(
        $"const e = {Editor}; const m = e.getModel(); const match = m.findMatches(arguments[0], false, false, true, null, false)[0];" +
        "e.executeEdits('test', [{ range: match.range, text: arguments[1] }]);", oldText, newText);

    /// <summary>The markers the console set (line, severity: 8 error, 4 warning), as Monaco holds them.</summary>
    public IReadOnlyList<(long Line, long Severity, string Message)> Markers()
    {
        var raw = (IReadOnlyCollection<object>)browser.Js(
            $"return monaco.editor.getModelMarkers({{ owner: 'ruleengine', resource: {Editor}.getModel().uri }})" +
            ".map(m => [m.startLineNumber, m.severity, m.message]);")!;
        return raw.Cast<IReadOnlyCollection<object>>()
            .Select(m => m.ToArray())
            .Select(m => ((long)m[0], (long)m[1], (string)m[2]))
            .ToList();
    }

    public static string Ctrl => Keys.Control;
    public static string Shift => Keys.Shift;
}
