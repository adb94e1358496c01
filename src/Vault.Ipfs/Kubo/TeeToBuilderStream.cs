using Vault.Ipfs.UnixFs;

namespace Vault.Ipfs.Kubo;

/// <summary>A read-only stream that passes a source through while feeding every byte read to a compute-only
/// <see cref="UnixFsDagBuilder"/>, so Vault computes the CID of exactly the bytes it uploads.</summary>
internal sealed class TeeToBuilderStream(Stream source, UnixFsDagBuilder builder) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = source.Read(buffer);
        builder.Append(buffer[..n]);
        BytesRead += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        builder.Append(buffer.Span[..n]);
        BytesRead += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
