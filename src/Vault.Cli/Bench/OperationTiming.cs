namespace Vault.Cli.Bench;

/// <summary>The timing of one operation: per-call statistics over the repetitions, in microseconds of process CPU time
/// (<see cref="Clock"/> says which clock; wall-clock time is kept beside it).</summary>
/// <param name="Operation">The <see cref="BenchmarkOperation.Id"/>.</param>
/// <param name="Clock">"process-cpu" (Linux CPU time of the process) or "wall" (multi-threaded runs, or when CPU time is
/// unavailable).</param>
/// <param name="MedianMicroseconds">Median over repetitions of the mean time per call.</param>
/// <param name="MinMicroseconds">Fastest repetition.</param>
/// <param name="MaxMicroseconds">Slowest repetition.</param>
/// <param name="CoefficientOfVariation">Standard deviation / mean over the repetitions.</param>
/// <param name="WallMedianMicroseconds">Median of the wall-clock time per call (equal to the CPU time on an idle core).</param>
/// <param name="Repetitions">Number of repetitions.</param>
/// <param name="CallsPerRepetition">Calls in each repetition.</param>
/// <param name="AllocatedBytesPerCall">Managed bytes allocated per call on the calling thread (0 = allocation-free); null
/// when unknown (node-seal).</param>
internal sealed record OperationTiming(
    string Operation,
    string Clock,
    double MedianMicroseconds,
    double MinMicroseconds,
    double MaxMicroseconds,
    double CoefficientOfVariation,
    double WallMedianMicroseconds,
    int Repetitions,
    long CallsPerRepetition,
    double? AllocatedBytesPerCall);
