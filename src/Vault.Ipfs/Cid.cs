namespace Vault.Ipfs;

/// <summary>A content identifier (multiformats/cid). CIDv1 is <c>varint(1) varint(codec) multihash</c>, written in a
/// multibase (base32 lower by default); CIDv0 is a bare sha2-256 multihash of a dag-pb block, written in base58btc
/// without a prefix (<c>Qm…</c>). Immutable; two CIDs are equal when their binary forms are equal, so a CIDv0 and the
/// CIDv1 of the same block differ (compare <see cref="Multihash"/> to ask "same bytes?").</summary>
public sealed class Cid : IEquatable<Cid>
{
    private readonly byte[] _bytes;

    private Cid(int version, ulong codec, Multihash multihash, byte[] bytes)
    {
        Version = version;
        Codec = codec;
        Multihash = multihash;
        _bytes = bytes;
    }

    /// <summary>0 or 1.</summary>
    public int Version { get; }

    /// <summary>The multicodec of the block (<see cref="Multicodec"/>).</summary>
    public ulong Codec { get; }

    /// <summary>The hash of the block.</summary>
    public Multihash Multihash { get; }

    /// <summary>The binary CID (as in CAR sections and dag-pb links).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Length of the binary CID.</summary>
    public int Length => _bytes.Length;

    /// <summary>A CIDv1 for <paramref name="codec"/> and <paramref name="multihash"/>.</summary>
    public static Cid CreateV1(ulong codec, Multihash multihash)
    {
        ArgumentNullException.ThrowIfNull(multihash);
        if (codec > long.MaxValue) ThrowHelper.ThrowArgument(nameof(codec), "Cid.CreateV1: codec exceeds 63 bits.");
        var bytes = new byte[1 + Varint.GetLength(codec) + multihash.Length];
        bytes[0] = 1;
        int n = 1 + Varint.Write(codec, bytes.AsSpan(1));
        multihash.Bytes.CopyTo(bytes.AsSpan(n));
        return new Cid(1, codec, multihash, bytes);
    }

    /// <summary>A CIDv0: <paramref name="multihash"/> must be a full sha2-256 multihash (the codec is dag-pb).</summary>
    public static Cid CreateV0(Multihash multihash)
    {
        ArgumentNullException.ThrowIfNull(multihash);
        if (multihash.Code != MultihashCode.Sha2256 || multihash.Digest.Length != 32)
            ThrowHelper.ThrowArgument(nameof(multihash), $"Cid.CreateV0: CIDv0 needs a 32-byte sha2-256 multihash, got {multihash}.");
        return new Cid(0, Multicodec.DagPb, multihash, multihash.Bytes.ToArray());
    }

    /// <summary>The CID of <paramref name="block"/> hashed with SHA-256: CIDv0 (dag-pb only) or CIDv1.</summary>
    public static Cid Compute(ulong codec, ReadOnlySpan<byte> block, int version = 1)
    {
        var mh = Multihash.Compute(MultihashCode.Sha2256, block);
        if (version == 0)
        {
            if (codec != Multicodec.DagPb) ThrowHelper.ThrowArgument(nameof(codec), $"Cid.Compute: CIDv0 is dag-pb only, not {Multicodec.Name(codec)}.");
            return CreateV0(mh);
        }
        if (version != 1) ThrowHelper.ThrowArgument(nameof(version), $"Cid.Compute: version {version} is neither 0 nor 1.");
        return CreateV1(codec, mh);
    }

