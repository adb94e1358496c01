using System.Buffers.Binary;
using Org.BouncyCastle.Crypto.Digests;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks.Interop;

/// <summary>Reads and writes Microsoft SEAL 4.1 objects (compression none): encryption parameters, CKKS secret keys
/// and ciphertexts, so SEAL can decrypt what Vault encrypts and the other way round.</summary>
/// <remarks>
/// Works for parameter sets with SEAL's shape: one key-switching prime (SEAL's "special prime"), primes chosen as
/// <c>CoeffModulus::Create</c> does (Vault's <see cref="Primes.NttPrimes"/> matches it), uniform ternary secret.
/// Vault's NTT (smallest primitive 2N-th root, bit-reversed order) and slot order (generator 3) are SEAL's, so NTT-form
/// residues are written as they are. Layout: tests/peers/seal/FORMAT.md. SEAL's parms_id of a level is
/// BLAKE2b-256 over the u64 words [scheme = 2, N, q_0..q_ℓ, plain modulus = 0].
/// </remarks>
public static class SealInterop
{
    private const ushort Magic = 0xA15E;
    private const int HeaderSize = 16;
    private const byte SchemeCkks = 2;
    private const int ModulusObjectSize = HeaderSize + 8;

    /// <summary>SEAL's <c>EncryptionParameters</c> for this set: CKKS, N, q_0..q_L then the special prime.</summary>
    /// <exception cref="NotSupportedException">The set has more than one key-switching prime.</exception>
    public static byte[] ExportParameters(CkksParameters parameters)
    {
        ulong[] primes = KeyLevelPrimes(parameters);
        int size = HeaderSize + 1 + 8 + 8 + ModulusObjectSize * (primes.Length + 1);
        var bytes = new byte[size];
        var w = new Writer(bytes);
        w.Header(size);
        w.U8(SchemeCkks);
        w.U64((ulong)parameters.N);
        w.U64((ulong)primes.Length);
        foreach (ulong q in primes) { w.Header(ModulusObjectSize); w.U64(q); }
        w.Header(ModulusObjectSize);
        w.U64(0);
        return bytes;
    }

    /// <summary>The secret key as a SEAL <c>SecretKey</c>: NTT form over every prime, key-level parms_id.
    /// The returned buffer holds the secret: zero it after use.</summary>
    public static byte[] ExportSecretKey(CkksParameters parameters, SecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        ulong[] primes = KeyLevelPrimes(parameters);
        parameters.CheckId(secretKey.ParameterId, "ExportSecretKey");
        int count = parameters.N * primes.Length;
        int size = 88 + 8 * count;
        var bytes = new byte[size];
        var w = new Writer(bytes);
        w.Header(size);
        w.Bytes(ParmsId(parameters.N, primes));
        w.U64((ulong)count);
        w.F64(1.0);
        w.Header(HeaderSize + 8 + 8 * count);
        w.U64((ulong)count);
        foreach (ulong x in secretKey.Poly.Coefficients[..count]) w.U64(x);
        return bytes;
    }

    /// <summary>The ciphertext as a SEAL <c>Ciphertext</c> at its level (NTT form, scale, all residues).</summary>
    public static byte[] ExportCiphertext(CkksParameters parameters, Ciphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ulong[] primes = KeyLevelPrimes(parameters);
        parameters.CheckId(ciphertext.ParameterId, "ExportCiphertext");
        int k = ciphertext.Level + 1, n = parameters.N;
        long count = (long)ciphertext.Size * k * n;
        int size = checked((int)(113 + 8 * count));
        var bytes = new byte[size];
        var w = new Writer(bytes);
        w.Header(size);
        w.Bytes(ParmsId(n, primes.AsSpan(0, k)));
        w.U8(1);
        w.U64((ulong)ciphertext.Size);
        w.U64((ulong)n);
        w.U64((ulong)k);
        w.F64(ciphertext.Scale);
        w.U64(1);
        w.Header(checked((int)(HeaderSize + 8 + 8 * count)));
        w.U64((ulong)count);
        for (int p = 0; p < ciphertext.Size; p++)
            foreach (ulong x in ciphertext[p].Coefficients) w.U64(x);
        return bytes;
    }

