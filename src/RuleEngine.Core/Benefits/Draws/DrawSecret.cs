using System.Security.Cryptography;

namespace RuleEngine.Benefits.Draws;

/// <summary>
/// The key of every draw's HMAC: <c>RuleEngine:Benefits:DrawSecret</c> (base64, or any text) when configured, else
/// <c>draw-secret.key</c> in the data folder, created with 32 random bytes on first start and read on every later one,
/// so draws stay reproducible across restarts. Never logged or returned by the API; auditors get it from ops.
/// </summary>
public sealed class DrawSecret
{
    public const string FileName = "draw-secret.key";

    DrawSecret(byte[] key) => Key = key;

    internal byte[] Key { get; }

    public double Roll(string campaign, string customerId, string idempotencyKey) => DrawRoll.Of(Key, campaign, customerId, idempotencyKey);

    public static DrawSecret Load(string? configured, string dataPath)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return new DrawSecret(Decode(configured));
        var path = Path.Combine(dataPath, FileName);
        if (File.Exists(path)) return new DrawSecret(Decode(File.ReadAllText(path).Trim()));
        Directory.CreateDirectory(dataPath);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try { File.Move(temp, path, overwrite: false); }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs, so both agree.
            File.Delete(temp);
            return new DrawSecret(Decode(File.ReadAllText(path).Trim()));
        }
        return new DrawSecret(key);
    }

    /// <summary>Base64 when it is, else the text's UTF-8 bytes.</summary>
    static byte[] Decode(string secret)
    {
        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) && written >= 16
            ? buffer[..written]
            : System.Text.Encoding.UTF8.GetBytes(secret);
    }
}
