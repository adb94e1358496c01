using System.Diagnostics;
using System.Globalization;

namespace Vault.Benchmarks;

/// <summary><c>loop &lt;op&gt; &lt;seal|hybrid&gt; &lt;logN&gt; &lt;seconds&gt;</c>: runs one operation back to back for a
/// profiler (<c>DOTNET_PerfMapEnabled=1 perf record -g -- dotnet …</c>).</summary>
internal static class OperationLoop
{
    public static int Run(string[] args)
    {
        if (args.Length != 4)
        {
            Console.Error.WriteLine("usage: loop <encode|decode|encrypt-pk|relinearize|rotate|rescale|multiply|add> <seal|hybrid> <logN> <seconds>");
            return 2;
        }
        int logN = int.Parse(args[2], CultureInfo.InvariantCulture);
        using var f = new CkksFixture(args[1] == "hybrid" ? Chains.Hybrid(logN) : Chains.Seal(logN));
        var reals = new double[f.Parameters.Slots];
        Action call = args[0] switch
        {
            "encode" => () => f.Encoder.Encode(f.Values, f.Parameters.MaxLevel, f.Parameters.DefaultScale, f.Plaintext),
            "decode" => () => f.Encoder.Decode(f.Plaintext, reals.AsSpan()),
            "encrypt-pk" => () => f.PublicEncryptor.Encrypt(f.Plaintext, f.Destination),
            "relinearize" => () => f.Evaluator.Relinearize(f.Product, f.Destination),
            "rotate" => () => f.Evaluator.Rotate(f.A, 1, f.Destination),
            "rescale" => () => f.Evaluator.Rescale(f.Relinearized, f.Destination),
            "multiply" => () => f.Evaluator.Multiply(f.A, f.B, f.Destination),
            "add" => () => f.Evaluator.Add(f.A, f.B, f.Destination),
            _ => throw new ArgumentException($"unknown op {args[0]}"),
        };
        var clock = Stopwatch.StartNew();
        long calls = 0;
        var limit = TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture));
        while (clock.Elapsed < limit)
        {
            call();
            calls++;
        }
        Console.WriteLine($"{args[0]} {args[1]} 2^{logN}: {calls} calls, {clock.Elapsed.TotalMilliseconds * 1000 / calls:F1} µs per call");
        return 0;
    }
}
