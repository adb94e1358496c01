using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Vault.Testing;

namespace Vault.Ring.Gpu.Tests;

/// <summary>Runs FsCheck properties from a generator seeded by <see cref="TestSeed"/>, so a run is reproducible and
/// <c>VAULT_TEST_SEED</c> moves every property to a new sample.</summary>
internal static class SeededProperty
{
    /// <summary>Checks <paramref name="body"/> on <paramref name="maxTest"/> samples of <paramref name="gen"/>; throws
    /// with the counterexample and the seed on failure.</summary>
    public static void Check<T>(Gen<T> gen, Action<T> body, int maxTest = 200, [CallerMemberName] string name = "")
    {
        ulong seed = unchecked((ulong)(uint)TestSeed.Value * 0x9E3779B97F4A7C15UL ^ (ulong)StableHash(name));
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithName($"{name} {TestSeed.Describe}")
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        FsCheck.Check.One(config, Prop.ForAll(gen.ToArbitrary(), body));
    }

    /// <summary>Uniform 64-bit values.</summary>
    public static Gen<ulong> UInt64 { get; } =
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)hi << 32) | (uint)lo;

    /// <summary>Values in [0, bound): half uniform, half from the edge set {0, 1, 2, bound − 2, bound − 1, bound/2}.</summary>
    public static Gen<ulong> Below(ulong bound)
    {
        ulong[] edges = [0, Math.Min(1, bound - 1), Math.Min(2, bound - 1), bound - Math.Min(2, bound), bound - 1, bound / 2];
        return Gen.OneOf(Gen.Elements(edges), UInt64.Select(x => (ulong)(((UInt128)x * bound) >> 64)));
    }

    /// <summary>Any 64-bit value, biased towards 0, 1 and the tops of the 62- and 64-bit ranges.</summary>
    public static Gen<ulong> AnyUInt64 { get; } = Gen.OneOf(
        Gen.Elements(0UL, 1UL, (1UL << 62) - 1, 1UL << 62, (1UL << 62) + 1, (1UL << 63) - 1, 1UL << 63, ulong.MaxValue - 1, ulong.MaxValue),
        UInt64,
        UInt64.Select(x => ulong.MaxValue - (x >> 40)),
        UInt64.Select(x => (1UL << 62) - 64 + (x & 127)));

    private static int StableHash(string s)
    {
        int h = 17;
        foreach (char c in s) h = unchecked(h * 31 + c);
        return h;
    }
}
