namespace Vault.Ipfs.Kubo;

/// <summary>What <c>/api/v0/id</c> says about the node.</summary>
/// <param name="Id">The node's peer id.</param>
/// <param name="AgentVersion">Its software, e.g. <c>kubo/0.43.1/</c> or <c>js-ipfs/0.66.1</c>.</param>
public sealed record KuboNodeInfo(string Id, string AgentVersion);
