namespace Vault.Cli.Backends;

/// <summary>The requested <c>--backend</c> cannot run on this machine (<c>gpu</c> without a CUDA device).</summary>
internal sealed class BackendUnavailableException(string message) : Exception(message);
