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
    /// <remarks>
    /// Each <see cref="Order.At"/> is a <see cref="DateTime"/> in UTC. "Up to" includes the instant itself: an order placed
    /// exactly at <see cref="Now"/> (the run's as-of time) counts, here and in <see cref="SpendWithin"/> and the other
    /// aggregates; one placed a tick later does not. A refund after <see cref="Now"/> has not happened yet, so that order is still paid.
    /// </remarks>
    public IReadOnlyList<Order> Orders => Context.Orders;

    /// <summary>The customer's interaction events up to <see cref="Now"/>, oldest first.</summary>
    public IReadOnlyList<InteractionEvent> Events => Context.Events;

    /// <summary>The run's clock (UTC): fixed for the whole run, and in the past for an as-of run.</summary>
    /// <remarks>
    /// A <see cref="DateTime"/> with <c>Kind == DateTimeKind.Utc</c>: the run's as-of instant. Compare it with the UTC times
    /// of orders and events; for a local clock time use <c>TimeZoneInfo.ConvertTimeFromUtc(Now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))</c>.
    /// </remarks>
    public DateTime Now => Context.Now;

    /// <summary>The run's date (UTC).</summary>
    /// <remarks>
    /// A <see cref="DateOnly"/>: the date of <see cref="Now"/> in UTC, not in the rule header's <c>timeZone</c> (which only
    /// decides when the schedule fires). A run scheduled at 02:00 Asia/Shanghai runs at 18:00 UTC, so its Today is the
    /// previous Shanghai day. For the local date write
    /// <c>DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")))</c>.
    /// </remarks>
    public DateOnly Today => DateOnly.FromDateTime(Context.Now);

    /// <summary>Parameters given to the run (strings by name); empty when none were given.</summary>
    public IReadOnlyDictionary<string, string> Parameters => Context.Parameters;

    /// <summary>Writes a line to the run's log (never write personal data such as names, phones or e-mails).</summary>
    public void Log(string message) => Context.Log(message);
}
