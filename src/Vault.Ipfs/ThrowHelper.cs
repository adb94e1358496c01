using System.Diagnostics.CodeAnalysis;

namespace Vault.Ipfs;

/// <summary>Throws caller-bug exceptions out of line so hot methods stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void ThrowDestinationTooShort(string paramName, int needed, int actual) =>
        throw new ArgumentException($"Destination too short: need {needed} bytes, got {actual}.", paramName);
}
