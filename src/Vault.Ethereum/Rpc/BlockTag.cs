using System.Globalization;

namespace Vault.Ethereum.Rpc;

/// <summary>A block parameter: a number, or one of <c>latest</c>, <c>pending</c>, <c>earliest</c>, <c>safe</c>, <c>finalized</c>.</summary>
public readonly record struct BlockTag
{
    private readonly string? _name;
    private readonly ulong _number;

    private BlockTag(string? name, ulong number)
    {
        _name = name;
        _number = number;
    }

    /// <summary>The newest block.</summary>
    public static BlockTag Latest => new("latest", 0);

    /// <summary>The pending state (includes the node's queued transactions).</summary>
    public static BlockTag Pending => new("pending", 0);

    /// <summary>Genesis.</summary>
    public static BlockTag Earliest => new("earliest", 0);

    /// <summary>A block by number.</summary>
    public static BlockTag Number(ulong number) => new(null, number);

    /// <summary>The block number, or null for a named tag.</summary>
    public ulong? BlockNumber => _name is null ? _number : null;

    /// <summary>The JSON-RPC form (<c>latest</c> or <c>0x1a</c>).</summary>
    public override string ToString() => _name ?? "0x" + _number.ToString("x", CultureInfo.InvariantCulture);
}
