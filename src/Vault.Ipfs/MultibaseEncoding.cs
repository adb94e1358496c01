namespace Vault.Ipfs;

/// <summary>The multibase encodings Vault reads and writes. The value of each member is its prefix character
/// (multiformats/multibase multibase.csv).</summary>
public enum MultibaseEncoding
{
    /// <summary>'f': lower-case hexadecimal.</summary>
    Base16 = 'f',

    /// <summary>'F': upper-case hexadecimal.</summary>
    Base16Upper = 'F',

    /// <summary>'b': RFC 4648 base32, lower case, no padding. The default for CIDv1.</summary>
    Base32 = 'b',

    /// <summary>'B': RFC 4648 base32, upper case, no padding.</summary>
    Base32Upper = 'B',

    /// <summary>'k': base36, lower case (used by IPNS keys).</summary>
    Base36 = 'k',

    /// <summary>'K': base36, upper case.</summary>
    Base36Upper = 'K',

    /// <summary>'z': Bitcoin's base58 alphabet. js-ipfs answers with it unless told otherwise.</summary>
    Base58Btc = 'z',
}
