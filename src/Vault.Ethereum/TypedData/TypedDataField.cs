namespace Vault.Ethereum.TypedData;

/// <summary>A member of an EIP-712 struct type: <c>{ "name": "wallet", "type": "address" }</c>.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Type">Its type: an atomic Solidity type, <c>string</c>, <c>bytes</c>, a struct name, or an array of those.</param>
public sealed record TypedDataField(string Name, string Type);
