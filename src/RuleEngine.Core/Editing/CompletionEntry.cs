namespace RuleEngine.Editing;

/// <summary>
/// One completion the editor offers: <paramref name="Label"/> as listed, <paramref name="Kind"/> (method, property,
/// class, keyword...), <paramref name="Detail"/> its signature, <paramref name="Documentation"/> its XML doc summary,
/// <paramref name="InsertText"/> what accepting it inserts over the word being typed.
/// </summary>
public sealed record CompletionEntry(string Label, string Kind, string Detail, string Documentation, string InsertText);
