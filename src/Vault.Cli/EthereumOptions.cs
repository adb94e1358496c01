using System.CommandLine;
using Spectre.Console;
using Vault.Ethereum;
using Vault.Ethereum.Abi;
using Vault.Ethereum.Keystore;
using Vault.Ethereum.Rpc;

namespace Vault.Cli;

/// <summary>Options shared by the chain commands (<c>--rpc</c>, <c>--contract</c>, <c>--keystore</c>), the keystore
/// password, and one place that turns Ethereum errors into what the user should do next.</summary>
internal static class EthereumOptions
{
    /// <summary>Environment variable holding the keystore password (otherwise it is prompted for).</summary>
    public const string PasswordVariable = "VAULT_KEYSTORE_PASSWORD";

    public static Option<Uri> Rpc() => new("--rpc")
    {
        Description = "JSON-RPC URL of the Ethereum node (for example http://127.0.0.1:8545 for a local anvil).",
        Required = true,
        CustomParser = r =>
        {
            string text = r.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)) return uri;
            r.AddError($"--rpc: '{text}' is not an http(s) URL, for example http://127.0.0.1:8545.");
            return null!;
        },
    };

    /// <summary>An optional <c>--rpc</c>, parsed like <see cref="Rpc"/>.</summary>
    public static Option<Uri?> OptionalRpc(string description) => new("--rpc")
    {
        Description = description,
        CustomParser = r =>
        {
            string text = r.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)) return uri;
            r.AddError($"--rpc: '{text}' is not an http(s) URL, for example http://127.0.0.1:8545.");
            return null;
        },
    };

    public static Option<string> Contract() => new("--contract")
    {
        Description = "Address of the VaultReceipts contract (printed by `vault chain deploy`).",
        Required = true,
    };

    public static Option<FileInfo> Keystore() => new("--keystore")
    {
        Description = $"Web3 Secret Storage (v3) keystore file of the signing account; the password comes from {PasswordVariable} or a prompt.",
        Required = true,
    };

    /// <summary>Reads and decrypts the keystore. The password is taken from <see cref="PasswordVariable"/>, or prompted
    /// for (hidden) on an interactive terminal.</summary>
    public static EthereumKey OpenKeystore(FileInfo file)
    {
        if (!file.Exists) throw new UserError($"the keystore file {file.FullName} does not exist. Create one with `cast wallet import NAME --interactive` (Foundry) or any Web3 v3 wallet.");
        string json = File.ReadAllText(file.FullName);
        string? password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (password is null)
        {
            if (Console.IsInputRedirected)
                throw new UserError($"no keystore password: set {PasswordVariable} (the terminal is not interactive, so it cannot be prompted for).");
            password = AnsiConsole.Prompt(new TextPrompt<string>($"Password for [bold]{Markup.Escape(file.Name)}[/]:").Secret().AllowEmpty());
        }
        return AnsiConsole.Status().Start("Decrypting the keystore (scrypt/PBKDF2)…", _ => Web3Keystore.Decrypt(json, password));
    }

    public static EthereumAddress ParseContract(string text)
    {
        try
        {
            return EthereumAddress.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UserError($"--contract: {e.Message}");
        }
    }

    /// <summary>Runs a command body and maps failures to a red one-line error and exit code 2.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (Explain(e) is { } message)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {message}");
            return 2;
        }
    }

    private static string? Explain(Exception e) => e switch
    {
        UserError u => u.Message,
        NodeUnreachableException n => n.Message,
        ContractRevertException r => $"{r.Message}. The contract refused the call; the error name says why.",
        TransactionTimeoutException t => t.Message,
        EthereumRpcException r => $"{r.Message}. Check that --rpc points to an Ethereum JSON-RPC node.",
        KeystoreException k => $"{k.Message} Check {PasswordVariable} or the password you typed.",
        AbiFormatException a => $"{a.Message} The node's answer or the signature file is not what Vault expects.",
        FormatException f => f.Message,
        IOException io => io.Message,
        UnauthorizedAccessException ua => ua.Message,
        _ => null,
    };
}

/// <summary>A mistake the user can fix; the message says how.</summary>
internal sealed class UserError(string message) : Exception(message);
