using System.Security.Cryptography;

namespace Vault.Ipfs;

/// <summary>A self-describing hash: <c>varint(code) varint(length) digest</c> (multiformats/multihash).
/// Immutable; equality compares the encoded bytes.</summary>
public sealed class Multihash : IEquatable<Multihash>
{
    /// <summary>Largest identity "digest" Vault accepts (Kubo's limit for inline CIDs).</summary>
    public const int MaxIdentityLength = 128;

    private const int Sha256Length = 32;
    private readonly byte[] _bytes;
    private readonly int _digestOffset;

    private Multihash(byte[] bytes, MultihashCode code, int digestOffset)
    {
        _bytes = bytes;
        Code = code;
        _digestOffset = digestOffset;
    }

    /// <summary>The hash function.</summary>
    public MultihashCode Code { get; }

    /// <summary>The digest (for identity, the content).</summary>
    public ReadOnlySpan<byte> Digest => _bytes.AsSpan(_digestOffset);

    /// <summary>The encoded multihash.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Length of the encoded multihash.</summary>
    public int Length => _bytes.Length;

    /// <summary>Hashes <paramref name="data"/> with <paramref name="code"/> (SHA-256 or identity).</summary>
    public static Multihash Compute(MultihashCode code, ReadOnlySpan<byte> data)
    {
        switch (code)
        {
            case MultihashCode.Sha2256:
                Span<byte> digest = stackalloc byte[Sha256Length];
                SHA256.HashData(data, digest);
                return FromDigest(code, digest);
            case MultihashCode.Identity:
                if (data.Length > MaxIdentityLength)
                    ThrowHelper.ThrowArgument(nameof(data), $"Multihash.Compute: identity multihashes hold at most {MaxIdentityLength} bytes, got {data.Length}.");
                return FromDigest(code, data);
            default:
                throw new NotSupportedException($"Multihash.Compute: Vault computes sha2-256 and identity, not 0x{(ulong)code:x}.");
        }
    }

    /// <summary>Wraps an already computed <paramref name="digest"/>.</summary>
    public static Multihash FromDigest(MultihashCode code, ReadOnlySpan<byte> digest)
    {
        int head = Varint.GetLength((ulong)code) + Varint.GetLength((ulong)digest.Length);
        var bytes = new byte[head + digest.Length];
        int n = Varint.Write((ulong)code, bytes);
        n += Varint.Write((ulong)digest.Length, bytes.AsSpan(n));
        digest.CopyTo(bytes.AsSpan(n));
        return new Multihash(bytes, code, n);
    }

    /// <summary>Parses a complete encoded multihash (no trailing bytes).</summary>
    /// <exception cref="CidFormatException">Malformed, truncated, or followed by extra bytes.</exception>
    public static Multihash Parse(ReadOnlySpan<byte> bytes)
    {
        var mh = Read(bytes, out int consumed);
        if (consumed != bytes.Length)
            throw new CidFormatException($"Multihash.Parse: {bytes.Length - consumed} bytes follow the {consumed}-byte multihash.");
        return mh;
    }

    /// <summary>Reads a multihash from the start of <paramref name="source"/>.</summary>
    /// <exception cref="CidFormatException">Malformed or truncated.</exception>
    public static Multihash Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        var status = Varint.TryRead(source, out ulong code, out int n1);
        if (status != VarintStatus.Ok) throw new CidFormatException($"Multihash: hash function code: {Varint.Describe(status)}.");
        status = Varint.TryRead(source[n1..], out ulong length, out int n2);
        if (status != VarintStatus.Ok) throw new CidFormatException($"Multihash: digest length: {Varint.Describe(status)}.");
        int head = n1 + n2;
        if (length > (ulong)(source.Length - head))
            throw new CidFormatException($"Multihash: truncated: the digest length is {length} bytes but only {source.Length - head} follow.");
        var mhCode = (MultihashCode)code;
        if (mhCode == MultihashCode.Sha2256 && length > Sha256Length)
            throw new CidFormatException($"Multihash: a sha2-256 digest cannot be {length} bytes long (at most 32).");
        if (mhCode == MultihashCode.Identity && length > MaxIdentityLength)
            throw new CidFormatException($"Multihash: an identity multihash of {length} bytes exceeds the {MaxIdentityLength}-byte limit.");
        bytesRead = head + (int)length;
        return new Multihash(source[..bytesRead].ToArray(), mhCode, head);
    }

    /// <summary>Whether this function can be checked by <see cref="Matches"/>.</summary>
    public bool IsVerifiable => Code is MultihashCode.Sha2256 or MultihashCode.Identity;

    /// <summary>True when <paramref name="data"/> hashes to this multihash.</summary>
    /// <exception cref="ContentIntegrityException">The hash function is not one Vault can verify, or the sha2-256
    /// digest is truncated: unverifiable content is never accepted.</exception>
    public bool Matches(ReadOnlySpan<byte> data)
    {
        switch (Code)
        {
            case MultihashCode.Sha2256:
                if (Digest.Length != Sha256Length)
                    throw new ContentIntegrityException($"Multihash: a sha2-256 digest truncated to {Digest.Length} bytes is not accepted as proof of content.");
                Span<byte> digest = stackalloc byte[Sha256Length];
                SHA256.HashData(data, digest);
                return CryptographicOperations.FixedTimeEquals(digest, Digest);
            case MultihashCode.Identity:
                return data.SequenceEqual(Digest);
            default:
                throw new ContentIntegrityException($"Multihash: cannot verify content hashed with function 0x{(ulong)Code:x}; Vault verifies sha2-256 and identity only.");
        }
    }

    /// <summary>Name of the function and the digest in hex, e.g. <c>sha2-256-256-6e6f…</c> (the CID spec's human-readable form).</summary>
    public override string ToString()
    {
        string name = Code switch { MultihashCode.Sha2256 => "sha2-256", MultihashCode.Identity => "identity", _ => $"0x{(ulong)Code:x}" };
        return $"{name}-{Digest.Length * 8}-{Convert.ToHexStringLower(Digest)}";
    }

    /// <inheritdoc/>
    public bool Equals(Multihash? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Multihash);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(_bytes);
        return h.ToHashCode();
    }
}