    /// <summary>Parses a CID string: a 46-character <c>Qm…</c> CIDv0, or any multibase Vault reads (b, B, z, k, K, f, F).</summary>
    /// <exception cref="CidFormatException">The string is not a valid CID; the message names the problem.</exception>
    public static Cid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 46 && text.StartsWith("Qm", StringComparison.Ordinal))
        {
            byte[] v0 = Multibase.DecodeBare(MultibaseEncoding.Base58Btc, text);
            return FromBytes(v0);
        }
        if (text.Length == 0) throw new CidFormatException("Cid.Parse: the string is empty.");
        byte[] bytes;
        try
        {
            bytes = Multibase.Decode(text, out _);
        }
        catch (CidFormatException e)
        {
            throw new CidFormatException($"Cid.Parse: \"{Multibase.Shorten(text)}\": {e.Message}", e);
        }
        if (bytes.Length > 0 && bytes[0] == 0x12)
            throw new CidFormatException($"Cid.Parse: \"{Multibase.Shorten(text)}\" is a multibase-encoded CIDv0, which the CID spec forbids (write CIDv0 as bare base58btc Qm…).");
        return FromBytes(bytes, text);
    }

    /// <summary>Like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out Cid? cid)
    {
        cid = null;
        if (text is null) return false;
        try
        {
            cid = Parse(text);
            return true;
        }
        catch (CidFormatException)
        {
            return false;
        }
    }

    /// <summary>Parses a complete binary CID (no trailing bytes).</summary>
    /// <exception cref="CidFormatException">Malformed, truncated, or followed by extra bytes.</exception>
    public static Cid FromBytes(ReadOnlySpan<byte> bytes) => FromBytes(bytes, null);

    private static Cid FromBytes(ReadOnlySpan<byte> bytes, string? text)
    {
        var cid = Read(bytes, out int consumed, text);
        if (consumed != bytes.Length)
            throw new CidFormatException($"Cid: {Where(text)}{bytes.Length - consumed} bytes follow the {consumed}-byte CID.");
        return cid;
    }

    /// <summary>Reads a binary CID from the start of <paramref name="source"/> (CAR sections, dag-pb links).</summary>
    /// <exception cref="CidFormatException">Malformed or truncated.</exception>
    public static Cid Read(ReadOnlySpan<byte> source, out int bytesRead) => Read(source, out bytesRead, null);

    private static Cid Read(ReadOnlySpan<byte> source, out int bytesRead, string? text)
    {
        if (source.Length == 0) throw new CidFormatException($"Cid: {Where(text)}no bytes.");
        if (source.Length >= 2 && source[0] == 0x12 && source[1] == 0x20)
        {
            if (source.Length < 34) throw new CidFormatException($"Cid: {Where(text)}truncated CIDv0: {source.Length} of 34 bytes.");
            bytesRead = 34;
            return CreateV0(Multihash.Read(source[..34], out _));
        }
        var status = Varint.TryRead(source, out ulong version, out int n1);
        if (status != VarintStatus.Ok) throw new CidFormatException($"Cid: {Where(text)}version: {Varint.Describe(status)}.");
        if (version == 0) throw new CidFormatException($"Cid: {Where(text)}version 0 written explicitly is malformed (CIDv0 is a bare multihash).");
        if (version != 1) throw new CidFormatException($"Cid: {Where(text)}version {version} is reserved; Vault reads CIDv0 and CIDv1.");
        status = Varint.TryRead(source[n1..], out ulong codec, out int n2);
        if (status != VarintStatus.Ok) throw new CidFormatException($"Cid: {Where(text)}codec: {Varint.Describe(status)}.");
        Multihash mh;
        int n3;
        try
        {
            mh = Multihash.Read(source[(n1 + n2)..], out n3);
        }
        catch (CidFormatException e)
        {
            throw new CidFormatException($"Cid: {Where(text)}{e.Message}", e);
        }
        bytesRead = n1 + n2 + n3;
        return new Cid(1, codec, mh, source[..bytesRead].ToArray());
    }

    private static string Where(string? text) => text is null ? "" : $"\"{Multibase.Shorten(text)}\": ";

    /// <summary>This CID as CIDv1 (a CIDv1 returns itself).</summary>
    public Cid ToV1() => Version == 1 ? this : CreateV1(Codec, Multihash);

    /// <summary>True when <paramref name="block"/> hashes to this CID.</summary>
    /// <exception cref="ContentIntegrityException">The hash function cannot be verified.</exception>
    public bool Matches(ReadOnlySpan<byte> block) => Multihash.Matches(block);

    /// <summary>The canonical string: CIDv0 as bare base58btc, CIDv1 as base32 lower ('b…'), as Kubo writes them.</summary>
    public override string ToString() => Version == 0 ? Multibase.EncodeBare(MultibaseEncoding.Base58Btc, _bytes) : Multibase.Encode(MultibaseEncoding.Base32, _bytes);

    /// <summary>The CID in <paramref name="encoding"/>. CIDv0 has only one string form.</summary>
    public string ToString(MultibaseEncoding encoding)
    {
        if (Version == 0)
        {
            if (encoding != MultibaseEncoding.Base58Btc)
                throw new InvalidOperationException($"Cid.ToString: a CIDv0 is written in base58btc only; call ToV1() first for {encoding}.");
            return ToString();
        }
        return Multibase.Encode(encoding, _bytes);
    }

    /// <inheritdoc/>
    public bool Equals(Cid? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Cid);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(_bytes);
        return h.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Cid? left, Cid? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Cid? left, Cid? right) => !(left == right);
}
