namespace Vault.Ring;

/// <summary>A polynomial in Z_Q[X]/(X^N + 1) held in a backend's own memory (host arrays for the CPU backend, device
/// memory for a GPU backend), limb-major like <see cref="RnsPoly"/>. Only the <see cref="IRingBackend"/> that allocated
/// it can read or write it; data moves to and from the host only through <see cref="IRingBackend.Upload"/> and
/// <see cref="IRingBackend.Download"/>, so a chain of operations keeps ciphertexts resident on the device.</summary>
/// <remarks>Dispose zeroes and frees the storage. Like <see cref="RnsPoly"/>, the handle does not know its moduli or
/// whether it is in NTT form: its owner does.</remarks>
public interface IDevicePoly : IDisposable
{
    /// <summary>Ring degree N.</summary>
    int N { get; }

    /// <summary>Number of limbs the storage can hold.</summary>
    int Capacity { get; }

    /// <summary>Number of limbs in use, in [1, <see cref="Capacity"/>]; limbs past it are scratch.</summary>
    int LimbCount { get; set; }
}
