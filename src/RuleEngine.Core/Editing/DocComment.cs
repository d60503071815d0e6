using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace RuleEngine.Editing;

/// <summary>A symbol's XML documentation as plain text (what completion lists and the script API reference show).</summary>
public sealed record DocComment(string Summary, string Returns, string Remarks)
{
    public static readonly DocComment None = new("", "", "");

    public static DocComment Of(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: true);
        if (string.IsNullOrWhiteSpace(xml)) return None;
        try
        {
            var member = XElement.Parse(xml);
            return new DocComment(Text(member.Element("summary")), Text(member.Element("returns")), Text(member.Element("remarks")));
        }
        catch (System.Xml.XmlException)
        {
            return None;
        }
    }

    /// <summary>Inline tags become their names (<c>see cref</c>, <c>paramref</c>) or code (<c>c</c>); whitespace is folded.</summary>
    static string Text(XElement? element)
    {
        if (element is null) return "";
        var text = new StringBuilder();
        foreach (var node in element.Nodes()) Append(node, text);
        return string.Join(' ', text.ToString().Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    static void Append(XNode node, StringBuilder text)
    {
        switch (node)
        {
            case XText t:
                text.Append(t.Value);
                break;
            case XElement { Name.LocalName: "see" or "seealso" } see:
                text.Append(see.Attribute("langword")?.Value ?? ShortName(see.Attribute("cref")?.Value ?? see.Value));
                break;
            case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                text.Append(reference.Attribute("name")?.Value);
                break;
            case XElement { Name.LocalName: "c" or "code" } code:
                text.Append('`').Append(code.Value).Append('`');
                break;
            case XElement { Name.LocalName: "para" } para:
                text.Append(' ');
                foreach (var child in para.Nodes()) Append(child, text);
                text.Append(' ');
                break;
            case XElement other:
                foreach (var child in other.Nodes()) Append(child, text);
                break;
        }
    }

    /// <summary><c>M:RuleEngine.Scripting.Api.RuleScript.SpendWithin(System.Int32)</c> → <c>SpendWithin</c>.</summary>
    static string ShortName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var parameters = name.IndexOf('(');
        if (parameters >= 0) name = name[..parameters];
        return name[(name.LastIndexOf('.') + 1)..].Split('`')[0];
    }
}
