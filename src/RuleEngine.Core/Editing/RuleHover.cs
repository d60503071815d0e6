using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.QuickInfo;
using RuleEngine.Scripting.Safety;

namespace RuleEngine.Editing;

/// <summary>
/// Roslyn's quick info at a position as Markdown: the signature in a C# block, then the XML doc (summary, returns,
/// remarks). A symbol the allow-list refuses says so, as validate would.
/// </summary>
static class RuleHover
{
    public static async Task<string?> GetAsync(Document document, int position, CancellationToken cancellation)
    {
        var service = QuickInfoService.GetService(document);
        if (service is null) return null;
        var info = await service.GetQuickInfoAsync(document, position, cancellation);
        if (info is null) return null;

        var markdown = new StringBuilder();
        foreach (var section in info.Sections)
        {
            if (string.IsNullOrWhiteSpace(section.Text)) continue;
            if (section.Kind == QuickInfoSectionKinds.Description)
                markdown.Append("```csharp\n").Append(section.Text).Append("\n```\n");
            else
                markdown.Append('\n').Append(section.Text).Append('\n');
        }
        if (await RefusedSymbolAsync(document, position, cancellation) is { } refused)
            markdown.Append("\n**Not allowed in rules:** `").Append(refused).Append("` is outside the script API and the allowed parts of .NET.\n");
        return markdown.Length == 0 ? null : markdown.ToString().TrimEnd('\n');
    }

    static async Task<string?> RefusedSymbolAsync(Document document, int position, CancellationToken cancellation)
    {
        var model = await document.GetSemanticModelAsync(cancellation);
        var root = await document.GetSyntaxRootAsync(cancellation);
        if (model is null || root is null || position >= root.FullSpan.End) return null;
        var node = root.FindToken(position).Parent;
        if (node is null) return null;
        var symbol = model.GetSymbolInfo(node, cancellation).Symbol;
        return symbol is not null && !AllowedSymbols.IsAllowed(symbol, model.Compilation.Assembly)
            ? symbol.ToDisplayString(SymbolText.Signature)
            : null;
    }
}
