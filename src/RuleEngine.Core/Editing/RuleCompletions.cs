using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Tags;
using RuleEngine.Scripting.Safety;

namespace RuleEngine.Editing;

/// <summary>
/// Roslyn's own completion list at a position, filtered through the rules' allow-list: an item stays only when the
/// symbol it names may be used in a rule (<see cref="AllowedSymbols"/>), so the editor never offers File, Process,
/// reflection or threads. Each item carries the symbol's signature and XML doc summary.
/// </summary>
static class RuleCompletions
{
    static readonly ImmutableArray<string> AccessTags =
        [WellKnownTags.Public, WellKnownTags.Protected, WellKnownTags.Private, WellKnownTags.Internal];

    public static async Task<IReadOnlyList<CompletionEntry>> GetAsync(Document document, int position, CancellationToken cancellation)
    {
        var service = CompletionService.GetService(document);
        if (service is null) return [];
        var list = await service.GetCompletionsAsync(document, position, cancellationToken: cancellation);
        if (list.ItemsList.Count == 0) return [];

        var model = (await document.GetSemanticModelAsync(cancellation))!;
        var root = await document.GetSyntaxRootAsync(cancellation);
        var lookupAt = list.Span.Start;
        var container = Receiver(model, root!, lookupAt, cancellation);
        var own = model.Compilation.Assembly;
        // Whatever follows a refused type or namespace is refused with it (File.ReferenceEquals, typeof(x).Name).
        if (container is not null && !AllowedSymbols.IsAllowed(container, own)) return [];

        var entries = new List<CompletionEntry>(list.ItemsList.Count);
        foreach (var item in list.ItemsList)
        {
            var kindTag = item.Tags.FirstOrDefault(t => !AccessTags.Contains(t)) ?? "text";
            if (kindTag == WellKnownTags.Keyword)
            {
                if (!ForbiddenSyntax.Keywords.Contains(item.DisplayText))
                    entries.Add(new CompletionEntry(item.DisplayText, "keyword", "", "", item.DisplayText));
                continue;
            }
            var name = item.Properties.TryGetValue("SymbolName", out var symbolName) ? symbolName : item.DisplayText;
            var symbols = model.LookupSymbols(lookupAt, container, name, includeReducedExtensionMethods: true);
            // Unresolvable means unvetted: an item the allow-list cannot judge is not offered.
            var symbol = symbols.FirstOrDefault(s => AllowedSymbols.IsAllowed(s, own));
            if (symbol is null) continue;
            var insert = item.Properties.TryGetValue("InsertionText", out var insertion) ? insertion : item.DisplayText;
            entries.Add(new CompletionEntry(item.DisplayTextPrefix + item.DisplayText + item.DisplayTextSuffix,
                SymbolText.Kind(symbol), symbol.ToDisplayString(SymbolText.Signature), DocComment.Of(symbol).Summary, insert));
        }
        return entries;
    }

    /// <summary>
    /// What the member list is of when the caret follows a dot: a namespace, a type (static members) or an
    /// expression's type; null for plain names in scope (locals, the script API, types of the default usings).
    /// </summary>
    static INamespaceOrTypeSymbol? Receiver(SemanticModel model, SyntaxNode root, int position, CancellationToken cancellation)
    {
        if (position == 0) return null;
        var token = root.FindToken(position - 1);
        if (!token.IsKind(SyntaxKind.DotToken) && !token.IsKind(SyntaxKind.MinusGreaterThanToken)) return null;
        var left = token.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            QualifiedNameSyntax qualified => qualified.Left,
            MemberBindingExpressionSyntax { Parent: var binding } => (binding?.Parent as ConditionalAccessExpressionSyntax)?.Expression
                ?? binding?.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
            _ => null,
        };
        if (left is null) return null;
        if (model.GetSymbolInfo(left, cancellation).Symbol is INamespaceOrTypeSymbol named) return named;
        var type = model.GetTypeInfo(left, cancellation).Type;
        return type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && token.Parent is MemberBindingExpressionSyntax
            ? nullable.TypeArguments[0]
            : type;
    }
}
