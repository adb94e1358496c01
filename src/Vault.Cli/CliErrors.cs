using ILGPU.Runtime;
using Spectre.Console;
using Vault.Ckks;
using Vault.Ckks.Serialization;
using Vault.Cli.Backends;
using Vault.Engine.Datasets;
using Vault.Engine.Jobs;
using Vault.Ipfs;
using Vault.ML;
using Vault.Ring.Gpu;
using Vault.Rlwe;

namespace Vault.Cli;

/// <summary>Turns the errors a user can fix into one red line and an exit code: 1 when a dataset failed verification,
/// 2 for bad input, keys or options, 3 when a store, a node or the GPU failed. Anything else is a bug and propagates.</summary>
internal static class CliErrors
{
    public const int VerificationFailed = 1;
    public const int BadInput = 2;
    public const int StoreFailed = 3;

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (DatasetIntegrityException e)
        {
            return Fail(e.Message, VerificationFailed);
        }
        catch (Exception e) when (e is DatasetInputException or ManifestFormatException or ParameterException or ParameterMismatchException
            or CkksFormatException or CidFormatException or CarFormatException or ArgumentException or FileNotFoundException or DirectoryNotFoundException
            or JobFormatException or JobPlanException or DatasetException or BackendUnavailableException or GpuDeviceException)
        {
            return Fail(e.Message, BadInput);
        }
        catch (Exception e) when (e is ContentIntegrityException or ContentNotFoundException or IpfsNodeException or IOException
            or UnauthorizedAccessException or HttpRequestException or BlockFormatException)
        {
            return Fail(e.Message, StoreFailed);
        }
        catch (AcceleratorException e)
        {
            return Fail(DeviceFailure(e), StoreFailed);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled.", StoreFailed);
        }
    }

    /// <summary>What to tell the user when the device failed mid-run (out of device memory, a lost device): the CPU gives
    /// the same result.</summary>
    public static string DeviceFailure(AcceleratorException e) =>
        $"the GPU failed ({e.Message.TrimEnd('.')}); free device memory or rerun with --backend cpu, which gives the same result.";

    private static int Fail(string message, int code)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {message}");
        return code;
    }
}
