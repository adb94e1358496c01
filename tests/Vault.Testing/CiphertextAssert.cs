using System.Runtime.InteropServices;
using Vault.Rlwe;
using Xunit.Sdk;

namespace Vault.Testing;

/// <summary>Byte-for-byte comparison of ciphertexts (for backends that must be bit-exact with the CPU reference).</summary>
public static class CiphertextAssert
{
    /// <summary>Fails unless <paramref name="actual"/> has the same size, level, scale (bit for bit), seed and the same
    /// bytes in every part in use as <paramref name="expected"/>.</summary>
    public static void Identical(Ciphertext expected, Ciphertext actual, string what)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Size != actual.Size) throw new XunitException($"{what}: {actual.Size} parts, expected {expected.Size}");
        if (expected.Level != actual.Level) throw new XunitException($"{what}: level {actual.Level}, expected {expected.Level}");
        if (BitConverter.DoubleToInt64Bits(expected.Scale) != BitConverter.DoubleToInt64Bits(actual.Scale))
            throw new XunitException($"{what}: scale {actual.Scale:R}, expected {expected.Scale:R}");
        if (!(expected.Seed ?? []).AsSpan().SequenceEqual(actual.Seed ?? []) || (expected.Seed is null) != (actual.Seed is null))
            throw new XunitException($"{what}: seeds differ");
        for (int i = 0; i < expected.Size; i++)
        {
            ReadOnlySpan<byte> e = MemoryMarshal.AsBytes<ulong>(expected[i].Coefficients), a = MemoryMarshal.AsBytes<ulong>(actual[i].Coefficients);
            if (!e.SequenceEqual(a))
            {
                int at = e.Length == a.Length ? FirstDifference(expected[i].Coefficients, actual[i].Coefficients) : -1;
                throw new XunitException($"{what}: part {i} differs (first at residue {at} of {expected[i].Coefficients.Length}) {TestSeed.Describe}");
            }
        }
    }

    private static int FirstDifference(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return i;
        return -1;
    }
}