    /// <summary>Reads a SEAL <c>SecretKey</c> made for the same primes.</summary>
    /// <exception cref="SealFormatException">The bytes are malformed, for other parameters, or a residue is out of range.</exception>
    public static SecretKey ImportSecretKey(CkksParameters parameters, ReadOnlySpan<byte> bytes)
    {
        ulong[] primes = KeyLevelPrimes(parameters);
        int n = parameters.N, count = n * primes.Length;
        var r = new Reader(bytes, "ImportSecretKey");
        r.Header(88 + 8 * count);
        r.ExpectParmsId(ParmsId(n, primes));
        r.Expect(r.U64(), (ulong)count, "coeff_count");
        r.F64();
        r.Header(HeaderSize + 8 + 8 * count);
        r.Expect(r.U64(), (ulong)count, "data count");
        var poly = new RnsPoly(n, primes.Length);
        ReadResidues(ref r, poly, primes, n);
        return SecretKey.FromNtt(parameters.Rlwe, poly);
    }

    /// <summary>Reads a SEAL CKKS <c>Ciphertext</c> at any data level of the same primes.</summary>
    /// <exception cref="SealFormatException">The bytes are malformed, for other parameters, or a residue is out of range.</exception>
    public static Ciphertext ImportCiphertext(CkksParameters parameters, ReadOnlySpan<byte> bytes)
    {
        ulong[] primes = KeyLevelPrimes(parameters);
        int n = parameters.N;
        var r = new Reader(bytes, "ImportCiphertext");
        int total = r.HeaderAnySize();
        var id = new byte[32];
        r.Bytes(id);
        if (r.U8() == 0) throw new SealFormatException("ImportCiphertext: ciphertext is not in NTT form; CKKS ciphertexts must be.");
        ulong size = r.U64();
        if (size is < 2 or > Ciphertext.MaxSize) throw new SealFormatException($"ImportCiphertext: {size} polynomials; Vault reads 2 or 3.");
        r.Expect(r.U64(), (ulong)n, "poly_modulus_degree");
        ulong k = r.U64();
        if (k < 1 || k > (ulong)(parameters.MaxLevel + 1)) throw new SealFormatException($"ImportCiphertext: {k} primes is not a data level of these parameters.");
        if (!id.AsSpan().SequenceEqual(ParmsId(n, primes.AsSpan(0, (int)k))))
            throw new SealFormatException("ImportCiphertext: parms_id does not match these parameters at that level.");
        double scale = r.F64();
        if (!double.IsFinite(scale) || scale <= 0) throw new SealFormatException($"ImportCiphertext: invalid scale {scale}.");
        r.Expect(r.U64(), 1, "correction_factor");
        long count = (long)size * (long)k * n;
        if (total != 113 + 8 * count) throw new SealFormatException("ImportCiphertext: header size does not match the contents.");
        r.Header(checked((int)(HeaderSize + 8 + 8 * count)));
        r.Expect(r.U64(), (ulong)count, "data count");
        var ct = new Ciphertext(parameters.Rlwe, (int)k - 1, scale, (int)size);
        for (int p = 0; p < (int)size; p++) ReadResidues(ref r, ct[p], primes.AsSpan(0, (int)k), n);
        return ct;
    }

