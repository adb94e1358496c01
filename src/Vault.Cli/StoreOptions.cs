using System.CommandLine;
using Vault.Ipfs;
using Vault.Ipfs.Kubo;

namespace Vault.Cli;

/// <summary>The <c>--store</c> and <c>--ipfs</c> options shared by the dataset commands, and the store they select:
/// an IPFS node when <c>--ipfs</c> is given, else the local store at <c>--store</c>, <c>$VAULT_STORE</c> or
/// <c>~/.vault/store</c>.</summary>
internal sealed class StoreOptions
{
    public Option<string> Store { get; } = new("--store")
    {
        Description = "Local content store directory (default: $VAULT_STORE, else ~/.vault/store).",
    };

    public Option<string> Ipfs { get; } = new("--ipfs")
    {
        Description = "Use an IPFS node through its RPC API instead, e.g. http://127.0.0.1:5001.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(Ipfs);
    }

    /// <summary>Opens the selected store; <paramref name="description"/> names it for messages.</summary>
    /// <exception cref="ArgumentException">Both options are given, or the --ipfs address is not an http(s) URL.</exception>
    public IContentStore Open(ParseResult parse, out string description)
    {
        string? directory = parse.GetValue(Store);
        string? node = parse.GetValue(Ipfs);
        if (directory is not null && node is not null)
            throw new ArgumentException("give either --store or --ipfs, not both.");
        if (node is not null)
        {
            if (!Uri.TryCreate(node, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
                throw new ArgumentException($"--ipfs {node} is not an http(s) URL of an IPFS RPC API (e.g. http://127.0.0.1:5001).");
            description = $"IPFS node {address}";
            return new KuboContentStore(new KuboContentStoreOptions { ApiAddress = address });
        }
        directory ??= Environment.GetEnvironmentVariable("VAULT_STORE") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".vault", "store");
        var store = new FileSystemContentStore(directory);
        description = $"local store {store.RootDirectory}";
        return store;
    }
}
