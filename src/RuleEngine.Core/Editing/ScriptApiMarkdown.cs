using System.Text;

namespace RuleEngine.Editing;

/// <summary>Writes <see cref="ScriptApiReference"/> as docs/script-api.md (kept in step by a test; never edited by hand).</summary>
public static class ScriptApiMarkdown
{
    public static string Write(IReadOnlyList<ScriptApiMember> members)
    {
        var text = new StringBuilder()
            .Append("# Script API reference\n\n")
            .Append("<!-- Generated from the script API's XML docs by ScriptApiMarkdown; do not edit by hand. ")
            .Append("Regenerate: UPDATE_SCRIPT_API_DOC=1 dotnet test tests/RuleEngine.Core.Tests --filter ScriptApiDocTests -->\n\n")
            .Append("Everything a rule can use besides the allowed parts of .NET. The members of the first section are in scope in ")
            .Append("every rule (write `SpendWithin(365)`, not `this.SpendWithin(365)`); the others are the types they return. ")
            .Append("The same text appears in the editor's completion and hover, and at `GET /api/rules/script-api`.\n");
        foreach (var group in members.GroupBy(Section))
        {
            text.Append("\n## ").Append(group.Key == "" ? "In scope in every rule" : $"`{group.Key}`").Append("\n\n");
            foreach (var member in group)
            {
                if (member.Name == group.Key)
                {
                    text.Append('`').Append(member.Signature).Append("`\n\n");
                    AppendDoc(text, member);
                    continue;
                }
                text.Append("- `").Append(member.Signature).Append("` (").Append(member.Kind).Append(')');
                if (member.Summary.Length > 0) text.Append(": ").Append(member.Summary);
                if (member.Returns.Length > 0) text.Append(" Returns: ").Append(member.Returns);
                if (member.Remarks.Length > 0) text.Append(" *").Append(member.Remarks).Append('*');
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    static void AppendDoc(StringBuilder text, ScriptApiMember member)
    {
        if (member.Summary.Length > 0) text.Append(member.Summary).Append("\n\n");
        if (member.Remarks.Length > 0) text.Append(member.Remarks).Append("\n\n");
    }

    /// <summary>"" for the members in scope; the type's name for a type and its members.</summary>
    static string Section(ScriptApiMember member) =>
        member.Kind is "class" or "record" or "struct" or "enum" or "interface" or "delegate" ? member.Name
        : member.Name.Contains('.', StringComparison.Ordinal) ? member.Name[..member.Name.IndexOf('.', StringComparison.Ordinal)]
        : "";
}
