using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using RuleEngine.Domain;

namespace RuleEngine.Scripting.Api;

/// <summary>
/// What a rule script is compiled into: the script's top-level code becomes <see cref="Evaluate"/>, called
/// once per customer. Everything public here is the script API that analysts write against; see
/// docs/writing-rules.md for a tutorial.
/// </summary>
public abstract partial class RuleScript
{
    RuleContext? _context;

    // The throw sits in a helper so that this getter stays small enough to inline into every API member that reads it.
    RuleContext Context => _context ?? NotBound();

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    static RuleContext NotBound() => throw new InvalidOperationException("The rule is not bound to a customer.");

    /// <summary>Binds this rule to a customer's facts; the runner calls this before each <see cref="Evaluate"/>.</summary>
    internal void Bind(RuleContext context) => _context = context;

    /// <summary>The rule's own code for one customer (the script's top-level statements).</summary>
    public abstract void Evaluate();

    /// <summary>The customer being evaluated.</summary>
    public Customer Customer => Context.Customer;

    /// <summary>The customer's orders up to <see cref="Now"/>, oldest first (refunded ones included; see <see cref="Order.Status"/>).</summary>
    public IReadOnlyList<Order> Orders => Context.Orders;

    /// <summary>The customer's interaction events up to <see cref="Now"/>, oldest first.</summary>
    public IReadOnlyList<InteractionEvent> Events => Context.Events;

    /// <summary>The run's clock (UTC): fixed for the whole run, and in the past for an as-of run.</summary>
    public DateTime Now => Context.Now;

    /// <summary>The run's date (UTC).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Context.Now);

    /// <summary>Parameters given to the run (strings by name); empty when none were given.</summary>
    public IReadOnlyDictionary<string, string> Parameters => Context.Parameters;

    /// <summary>Writes a line to the run's log (never write personal data such as names, phones or e-mails).</summary>
    public void Log(string message) => Context.Log(message);
}
