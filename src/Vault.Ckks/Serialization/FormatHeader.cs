using Vault.Rlwe;

namespace Vault.Ckks.Serialization;

/// <summary>The fixed 60-byte header as read, before the kind-specific checks.</summary>
internal readonly record struct FormatHeader(CkksObjectKind Kind, byte Flags, ParameterId Id, int Level, double Scale, ulong BodyLength)
{
    public bool IsSeeded => (Flags & FormatLayout.SeededFlag) != 0;
}
