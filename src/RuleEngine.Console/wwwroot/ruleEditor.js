// Language services for the rule editor: live diagnostics as Monaco markers, and completion and hover providers.
// BlazorMonaco's C# wrapper exposes none of these Monaco APIs (the trap that stalled elsa-studio#8), so they are
// registered here and call back into .NET (CodeEditor.razor.cs), which asks the REST API
// (POST /api/rules/diagnostics, /completions, /hover) with the signed-in user's key.

const owner = 'ruleengine';
const attached = new Map(); // model uri -> { dotnet, dispose }
let providersRegistered = false;

function editorOf(id) {
    return window.blazorMonaco.editor.getEditor(id);
}

/** Starts diagnostics-as-you-type for one editor and lets the providers answer for its model. */
export function attach(editorId, dotnet, debounceMs) {
    const editor = editorOf(editorId);
    const model = editor.getModel();
    registerProviders();
    let timer = 0;
    const subscription = editor.onDidChangeModelContent(() => {
        clearTimeout(timer);
        timer = setTimeout(() => check(model, dotnet), debounceMs);
    });
    const key = model.uri.toString();
    attached.set(key, { dotnet, dispose: () => { clearTimeout(timer); subscription.dispose(); } });
    check(model, dotnet);
}

export function detach(editorId) {
    let editor;
    try { editor = editorOf(editorId); } catch { return; }
    const model = editor.getModel();
    if (!model) return;
    const key = model.uri.toString();
    attached.get(key)?.dispose();
    attached.delete(key);
}

/** Asks .NET for the diagnostics of the text as it is now; drops the answer if the text changed meanwhile. */
async function check(model, dotnet) {
    if (model.isDisposed()) return;
    const version = model.getVersionId();
    let diagnostics;
    try {
        diagnostics = await dotnet.invokeMethodAsync('Check', model.getValue());
    } catch {
        return; // circuit gone or call refused: the page shows why
    }
    if (model.isDisposed() || model.getVersionId() !== version) return;
    setMarkers(model, diagnostics);
}

/** The server gives line and column (1-based); the marker underlines the word there, or one character. */
function setMarkers(model, diagnostics) {
    const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning };
    monaco.editor.setModelMarkers(model, owner, diagnostics.map(d => {
        const line = Math.min(Math.max(d.line, 1), model.getLineCount());
        const maxColumn = model.getLineMaxColumn(line);
        const column = Math.min(Math.max(d.column, 1), maxColumn);
        const word = model.getWordAtPosition({ lineNumber: line, column });
        let endColumn = word ? word.endColumn : column + 1;
        if (endColumn <= column) endColumn = Math.min(column + 1, maxColumn);
        return {
            severity: severity[d.severity] ?? monaco.MarkerSeverity.Info,
            code: d.id,
            message: d.message,
            startLineNumber: line, startColumn: column, endLineNumber: line, endColumn,
        };
    }));
}

function kindOf(kind) {
    const k = monaco.languages.CompletionItemKind;
    switch ((kind || '').toLowerCase()) {
        case 'method': case 'extensionmethod': return k.Method;
        case 'property': return k.Property;
        case 'field': return k.Field;
        case 'event': return k.Event;
        case 'local': case 'parameter': case 'variable': case 'rangevariable': return k.Variable;
        case 'class': case 'record': return k.Class;
        case 'struct': case 'structure': return k.Struct;
        case 'interface': return k.Interface;
        case 'enum': return k.Enum;
        case 'enummember': return k.EnumMember;
        case 'constant': return k.Constant;
        case 'keyword': return k.Keyword;
        case 'namespace': return k.Module;
        case 'snippet': return k.Snippet;
        default: return k.Text;
    }
}

function registerProviders() {
    if (providersRegistered) return;
    providersRegistered = true;
    monaco.languages.registerCompletionItemProvider('csharp', {
        triggerCharacters: ['.'],
        provideCompletionItems: async (model, position) => {
            const target = attached.get(model.uri.toString());
            if (!target) return { suggestions: [] };
            const version = model.getVersionId();
            const items = await target.dotnet.invokeMethodAsync('Complete', model.getValue(), model.getOffsetAt(position));
            // Typed on meanwhile: these items belong to a word the caret has left, and Monaco would reuse them (with
            // their old range) for the word being typed, which filters everything out. Answer "nothing yet, ask
            // again" instead, and Monaco asks for the current word.
            if (model.getVersionId() !== version) return { suggestions: [], incomplete: true };
            const word = model.getWordUntilPosition(position);
            const range = {
                startLineNumber: position.lineNumber, endLineNumber: position.lineNumber,
                startColumn: word.startColumn, endColumn: word.endColumn,
            };
            return {
                suggestions: items.map(i => ({
                    label: i.label,
                    kind: kindOf(i.kind),
                    detail: i.detail || undefined,
                    documentation: i.documentation ? { value: i.documentation } : undefined,
                    insertText: i.insertText || i.label,
                    range,
                })),
            };
        },
    });
    monaco.languages.registerHoverProvider('csharp', {
        provideHover: async (model, position) => {
            const target = attached.get(model.uri.toString());
            if (!target) return null;
            const markdown = await target.dotnet.invokeMethodAsync('Hover', model.getValue(), model.getOffsetAt(position));
            // Markdown from the server is rendered by Monaco without HTML (isTrusted and supportHtml stay false).
            return markdown ? { contents: [{ value: markdown }] } : null;
        },
    });
}
