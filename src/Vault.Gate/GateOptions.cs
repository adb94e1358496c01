using Vault.Ethereum;

namespace Vault.Gate;

/// <summary>How a <see cref="ReleaseGate"/> runs.</summary>
public sealed record GateOptions
{
    /// <summary>Where the gate keeps its ledger (budgets, replays, interrupted releases, pending publications).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The clock the policy's expiry and budgets are judged by.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>Threads for re-execution (0: one per core).</summary>
    public int Threads { get; init; }

    /// <summary>Accept datasets under insecure test parameters (tests only).</summary>
    public bool AllowInsecure { get; init; }

    /// <summary>Without a chain: the chain id receipts are signed for.</summary>
    public ulong ChainId { get; init; }

    /// <summary>Without a chain: the contract receipts are signed for.</summary>
    public EthereumAddress Contract { get; init; }
}
