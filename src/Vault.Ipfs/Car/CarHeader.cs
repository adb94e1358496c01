namespace Vault.Ipfs.Car;

/// <summary>The header of a CAR v1 archive: its root CIDs.</summary>
/// <param name="Roots">The roots, in header order.</param>
public sealed record CarHeader(IReadOnlyList<Cid> Roots);
