namespace Vault.Ethereum.Contracts;

/// <summary>A dataset's on-chain registration.</summary>
/// <param name="Provider">The registering address.</param>
/// <param name="ManifestHash">Hash of the dataset manifest.</param>
/// <param name="PolicyHash">Hash of the dataset policy.</param>
public sealed record DatasetRegistration(EthereumAddress Provider, Bytes32 ManifestHash, Bytes32 PolicyHash);
