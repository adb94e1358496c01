namespace Vault.Ring.Gpu;

/// <summary>The requested accelerator is not available (for example CUDA on a machine without an NVIDIA GPU).</summary>
public sealed class GpuDeviceException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public GpuDeviceException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public GpuDeviceException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public GpuDeviceException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
