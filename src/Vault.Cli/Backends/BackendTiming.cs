namespace Vault.Cli.Backends;

/// <summary>One operation at one N: the device evaluator on the chosen backend beside <see cref="Ckks.CkksEvaluator"/>
/// on the host, per call (medians), and whether the device result was byte-identical.</summary>
/// <param name="Operation">Human-readable name.</param>
/// <param name="DeviceWallMs">Device evaluator, wall-clock ms per call (including waiting for the device).</param>
/// <param name="DeviceCpuMs">Device evaluator, process CPU ms per call (all threads: the ILGPU simulator uses several).</param>
/// <param name="HostWallMs">Host evaluator, wall-clock ms per call.</param>
/// <param name="HostCpuMs">Host evaluator, process CPU ms per call.</param>
/// <param name="BitExact">The downloaded result equals the host's byte for byte.</param>
internal sealed record BackendTiming(string Operation, double DeviceWallMs, double DeviceCpuMs, double HostWallMs, double HostCpuMs, bool BitExact);
