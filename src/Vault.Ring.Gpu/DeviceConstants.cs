using System.Runtime.InteropServices;

namespace Vault.Ring.Gpu;

/// <summary>Per-limb constants of one basis, resident on the device: the prime with its Barrett words, the inverse
/// NTT's final-stage constants, and where the prime's twiddles start in the backend's table pool.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct LimbConstants(ulong q, ulong barrettHi, ulong barrettLo, ulong inverseN, ulong inverseNShoup,
    ulong lastInverseRoot, ulong lastInverseRootShoup, int tableOffset)
{
    /// <summary>q_i.</summary>
    public readonly ulong Q = q;

    /// <summary>High word of ⌊2^128 / q_i⌋.</summary>
    public readonly ulong BarrettHi = barrettHi;

    /// <summary>Low word of ⌊2^128 / q_i⌋.</summary>
    public readonly ulong BarrettLo = barrettLo;

    /// <summary>N^-1 mod q_i.</summary>
    public readonly ulong InverseN = inverseN;

    /// <summary>Shoup companion of <see cref="InverseN"/>.</summary>
    public readonly ulong InverseNShoup = inverseNShoup;

    /// <summary>ψ^-bitrev(1) · N^-1 mod q_i: the inverse NTT's last-stage root with N^-1 folded in.</summary>
    public readonly ulong LastInverseRoot = lastInverseRoot;

    /// <summary>Shoup companion of <see cref="LastInverseRoot"/>.</summary>
    public readonly ulong LastInverseRootShoup = lastInverseRootShoup;

    /// <summary>Index of this prime's first twiddle in the pool (slot · N).</summary>
    public readonly int TableOffset = tableOffset;
}

/// <summary>Per-source-prime constants of a base conversion A → B.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct SourceLimb(ulong a, ulong inversePunctured, ulong inversePuncturedShoup, double inverseA)
{
    /// <summary>a_i.</summary>
    public readonly ulong A = a;

    /// <summary>(A/a_i)^-1 mod a_i.</summary>
    public readonly ulong InversePunctured = inversePunctured;

    /// <summary>Shoup companion of <see cref="InversePunctured"/>.</summary>
    public readonly ulong InversePuncturedShoup = inversePuncturedShoup;

    /// <summary>1 / a_i in double precision (for the centred conversion's overflow count).</summary>
    public readonly double InverseA = inverseA;
}

/// <summary>Per-target-prime constants of a base conversion A → B.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct TargetLimb(ulong b, ulong barrettHi, ulong barrettLo, ulong productMod, ulong productModShoup)
{
    /// <summary>b_j.</summary>
    public readonly ulong B = b;

    /// <summary>High word of ⌊2^128 / b_j⌋.</summary>
    public readonly ulong BarrettHi = barrettHi;

    /// <summary>Low word of ⌊2^128 / b_j⌋.</summary>
    public readonly ulong BarrettLo = barrettLo;

    /// <summary>A mod b_j.</summary>
    public readonly ulong ProductMod = productMod;

    /// <summary>Shoup companion of <see cref="ProductMod"/>.</summary>
    public readonly ulong ProductModShoup = productModShoup;
}
