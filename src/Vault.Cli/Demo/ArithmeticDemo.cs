using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Vault.Ckks;
using Vault.Rlwe;

namespace Vault.Cli.Demo;

/// <summary><c>vault demo arithmetic</c>: a real CKKS computation end to end. It encrypts two vectors, computes on the
/// ciphertexts (product, polynomial sigmoid, rotation, slot sum, mean), decrypts and reports the precision of each
/// result against the same computation on plaintext doubles.</summary>
internal static class ArithmeticDemo
{
    public static Command Create()
    {
        var preset = PresetOption.Preset("logn14");
        var allowInsecure = PresetOption.AllowInsecure();
        var command = new Command("arithmetic", "Encrypt a vector, compute on it under CKKS, decrypt, and print the precision.");
        command.Options.Add(preset);
        command.Options.Add(allowInsecure);
        command.SetAction(parse =>
        {
            try
            {
                Run(PresetOption.Resolve(parse.GetValue(preset)!, parse.GetValue(allowInsecure)));
                return 0;
            }
            catch (ParameterException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static void Run(CkksParameters parameters)
    {
        int slots = parameters.Slots;
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]Vault CKKS demo[/]  N = 2^{parameters.LogN}, {slots} slots, {parameters.MaxLevel} levels, log2(QP) = {parameters.LogQP:F1}, dnum = {parameters.Rlwe.Dnum}, {(parameters.IsSecure ? "128-bit secure" : "INSECURE test parameters")}");

        // Two columns of synthetic measurements in [−1, 1] (deterministic, so runs are comparable).
        var x = new double[slots];
        var y = new double[slots];
        for (int i = 0; i < slots; i++)
        {
            x[i] = Math.Sin(0.001 * i) * 0.9;
            y[i] = Math.Cos(0.0007 * i + 0.3) * 0.8;
        }

        var rows = new List<(string Name, Ciphertext Result, double[] Expected, double Millis)>();
        SecretKey? secretKey = null;
        CkksEncoder encoder = new(parameters);
        Decryptor? decryptor = null;
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).Start(progress =>
        {
            var task = progress.AddTask("keys", maxValue: 7);
            var clock = Stopwatch.StartNew();
            using var generator = new KeyGenerator(parameters.Rlwe);
            secretKey = generator.GenerateSecretKey();
            var publicKey = generator.GeneratePublicKey(secretKey);
            var relinearizationKey = generator.GenerateRelinearizationKey(secretKey);
            var galoisKeys = generator.GenerateGaloisKeys(secretKey, GaloisElements.ForPowerOfTwoRotations(parameters.LogN));
            rows.Add(("key generation (sk, pk, relin, galois)", null!, [], clock.Elapsed.TotalMilliseconds));
            task.Increment(1);
            task.Description = "encrypt";

            var evaluator = new CkksEvaluator(parameters, relinearizationKey, galoisKeys);
            decryptor = new Decryptor(parameters.Rlwe, secretKey);
            using var encryptor = new Encryptor(parameters.Rlwe, publicKey);
            clock.Restart();
            var cx = encryptor.Encrypt(encoder.Encode(x));
            var cy = encryptor.Encrypt(encoder.Encode(y));
            rows.Add(("encode + encrypt x (public key)", cx, x, clock.Elapsed.TotalMilliseconds / 2));
            task.Increment(1);

            task.Description = "x · y";
            clock.Restart();
            var product = evaluator.MultiplyRelinearize(cx, cy);
            evaluator.Rescale(product, product);
            rows.Add(("x · y (multiply, relinearize, rescale)", product, [.. x.Zip(y, (a, b) => a * b)], clock.Elapsed.TotalMilliseconds));
            task.Increment(1);

            task.Description = "sigmoid(x)";
            clock.Restart();
            var sigmoid = EvaluateSigmoid(evaluator, cx);
            rows.Add(("σ(4x) ≈ 0.5 + 0.15·4x − 0.0015·(4x)^3", sigmoid, [.. x.Select(v => SigmoidPoly(4 * v))], clock.Elapsed.TotalMilliseconds));
            task.Increment(1);

            task.Description = "rotate";
            clock.Restart();
            var rotated = evaluator.Rotate(cx, 5);
            rows.Add(("rotate x left by 5 (composed keys)", rotated, [.. Enumerable.Range(0, slots).Select(i => x[(i + 5) % slots])], clock.Elapsed.TotalMilliseconds));
            task.Increment(1);

            task.Description = "sum";
            clock.Restart();
            var sum = evaluator.NewCiphertext(cx.Level, cx.Scale);
            evaluator.SumSlots(cx, slots, sum);
            double total = x.Sum();
            rows.Add(($"Σ x over {slots} slots (log2(slots) rotations)", sum, [.. Enumerable.Repeat(total, slots)], clock.Elapsed.TotalMilliseconds));
            task.Increment(1);

            task.Description = "mean";
            clock.Restart();
            var mean = evaluator.NewCiphertext(sum.Level, sum.Scale);
            evaluator.MultiplyConstant(sum, 1.0 / slots, mean);
            evaluator.Rescale(mean, mean);
            rows.Add(("mean(x) = Σ x · (1/n)", mean, [.. Enumerable.Repeat(total / slots, slots)], clock.Elapsed.TotalMilliseconds));
            task.Increment(1);
        });

        var table = new Table().Title("Encrypted results vs. the same computation on plaintext doubles");
        table.AddColumns("operation", "level", "log2 scale", "max |error|", "precision (bits)", "time (ms)");
        foreach (var (name, result, expected, millis) in rows)
        {
            if (result is null)
            {
                table.AddRow(name, "", "", "", "", millis.ToString("F1", CultureInfo.InvariantCulture));
                continue;
            }
            double[] decrypted = encoder.DecodeReal(decryptor!.Decrypt(result));
            double maxError = 0;
            for (int i = 0; i < expected.Length; i++) maxError = Math.Max(maxError, Math.Abs(decrypted[i] - expected[i]));
            table.AddRow(
                name,
                result.Level.ToString(CultureInfo.InvariantCulture),
                Math.Log2(result.Scale).ToString("F2", CultureInfo.InvariantCulture),
                maxError.ToString("E2", CultureInfo.InvariantCulture),
                (-Math.Log2(maxError)).ToString("F1", CultureInfo.InvariantCulture),
                millis.ToString("F1", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        secretKey?.Dispose();
        AnsiConsole.MarkupLine("The engine computed on ciphertexts only; the secret key was used just to decrypt the results shown.");
    }

    private static double SigmoidPoly(double t) => 0.5 + 0.15 * t - 0.0015 * t * t * t;

    /// <summary>0.5 + 0.6x − 0.096x³ (the degree-3 sigmoid fit on 4x), depth 2: x² and x·(−0.096x² + 0.6).</summary>
    private static Ciphertext EvaluateSigmoid(CkksEvaluator evaluator, Ciphertext x)
    {
        var square = evaluator.MultiplyRelinearize(x, x);
        evaluator.Rescale(square, square);                                 // x², level L−1
        var inner = evaluator.NewCiphertext(square.Level, square.Scale);
        evaluator.MultiplyConstant(square, -0.0015 * 64, inner);
        evaluator.Rescale(inner, inner);                                   // −0.096x², level L−2
        evaluator.AddConstant(inner, 0.15 * 4, inner);                     // −0.096x² + 0.6
        var xLow = evaluator.NewCiphertext(inner.Level, x.Scale);
        evaluator.DropLevel(x, inner.Level, xLow);
        var result = evaluator.Multiply(xLow, inner);
        evaluator.Relinearize(result, result);
        evaluator.Rescale(result, result);                                 // level L−3
        evaluator.AddConstant(result, 0.5, result);
        return result;
    }
}
