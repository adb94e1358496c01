namespace Vault.Cli.Backends;

/// <summary>How <c>vault bench backend</c> repeats each operation: after <see cref="WarmupCalls"/> untimed calls (which
/// also compile the ILGPU kernels), the median per-call time of <see cref="Repetitions"/> repetitions, each running
/// enough back-to-back calls to last <see cref="MinRepetitionTime"/> (at least one; device work is waited for at the
/// end of each repetition).</summary>
internal sealed record BackendBenchSettings(int Repetitions, TimeSpan MinRepetitionTime, int WarmupCalls)
{
    /// <summary>5 repetitions of ≥ 0.2 s after 2 warm-up calls.</summary>
    public static BackendBenchSettings Full { get; } = new(5, TimeSpan.FromSeconds(0.2), 2);

    /// <summary>One call after one warm-up call: a smoke run (and the only bearable one on the ILGPU simulator at 2^14+).</summary>
    public static BackendBenchSettings Quick { get; } = new(1, TimeSpan.Zero, 1);
}
