using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vault.Ring;

/// <summary>The instruction sets the ring kernels can use, widest last.</summary>
internal enum SimdPath
{
    /// <summary>Portable scalar code (the reference every vector path is tested against).</summary>
    Scalar = 0,

    /// <summary>256-bit vectors with AVX2 instructions only (4 residues per instruction).</summary>
    Vector256 = 1,

    /// <summary>512-bit vectors with AVX-512F and AVX-512DQ (8 residues per instruction).</summary>
    Vector512 = 2,
}

/// <summary>Which kernels run: the widest path the CPU supports, detected once at start-up. Every path is bit-exact with
/// the scalar reference, so the choice changes only the speed.</summary>
internal static class Simd
{
    /// <summary>The widest path this CPU and runtime support (<c>DOTNET_EnableAVX512F=0</c> or <c>DOTNET_EnableAVX2=0</c>
    /// lower it).</summary>
    public static SimdPath Supported { get; } =
        Avx512F.IsSupported && Avx512DQ.IsSupported && Vector512.IsHardwareAccelerated ? SimdPath.Vector512
        : Avx2.IsSupported && Vector256.IsHardwareAccelerated ? SimdPath.Vector256
        : SimdPath.Scalar;

    private static SimdPath _path = Supported;   // after Supported: static initializers run in textual order

    /// <summary>The path in use: <see cref="Supported"/> unless lowered (tests compare the paths). Process-wide.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is wider than <see cref="Supported"/>.</exception>
    public static SimdPath Path
    {
        get => _path;
        set
        {
            if (value > Supported) throw new ArgumentOutOfRangeException(nameof(value), value, $"Simd: this CPU supports {Supported} at most.");
            _path = value;
        }
    }
}
