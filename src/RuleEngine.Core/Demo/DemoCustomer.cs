using RuleEngine.Domain;

namespace RuleEngine.Demo;

/// <summary>One generated customer with their history, as ops would load it.</summary>
public sealed record DemoCustomer(Customer Customer, IReadOnlyList<Order> Orders, IReadOnlyList<InteractionEvent> Events);

/// <summary>How a demo customer behaves; it decides how much and how recently they buy.</summary>
internal enum DemoPersona { Heavy, Regular, Light, Lapsed }
