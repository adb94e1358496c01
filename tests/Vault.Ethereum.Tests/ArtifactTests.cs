using Vault.Ethereum.Contracts;

namespace Vault.Ethereum.Tests;

/// <summary>The committed ABI and bytecode (Contracts/VaultReceipts.json, embedded in the assembly) are exactly what the
/// pinned solc-js produces from Contracts/VaultReceipts.sol today.</summary>
public class ArtifactTests
{
    [Fact]
    public void EmbeddedArtifact_FreshSolcCompile_IsIdentical()
    {
        string fresh = EthereumPeers.RunNode("compile.js");
        string committed = ContractArtifact.EmbeddedJson("VaultReceipts");
        Assert.True(fresh == committed,
            "src/Vault.Ethereum/Contracts/VaultReceipts.json differs from a fresh compile of VaultReceipts.sol: run `node tests/peers/ethereum/compile.js --write` and commit the result.");
    }

    [Fact]
    public void EmbeddedArtifact_Abi_HasTheReceiptInterface()
    {
        var artifact = VaultReceiptsContract.Artifact;
        Assert.Equal("VaultReceipts", artifact.ContractName);
        Assert.StartsWith("solc-js 0.8.28", artifact.Compiler, StringComparison.Ordinal);
        Assert.Equal("publishReceipt((bytes32,string,bytes32,bytes32,bytes32,bytes32,bytes32,address,bool,string,uint64))", artifact.Abi.Function("publishReceipt").Signature);
        Assert.Equal("registerDataset(string,bytes32,bytes32)", artifact.Abi.Function("registerDataset").Signature);
        Assert.Equal("setVerifier(string,address,bool)", artifact.Abi.Function("setVerifier").Signature);
        Assert.Equal(["DatasetAlreadyRegistered", "DatasetNotRegistered", "EmptyArgument", "JobAlreadyPublished", "NotAuthorised", "NotProvider", "PolicyMismatch"],
            artifact.Abi.Errors.Select(e => e.Name).Order(StringComparer.Ordinal));
        var published = artifact.Abi.Event("ReceiptPublished");
        Assert.Equal(["jobId", "datasetKey", "buyer"], published.Inputs.Where(p => p.Indexed).Select(p => p.Name));
        Assert.Equal(Keccak256.Hash32(published.Signature).ToString(), EthereumPeers.RunCast("keccak", published.Signature));
    }
}
