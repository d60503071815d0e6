// Page-wide keyboard shortcuts (also while the editor has the focus: listened to in the capture phase, before Monaco).
// The page shows them beside its buttons; each calls back OnShortcut(name) on the .NET side.
const bindings = [
    { name: 'save', ctrl: true, shift: false, key: 's' },
    { name: 'tests', ctrl: true, shift: false, key: 'enter' },
    { name: 'preview', ctrl: true, shift: true, key: 'p' },
];

export function listen(dotnet) {
    const handler = e => {
        const ctrl = e.ctrlKey || e.metaKey;
        const key = (e.key || '').toLowerCase();
        const binding = bindings.find(b => b.ctrl === ctrl && b.shift === e.shiftKey && b.key === key);
        if (!binding) return;
        e.preventDefault();
        e.stopPropagation();
        dotnet.invokeMethodAsync('OnShortcut', binding.name);
    };
    window.addEventListener('keydown', handler, true);
    return { dispose: () => window.removeEventListener('keydown', handler, true) };
}
