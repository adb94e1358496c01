namespace Vault.Ckks;

/// <summary>Galois elements of the CKKS slot permutations: rotation by k slots is X ↦ X^(3^k mod 2N)
/// (SEAL's generator), conjugation is X ↦ X^(2N−1).</summary>
public static class GaloisElements
{
    /// <summary>The element for a left rotation by <paramref name="step"/> slots (negative steps rotate right).</summary>
    public static ulong ForRotation(int logN, int step)
    {
        int slots = 1 << (logN - 1);
        ulong mask = (2UL << logN) - 1;
        int k = ((step % slots) + slots) % slots;
        ulong g = 1;
        for (int i = 0; i < k; i++) g = (g * 3) & mask;
        return g;
    }

    /// <summary>The element for complex conjugation of every slot, 2N − 1.</summary>
    public static ulong ForConjugation(int logN) => (2UL << logN) - 1;

    /// <summary>Elements for left rotations by 1, 2, 4, …, N/4: enough to rotate by any step and to sum all slots.</summary>
    public static IReadOnlyList<ulong> ForPowerOfTwoRotations(int logN)
    {
        var elements = new List<ulong>();
        for (int step = 1; step < 1 << (logN - 1); step <<= 1) elements.Add(ForRotation(logN, step));
        return elements;
    }
}
