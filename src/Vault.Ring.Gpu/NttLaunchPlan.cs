using System.Numerics;

namespace Vault.Ring.Gpu;

/// <summary>How <see cref="GpuRingBackend"/> launches an NTT of degree N = 2^<see cref="LogN"/> over all limbs of a
/// basis. A tile is 2^<see cref="LogTile"/> consecutive coefficients of one limb; every stage whose butterflies stay
/// inside a tile runs in one launch (<see cref="RingKernels.ForwardFused"/>, <see cref="RingKernels.InverseFused"/>),
/// one thread group per tile, in shared memory. The stages with larger spans run one launch each over global memory:
/// forward, half-sizes N/2 … Tile before the fused launch; inverse, half-sizes Tile … N/4 after it, then
/// <see cref="RingKernels.InverseLastStage"/> (when N fits in a tile, the fused launch does the last stage too).</summary>
internal readonly record struct NttLaunchPlan(int LogN, int LogTile)
{
    /// <summary>Coefficients in the largest tile: 2^11 ulongs = 16 KB of shared memory per thread group, within the
    /// 48 KB a CUDA block may allocate statically.</summary>
    public const int MaxTile = 1 << LogMaxTile;

    /// <summary>log2 of <see cref="MaxTile"/>.</summary>
    public const int LogMaxTile = 11;

    /// <summary>Cap on the fused launch's threads per group (each thread takes MaxTile/2 / threads butterflies per
    /// stage): 512 leaves a CUDA thread up to 128 registers for the 64-bit modular arithmetic.</summary>
    public const int MaxThreadsPerGroup = 512;

    /// <summary>The plan for N = 2^<paramref name="logN"/>: the tile is <see cref="MaxTile"/>, or the whole limb when
    /// N is smaller.</summary>
    public static NttLaunchPlan For(int logN) => new(logN, Math.Min(logN, LogMaxTile));

    /// <summary>Launches of one stage each over global memory: log N − log Tile.</summary>
    public int StageLaunches => LogN - LogTile;

    /// <summary>All launches of one forward or inverse NTT, each one read and one write of the polynomial in global
    /// memory: log N − log Tile + 1.</summary>
    public int Launches => StageLaunches + 1;

    /// <summary>Thread groups of the fused launch over <paramref name="limbCount"/> limbs: one per tile.</summary>
    public int Tiles(int limbCount) => limbCount << (LogN - LogTile);

    /// <summary>Threads per group of the fused launch: Tile/2 (one butterfly each per stage), capped by
    /// <see cref="MaxThreadsPerGroup"/> and by the accelerator's limit rounded down to a power of two, so every thread
    /// takes the same number of butterflies.</summary>
    public int ThreadsPerGroup(int acceleratorMaxThreads)
    {
        int limit = Math.Min(MaxThreadsPerGroup, 1 << BitOperations.Log2((uint)acceleratorMaxThreads));
        return Math.Min(1 << (LogTile - 1), limit);
    }
}
