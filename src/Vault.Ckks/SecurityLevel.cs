namespace Vault.Ckks;

/// <summary>Security target of a parameter set, per the HomomorphicEncryption.org standard (ternary secret).</summary>
public enum SecurityLevel
{
    /// <summary>No security claim: fast test parameters only. Refused by <see cref="CkksParameters.Create"/>.</summary>
    InsecureTestOnly = 0,

    /// <summary>128-bit classical security.</summary>
    Classical128 = 128,
}
