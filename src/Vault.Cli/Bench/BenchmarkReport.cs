namespace Vault.Cli.Bench;

/// <summary>The JSON document <c>vault bench ckks --json</c> writes.</summary>
/// <param name="Command">The command line.</param>
/// <param name="StartedUtc">When the run started.</param>
/// <param name="Machine">Where it ran.</param>
/// <param name="Settings">Repetitions and durations.</param>
/// <param name="AnchorSource">Where the native SEAL figures come from.</param>
/// <param name="Results">One entry per N.</param>
internal sealed record BenchmarkReport(
    string Command,
    DateTimeOffset StartedUtc,
    MachineInfo Machine,
    BenchmarkSettings Settings,
    string AnchorSource,
    IReadOnlyList<BenchmarkSizeReport> Results);

/// <summary>The machine a benchmark ran on.</summary>
/// <param name="Cpu">Model name from /proc/cpuinfo, when readable.</param>
/// <param name="LogicalCores">Environment.ProcessorCount.</param>
/// <param name="AffinityCores">Cores this process may run on (taskset).</param>
/// <param name="LoadAverageAtStart">/proc/loadavg at start, when readable.</param>
/// <param name="Runtime">.NET runtime description.</param>
/// <param name="Os">OS description.</param>
internal sealed record MachineInfo(string? Cpu, int LogicalCores, int AffinityCores, string? LoadAverageAtStart, string Runtime, string Os);

/// <summary>Everything measured at one N.</summary>
/// <param name="LogN">log2(N).</param>
/// <param name="DataLevelPrimes">L + 1, the primes of a fresh ciphertext.</param>
/// <param name="VaultPrimes">Vault's chain, special prime last.</param>
/// <param name="SealPrimes">SEAL's BFVDefault chain as node-seal reported it, special prime last (null without node-seal).</param>
/// <param name="Threads">Threads of the all-core run (1: single-threaded only).</param>
/// <param name="Rows">One row per operation.</param>
internal sealed record BenchmarkSizeReport(
    int LogN,
    int DataLevelPrimes,
    IReadOnlyList<string> VaultPrimes,
    IReadOnlyList<string>? SealPrimes,
    int Threads,
    IReadOnlyList<BenchmarkRow> Rows);

/// <summary>One operation at one N: Vault, node-seal (same run) and the native anchor. Ratios are time ratios, Vault
/// over the other (below 1 means Vault is faster).</summary>
/// <param name="Operation">Operation id.</param>
/// <param name="Title">Human-readable name.</param>
/// <param name="Vault">Vault's single-threaded timing.</param>
/// <param name="VaultAllCore">Vault on all threads (wall-clock time); null when only single-threaded.</param>
/// <param name="NodeSeal">node-seal's timing; null when not measured or not exposed.</param>
/// <param name="SealNativeMicroseconds">Native SEAL, generic build (anchor).</param>
/// <param name="SealHexlMicroseconds">Native SEAL with HEXL (anchor).</param>
/// <param name="VaultOverNodeSeal">Vault / node-seal.</param>
/// <param name="VaultOverNative">Vault / native SEAL.</param>
/// <param name="VaultOverHexl">Vault / SEAL + HEXL.</param>
/// <param name="AllCoreOverNodeSeal">Vault all-core / node-seal.</param>
/// <param name="AllCoreOverNative">Vault all-core / native SEAL.</param>
internal sealed record BenchmarkRow(
    string Operation,
    string Title,
    OperationTiming Vault,
    OperationTiming? VaultAllCore,
    OperationTiming? NodeSeal,
    double? SealNativeMicroseconds,
    double? SealHexlMicroseconds,
    double? VaultOverNodeSeal,
    double? VaultOverNative,
    double? VaultOverHexl,
    double? AllCoreOverNodeSeal,
    double? AllCoreOverNative);
