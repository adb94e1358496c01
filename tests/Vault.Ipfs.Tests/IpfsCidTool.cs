using System.Diagnostics;
using System.Text.Json;

namespace Vault.Ipfs.Tests;

/// <summary>Debian's <c>ipfs_cid</c> (package ipfs-cid, installed by <c>make peers</c>): the dag-pb UnixFS CIDv0 of a
/// file, as <c>ipfs add</c> with the legacy defaults computes it.</summary>
public static class IpfsCidTool
{
    public static string CidV0(string path)
    {
        var info = new ProcessStartInfo("ipfs_cid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(path);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"ipfs_cid is not installed: run `make peers` (make test does it). {e.Message}");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new Xunit.Sdk.XunitException($"ipfs_cid {path} exited {process.ExitCode}: {stderr.Result}");
            using var json = JsonDocument.Parse(stdout);
            return json.RootElement.GetProperty("CIDv0").GetString()!;
        }
    }
}