    /// <summary>SEAL's parms_id for the level whose primes are <paramref name="primes"/>.</summary>
    public static byte[] ParmsId(int n, ReadOnlySpan<ulong> primes)
    {
        var digest = new Blake2bDigest(256);
        Span<byte> word = stackalloc byte[8];
        void Absorb(ulong v, Span<byte> buffer)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, v);
            digest.BlockUpdate(buffer);
        }
        Absorb(SchemeCkks, word);
        Absorb((ulong)n, word);
        foreach (ulong q in primes) Absorb(q, word);
        Absorb(0, word);
        var result = new byte[32];
        digest.DoFinal(result, 0);
        return result;
    }

    private static ulong[] KeyLevelPrimes(CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Rlwe.PPrimes.Length != 1)
            throw new NotSupportedException($"SEAL interop: SEAL has exactly one special prime; these parameters have {parameters.Rlwe.PPrimes.Length}.");
        if (parameters.Spec.HammingWeight != 0)
            throw new NotSupportedException("SEAL interop: SEAL's secret is uniform ternary; these parameters use a fixed Hamming weight.");
        return [.. parameters.Rlwe.QPrimes, .. parameters.Rlwe.PPrimes];
    }

    private static void ReadResidues(ref Reader r, RnsPoly poly, ReadOnlySpan<ulong> primes, int n)
    {
        for (int i = 0; i < primes.Length; i++)
        {
            Span<ulong> limb = poly.Limb(i);
            for (int j = 0; j < n; j++)
            {
                ulong x = r.U64();
                if (x >= primes[i]) throw new SealFormatException($"{r.Operation}: residue {x} at prime {i}, position {j} is not below q_{i} = {primes[i]}.");
                limb[j] = x;
            }
        }
    }

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;
        private int _offset;

        public void Header(int size)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(_buffer[_offset..], Magic);
            _buffer[_offset + 2] = HeaderSize;
            _buffer[_offset + 3] = 4;
            _buffer[_offset + 4] = 1;
            _buffer[_offset + 5] = 0;
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer[(_offset + 8)..], (ulong)size);
            _offset += HeaderSize;
        }

        public void U8(byte v) => _buffer[_offset++] = v;

        public void U64(ulong v)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer[_offset..], v);
            _offset += 8;
        }

        public void F64(double v) => U64(BitConverter.DoubleToUInt64Bits(v));

        public void Bytes(ReadOnlySpan<byte> v)
        {
            v.CopyTo(_buffer[_offset..]);
            _offset += v.Length;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> buffer, string operation)
    {
        private readonly ReadOnlySpan<byte> _buffer = buffer;
        private int _offset;

        public readonly string Operation => operation;

        public void Header(int expectedSize)
        {
            int size = HeaderAnySize();
            if (size != expectedSize)
                throw new SealFormatException($"{Operation}: object size {size} bytes, expected {expectedSize} for these parameters.");
        }

        public int HeaderAnySize()
        {
            Need(HeaderSize);
            if (BinaryPrimitives.ReadUInt16LittleEndian(_buffer[_offset..]) != Magic || _buffer[_offset + 2] != HeaderSize)
                throw new SealFormatException($"{Operation}: not a SEAL object (bad magic or header size).");
            if (_buffer[_offset + 3] != 4 || _buffer[_offset + 4] != 1)
                throw new SealFormatException($"{Operation}: SEAL version {_buffer[_offset + 3]}.{_buffer[_offset + 4]}; only 4.1 is supported.");
            if (_buffer[_offset + 5] != 0)
                throw new SealFormatException($"{Operation}: compressed object (mode {_buffer[_offset + 5]}); save with ComprModeType.none.");
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(_buffer[(_offset + 8)..]);
            if (size > int.MaxValue) throw new SealFormatException($"{Operation}: object size {size} is too large.");
            _offset += HeaderSize;
            return (int)size;
        }

        public void ExpectParmsId(ReadOnlySpan<byte> expected)
        {
            Need(32);
            if (!_buffer.Slice(_offset, 32).SequenceEqual(expected))
                throw new SealFormatException($"{Operation}: parms_id does not match these parameters.");
            _offset += 32;
        }

        public byte U8()
        {
            Need(1);
            return _buffer[_offset++];
        }

        public ulong U64()
        {
            Need(8);
            ulong v = BinaryPrimitives.ReadUInt64LittleEndian(_buffer[_offset..]);
            _offset += 8;
            return v;
        }

        public double F64() => BitConverter.UInt64BitsToDouble(U64());

        public void Bytes(Span<byte> destination)
        {
            Need(destination.Length);
            _buffer.Slice(_offset, destination.Length).CopyTo(destination);
            _offset += destination.Length;
        }

        public readonly void Expect(ulong actual, ulong expected, string field)
        {
            if (actual != expected) throw new SealFormatException($"{Operation}: {field} is {actual}, expected {expected}.");
        }

        private readonly void Need(int count)
        {
            if (_buffer.Length - _offset < count)
                throw new SealFormatException($"{Operation}: input ends at byte {_buffer.Length}; {count} more bytes needed at offset {_offset}.");
        }
    }
}
