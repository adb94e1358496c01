using System.Globalization;
using System.Numerics;

namespace Vault.Ethereum.Abi;

/// <summary>Why a call reverted, decoded from the revert data: <c>Error(string)</c>, <c>Panic(uint256)</c>, a known custom
/// error, or raw bytes when nothing matches.</summary>
/// <param name="ErrorName">"Error", "Panic", the custom error's name, or null when not decoded.</param>
/// <param name="Arguments">The decoded arguments (empty when not decoded).</param>
/// <param name="Message">A one-line human reading: the reason string, the panic meaning, or <c>Name(arg, …)</c>.</param>
/// <param name="Data">The raw revert data.</param>
public sealed record RevertReason(string? ErrorName, IReadOnlyList<object?> Arguments, string Message, ReadOnlyMemory<byte> Data)
{
    /// <summary>Decodes <paramref name="data"/> against the built-in errors and <paramref name="customErrors"/>.</summary>
    public static RevertReason Decode(ReadOnlySpan<byte> data, IEnumerable<AbiError>? customErrors = null)
    {
        byte[] copy = data.ToArray();
        if (data.IsEmpty) return new(null, [], "reverted without a reason", copy);
        try
        {
            if (AbiError.ErrorString.Matches(data))
            {
                var args = AbiError.ErrorString.Decode(data);
                return new("Error", args, (string)args[0]!, copy);
            }
            if (AbiError.Panic.Matches(data))
            {
                var args = AbiError.Panic.Decode(data);
                var code = (BigInteger)args[0]!;
                return new("Panic", args, $"panic 0x{code.ToString("x2", CultureInfo.InvariantCulture)} ({PanicMeaning(code)})", copy);
            }
            foreach (var error in customErrors ?? [])
            {
                if (!error.Matches(data)) continue;
                var args = error.Decode(data);
                string rendered = string.Join(", ", error.Inputs.Select((p, i) => $"{(p.Name.Length > 0 ? p.Name + ": " : "")}{Render(args[i])}"));
                return new(error.Name, args, $"{error.Name}({rendered})", copy);
            }
        }
        catch (AbiFormatException)
        {
            // Fall through: report the raw data.
        }
        return new(null, [], $"reverted with undecoded data {Hex.Encode(data[..Math.Min(data.Length, 36)])}{(data.Length > 36 ? "…" : "")}", copy);
    }

    private static string PanicMeaning(BigInteger code) => (int)(code & 0xff) switch
    {
        0x01 => "assertion failed",
        0x11 => "arithmetic overflow or underflow",
        0x12 => "division or modulo by zero",
        0x21 => "invalid enum value",
        0x22 => "invalid storage byte array",
        0x31 => "pop on an empty array",
        0x32 => "array index out of bounds",
        0x41 => "out of memory",
        0x51 => "call to an uninitialised function",
        _ => "unknown panic code",
    };

    private static string Render(object? value) => value switch
    {
        null => "null",
        byte[] b => Hex.Encode(b),
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
