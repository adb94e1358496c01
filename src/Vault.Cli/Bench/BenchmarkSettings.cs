namespace Vault.Cli.Bench;

/// <summary>How long to warm up and how to repeat: each operation is timed in <see cref="Repetitions"/> repetitions of
/// at least <see cref="MinRepetitionTime"/> each, and the median repetition is reported.</summary>
internal sealed record BenchmarkSettings(int Repetitions, TimeSpan MinRepetitionTime, TimeSpan WarmupTime)
{
    /// <summary>9 repetitions of ≥ 0.2 s after ≥ 0.5 s of warm-up (the anchor used 9 × ≥ 0.5 s).</summary>
    public static BenchmarkSettings Full { get; } = new(9, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(0.5));

    /// <summary>3 repetitions of ≥ 10 ms after two warm-up calls: a smoke run, not a measurement.</summary>
    public static BenchmarkSettings Quick { get; } = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.Zero);
}
