using System.Diagnostics.CodeAnalysis;

namespace Vault.Ring;

/// <summary>Throws caller-bug exceptions out of line so hot methods stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowLengthMismatch(string paramName, int expected, int actual) =>
        throw new ArgumentException($"Expected length {expected}, got {actual}.", paramName);

    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);
}
