namespace Vault.Ethereum.Transactions;

/// <summary>One entry of an EIP-2930 access list: an address and the storage keys a transaction pre-declares.</summary>
/// <param name="Address">The account.</param>
/// <param name="StorageKeys">Its storage slots.</param>
public sealed record AccessListEntry(EthereumAddress Address, IReadOnlyList<Bytes32> StorageKeys);
