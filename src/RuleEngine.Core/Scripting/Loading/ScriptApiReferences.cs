using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using RuleEngine.Scripting.Api;

namespace RuleEngine.Scripting.Loading;

/// <summary>
/// The <see cref="RuleScript"/> members a compiled rule refers to, read from its assembly's metadata: a script reaches
/// the API only through those members (reflection, dynamic and delegates over members are refused at compile time), and
/// every use, in #load-ed files, lambdas and method groups too, leaves a member reference. What a rule can do with
/// events (<see cref="EventReads"/>) and with state (<see cref="StateEffects"/>) is decided from these names.
/// </summary>
static class ScriptApiReferences
{
    /// <summary>The member names (property getters as <c>get_Name</c>); null when the image's metadata cannot be read.</summary>
    public static IReadOnlySet<string>? Of(byte[] image)
    {
        try
        {
            using var pe = new PEReader(new MemoryStream(image, writable: false));
            var metadata = pe.GetMetadataReader();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var handle in metadata.MemberReferences)
            {
                var member = metadata.GetMemberReference(handle);
                if (member.Parent.Kind != HandleKind.TypeReference) continue;
                var type = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
                if (metadata.StringComparer.Equals(type.Name, nameof(RuleScript))
                    && metadata.StringComparer.Equals(type.Namespace, typeof(RuleScript).Namespace!))
                    names.Add(metadata.GetString(member.Name));
            }
            return names;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }
}
