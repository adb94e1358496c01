using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Vault.Ring;

/// <summary>A deterministic random stream: AES-256 in counter mode keyed by a 32-byte seed.
/// The same seed gives the same stream on every machine, so public polynomials can travel as seeds.
/// <see cref="CreateFresh"/> draws the seed from the OS CSPRNG.</summary>
/// <remarks>Not thread-safe. Dispose to wipe the key and the buffered stream.</remarks>
public sealed class Prng : IDisposable
{
    /// <summary>Seed length in bytes.</summary>
    public const int SeedLength = 32;

    private const int BlockBytes = 16;
    private const int BufferBytes = 4096;

    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;      // cached: the one-shot EncryptEcb builds a cipher context per call
    private readonly byte[] _counters = new byte[BufferBytes];
    private readonly byte[] _buffer = new byte[BufferBytes];
    private ulong _counter;
    private int _position = BufferBytes;
    private bool _disposed;

    /// <summary>Creates the stream for <paramref name="seed"/> (exactly 32 bytes).</summary>
    public Prng(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength) ThrowHelper.ThrowLengthMismatch(nameof(seed), SeedLength, seed.Length);
        _aes = Aes.Create();
        byte[] key = seed.ToArray();
        try
        {
            _aes.Key = key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
    }

    /// <summary>A stream seeded from the operating system's CSPRNG.</summary>
    public static Prng CreateFresh()
    {
        Span<byte> seed = stackalloc byte[SeedLength];
        RandomNumberGenerator.Fill(seed);
        try { return new Prng(seed); }
        finally { CryptographicOperations.ZeroMemory(seed); }
    }

    /// <summary>Fills <paramref name="destination"/> with the next bytes of the stream.</summary>
    public void Fill(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!destination.IsEmpty)
        {
            if (_position == BufferBytes) Refill();
            int take = Math.Min(destination.Length, BufferBytes - _position);
            _buffer.AsSpan(_position, take).CopyTo(destination);
            _position += take;
            destination = destination[take..];
        }
    }

    /// <summary>The next 64 bits of the stream, little-endian.</summary>
    public ulong NextUInt64()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (BufferBytes - _position < sizeof(ulong))
        {
            // Straddles a refill: take the bytes left, then the rest from the next block, so the value is
            // always the next 8 bytes of the stream whatever mix of reads came before.
            Span<byte> bytes = stackalloc byte[sizeof(ulong)];
            Fill(bytes);
            return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        }
        ulong v = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(_position));
        _position += sizeof(ulong);
        return v;
    }

    /// <summary>The next byte of the stream.</summary>
    public byte NextByte()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_position == BufferBytes) Refill();
        return _buffer[_position++];
    }

    private void Refill()
    {
        // Blocks are AES_k(counter) with a 128-bit little-endian block counter starting at 0.
        for (int i = 0; i < BufferBytes; i += BlockBytes)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_counters.AsSpan(i), _counter++);
            BinaryPrimitives.WriteUInt64LittleEndian(_counters.AsSpan(i + 8), 0);
        }
        _ecb.TransformBlock(_counters, 0, BufferBytes, _buffer, 0);
        _position = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        CryptographicOperations.ZeroMemory(_buffer);
        _ecb.Dispose();
        _aes.Dispose();
    }
}
