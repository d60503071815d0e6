using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace RuleEngine.Console.Components.Layout;

public partial class App
{
    /// <summary>
    /// Interactive on the server, without prerendering: the sign-in lives in the circuit and the tab's protected
    /// storage, neither of which a prerender (a plain HTTP GET without the key) can see.
    /// </summary>
    private static readonly IComponentRenderMode Mode = new InteractiveServerRenderMode(prerender: false);
}
