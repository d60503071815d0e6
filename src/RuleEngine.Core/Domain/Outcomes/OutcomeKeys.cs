using System.Security.Cryptography;
using System.Text;

namespace RuleEngine.Domain.Outcomes;

/// <summary>
/// Deterministic ids for outcomes: the same rule, customer and reason key always give the same id,
/// so a rerun, a retry or a replay after a crash finds the outcome already there.
/// </summary>
public static class OutcomeKeys
{
    public static string For(string rule, string customerId, string reasonKey) =>
        Hash(rule, customerId, reasonKey);

    /// <summary>A score change's id: led by the customer (one stretch of the key per page of customers), then what changed in which run.</summary>
    public static string ScoreChange(ScoreHistoryEntry e) => $"{e.CustomerId}|{Hash(e.Name, e.Source.RunId,
        e.From?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "", e.To.ToString("R", System.Globalization.CultureInfo.InvariantCulture))}";

    internal static string Hash(params string[] parts)
    {
        // A unit separator between parts so that ("a", "bc") and ("ab", "c") differ.
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }
}
