using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RuleEngine.Benefits.Catalog;

namespace RuleEngine.Benefits.Draws;

/// <summary>
/// The random part of a draw, derived rather than generated: HMAC-SHA256 keyed with the server's draw secret over
/// <c>campaign \u001f customerId \u001f idempotencyKey</c>; the first 8 bytes (big-endian) shifted to 53 bits and
/// divided by 2^53 give a number uniform in [0, 1). Anyone with the secret can recompute a draw from its audit record;
/// without the secret a member cannot predict it, and retrying with the same key gives the same number.
/// </summary>
public static class DrawRoll
{
    public static double Of(byte[] secret, string campaign, string customerId, string idempotencyKey)
    {
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{campaign}\u001f{customerId}\u001f{idempotencyKey}"));
        return (BinaryPrimitives.ReadUInt64BigEndian(mac) >> 11) / (double)(1UL << 53);
    }

    /// <summary>
    /// The prize a roll picks: prizes in catalog order, each taking a slice of [0, 1) as wide as its odds; the first
    /// slice that reaches past the roll wins (rounding past the last slice gives the last prize with odds).
    /// </summary>
    public static DrawPrize Pick(DrawCampaign campaign, double roll)
    {
        var cumulative = 0.0;
        foreach (var prize in campaign.Prizes)
        {
            cumulative += prize.Odds;
            if (prize.Odds > 0 && roll < cumulative) return prize;
        }
        return campaign.Prizes.Last(p => p.Odds > 0);
    }
}
