namespace Vault.Ipfs.Kubo;

/// <summary>Where the IPFS node's RPC API is and how patiently to talk to it.</summary>
public sealed record KuboContentStoreOptions
{
    /// <summary>The RPC API address, e.g. <c>http://127.0.0.1:5001</c> (Kubo's default).</summary>
    public required Uri ApiAddress { get; init; }

    /// <summary>Time allowed for one attempt of a small request (id, block/get, block/put, pin/add, block/stat).
    /// The node is told a slightly shorter <c>timeout=</c>, since an offline node otherwise waits forever for a
    /// missing CID.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for a whole transfer (add, cat, dag/import), which is never retried.</summary>
    public TimeSpan TransferTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long <see cref="KuboContentStore.HasAsync"/> lets the node look for a block before answering no.</summary>
    public TimeSpan LookupTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries of a small request after a connection failure, a timeout or a 502/503/504 (0: none).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    internal void Validate()
    {
        if (!ApiAddress.IsAbsoluteUri || ApiAddress.Scheme is not ("http" or "https"))
            ThrowHelper.ThrowArgument(nameof(ApiAddress), $"KuboContentStoreOptions: ApiAddress {ApiAddress} is not an absolute http(s) URI.");
        if (RequestTimeout <= TimeSpan.Zero || TransferTimeout <= TimeSpan.Zero || LookupTimeout <= TimeSpan.Zero)
            ThrowHelper.ThrowArgument(nameof(RequestTimeout), "KuboContentStoreOptions: timeouts must be positive.");
        if (MaxRetries is < 0 or > 10) ThrowHelper.ThrowArgument(nameof(MaxRetries), $"KuboContentStoreOptions: MaxRetries {MaxRetries} outside [0, 10].");
    }
}
