using Vault.Ipfs;

namespace Vault.Engine.Jobs;

/// <summary>A finished job: where its record and transcript are, and the transcript itself.</summary>
/// <param name="JobCid">The job record's CID.</param>
/// <param name="TranscriptCid">The transcript's CID (a raw block).</param>
/// <param name="Transcript">The transcript.</param>
public sealed record JobRun(Cid JobCid, Cid TranscriptCid, JobTranscript Transcript);
