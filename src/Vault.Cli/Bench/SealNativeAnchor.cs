using System.Collections.Frozen;

namespace Vault.Cli.Bench;

/// <summary>Native Microsoft SEAL 4.1.2 figures for the same operations and parameters, measured on this machine kind
/// (2-vCPU AMD EPYC Zen 5 KVM guest, one core pinned, median of 9 repetitions of ≥ 0.5 s each).</summary>
/// <remarks>
/// Copied from <c>shared/anchors/seal-native.md</c> (measured 2026-11-23): "Main table" (GCC 12 -O3, generic x86-64,
/// HEXL off: the portable SEAL) and "Extra: SEAL 4.1.2 + Intel HEXL 1.2.5" (SEAL's best case on this CPU). Embedded
/// rather than read at run time because an installed <c>vault</c> has no access to that file. SEAL's default
/// <c>BFVDefault(N)</c> chains, CKKS, scale 2^40, fresh ciphertexts at the first data level.
/// </remarks>
internal static class SealNativeAnchor
{
    /// <summary>Where the figures come from, for report footers.</summary>
    public const string Source = "shared/anchors/seal-native.md, measured 2026-11-23 (SEAL 4.1.2, GCC 12 -O3; HEXL 1.2.5 build separately)";

    // Per operation: generic build at N = 2^13, 2^14, 2^15, then the HEXL build at the same N.
    private static readonly FrozenDictionary<string, (double[] Generic, double[] Hexl)> Figures =
        new Dictionary<string, (double[] Generic, double[] Hexl)>
        {
            ["ntt-forward"] = ([90.4, 184, 382], [6.7, 14.1, 55.2]),
            ["ntt-forward-lazy"] = ([54.5, 116, 242], [8.0, 16.2, 53.6]),
            ["ntt-inverse"] = ([60.9, 130, 271], [7.5, 15.6, 60.5]),
            ["ntt-forward-all"] = ([357, 1513, 5914], [29.6, 143, 1305]),
            ["ntt-inverse-all"] = ([249, 1042, 4195], [31.4, 162, 1076]),
            ["encode"] = ([459, 1969, 7581], [186, 579, 2943]),
            ["decode"] = ([984, 6083, 41165], [742, 5346, 37019]),
            ["encrypt-pk"] = ([3034, 10403, 39907], [823, 3747, 17134]),
            ["encrypt-sk"] = ([1246, 4723, 18641], [831, 3349, 11995]),
            ["decrypt"] = ([119, 467, 1803], [25.8, 115, 615]),
            ["add"] = ([59.4, 256, 1012], [15.9, 77.2, 486]),
            ["multiply-plain"] = ([155, 660, 2587], [15.4, 102, 966]),
            ["multiply"] = ([337, 1439, 5542], [31.0, 175, 1544]),
            ["relinearize"] = ([2538, 16493, 98406], [826, 6824, 42753]),
            ["multiply-relinearize"] = ([2973, 17794, 104318], [857, 7776, 45076]),
            ["rescale"] = ([584, 2542, 10526], [108, 572, 5100]),
            ["rotate"] = ([2605, 16957, 100849], [867, 7912, 44596]),
            ["conjugate"] = ([2557, 17112, 97599], [851, 7507, 43422]),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>(generic, HEXL) microseconds for <paramref name="operation"/> at N = 2^<paramref name="logN"/>, or null
    /// when the anchor has no figure (only N = 2^13, 2^14, 2^15 were measured).</summary>
    public static (double Generic, double Hexl)? Find(string operation, int logN)
    {
        if (logN is < 13 or > 15 || !Figures.TryGetValue(operation, out var f)) return null;
        return (f.Generic[logN - 13], f.Hexl[logN - 13]);
    }
}
