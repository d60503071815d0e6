using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using RuleEngine.Scripting.Api;

namespace RuleEngine.Scripting.Loading;

/// <summary>
/// Whether a compiled rule can read the customer's events, so that a run over a rule that never does skips reading
/// them (they are the largest input: several times the orders). Decided from the emitted assembly rather than the
/// source, so it sees exactly what the code calls, #load-ed files and cached compiles included. A script reaches
/// events only through the <see cref="RuleScript"/> members named here (reflection, dynamic and delegates over
/// members are refused at compile time), and every such use, lambdas and method groups included, leaves a member
/// reference to that member in the assembly's metadata. When in doubt (unreadable metadata) the answer is yes.
/// </summary>
public static class EventReads
{
    /// <summary>
    /// The script API members that read events. A new API member that does must be added here; a test lists every
    /// public member of <see cref="RuleScript"/> and fails until each is classified.
    /// </summary>
    public static readonly IReadOnlySet<string> Members = new HashSet<string>(StringComparer.Ordinal)
    {
        "get_" + nameof(RuleScript.Events), nameof(RuleScript.EventsOfType), "get_" + nameof(RuleScript.SignInStreak),
    };

    public static bool By(byte[] image)
    {
        try
        {
            using var pe = new PEReader(new MemoryStream(image, writable: false));
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.MemberReferences)
            {
                var member = metadata.GetMemberReference(handle);
                if (member.Parent.Kind != HandleKind.TypeReference) continue;
                var type = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
                if (metadata.StringComparer.Equals(type.Name, nameof(RuleScript))
                    && metadata.StringComparer.Equals(type.Namespace, typeof(RuleScript).Namespace!)
                    && Members.Contains(metadata.GetString(member.Name)))
                    return true;
            }
            return false;
        }
        catch (BadImageFormatException)
        {
            return true;
        }
    }
}
