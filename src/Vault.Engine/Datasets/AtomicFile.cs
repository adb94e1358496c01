namespace Vault.Engine.Datasets;

/// <summary>Writes a file all or nothing: the content goes to a temporary file in the same directory (created with the
/// requested Unix permissions from the start, so a secret is never readable by others, not even briefly), is flushed
/// to disk, then renamed over the target. A reader sees the old file or the new one, never a part; a failure deletes
/// the temporary file.</summary>
public static class AtomicFile
{
    /// <summary>Owner read/write only (0600), for secret keys.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0644, for public material.</summary>
    public const UnixFileMode Public = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false, or the write failed.</exception>
    public static void Write(string path, Action<Stream> write, UnixFileMode mode = Public, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(write);
        string temp = TempPath(path);
        try
        {
            using (var stream = new FileStream(temp, Options(mode)))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, asynchronously.</summary>
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false, or the write failed.</exception>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken, UnixFileMode mode = Public, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(write);
        string temp = TempPath(path);
        try
        {
            var stream = new FileStream(temp, Options(mode));
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static string TempPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    private static FileStreamOptions Options(UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        return options;
    }
}
