namespace Vault.Engine.Datasets;

/// <summary>A write-only sink that keeps the first bytes written (a CKKS object header) and counts the rest, so a
/// large object can be checked while it streams past without being held in memory. With a limit, it also refuses to
/// hold more than that many bytes in <see cref="Buffer"/> (for objects that are read whole); given the expected length
/// (<paramref name="capacity"/>), it holds them in one array of that size, with no copies to grow it.</summary>
internal sealed class BoundedCaptureStream(int keep, long limit = long.MaxValue, int capacity = 0) : Stream
{
    private readonly MemoryStream _kept = new(capacity);

    /// <summary>The first bytes written, up to the keep count.</summary>
    public ReadOnlySpan<byte> Buffer => _kept.GetBuffer().AsSpan(0, (int)_kept.Length);

    /// <summary>The kept bytes as an array: the buffer itself when they fill it exactly (the expected length was
    /// right), else a copy.</summary>
    public byte[] ToArray() => _kept.Length == _kept.Capacity ? _kept.GetBuffer() : _kept.ToArray();

    /// <summary>Bytes written in all.</summary>
    public long Written { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Written;
    public override long Position { get => Written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int take = (int)Math.Clamp(keep - Written, 0, buffer.Length);
        if (Written + buffer.Length > limit)
        {
            // Keep the start (a header says what the object is) before refusing the rest.
            take = (int)Math.Clamp(Math.Min(keep, CkksObjectHeader.Length) - Written, 0, buffer.Length);
            if (take > 0) _kept.Write(buffer[..take]);
            throw new InvalidDataException($"the object is larger than the {limit} bytes it can be.");
        }
        if (take > 0) _kept.Write(buffer[..take]);
        Written += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _kept.Dispose();
        base.Dispose(disposing);
    }
}
