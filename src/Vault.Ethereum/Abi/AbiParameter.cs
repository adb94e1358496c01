namespace Vault.Ethereum.Abi;

/// <summary>A named input or output of a function, event or error, as in the JSON ABI. Tuples keep their components' names.</summary>
/// <param name="Name">The parameter's name (may be empty).</param>
/// <param name="Type">Its type.</param>
/// <param name="Indexed">For event inputs: whether it is a topic.</param>
/// <param name="Components">For tuple types (and arrays of tuples): the named components.</param>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed, IReadOnlyList<AbiParameter> Components);
