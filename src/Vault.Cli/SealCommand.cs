using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Vault.Ckks;
using Vault.Engine.Datasets;
using Vault.Gate;
using Vault.Ipfs.Kubo;
using Vault.Policy;

namespace Vault.Cli;

/// <summary><c>vault seal</c>: CSV/TSV → normalised, packed, encrypted blocks and a manifest in a content store.
/// Prints the dataset CID (the manifest's) last, alone on its line.</summary>
internal static class SealCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("file") { Description = "The CSV or TSV file to seal (RFC 4180 quoting; UTF-8)." };
        var schema = new Option<string>("--schema") { Description = "The schema file: { \"header\": bool, \"columns\": [ { \"name\", \"type\": real|integer|binary, \"min\"?, \"max\"? } ] }." };
        var infer = new Option<bool>("--infer-schema") { Description = "Infer the schema from the data instead (names from the header, or c1, c2, …)." };
        var noHeader = new Option<bool>("--no-header") { Description = "With --infer-schema: the file has no header line." };
        var key = new Option<string>("--key") { Description = "The provider's key directory (vault keys new), or a public key file with parameters.ckks beside it. Only public material is read.", Required = true };
        var policy = new Option<string>("--policy") { Description = "The enclave policy (YAML, enclave-policies/README.md), checked and stored as one raw block; its hash goes on chain.", Required = true };
        var provider = new Option<string>("--provider") { Description = "Who seals the dataset (recorded in the manifest).", DefaultValueFactory = _ => "" };
        var normalise = new Option<string>("--normalise") { Description = "Scaling before encryption: min-max (to [0, 1]), winsorised (centred, ±2 sd clamped to [−1, 1]; what fixed-Hessian training wants), z-score, or none.", DefaultValueFactory = _ => "min-max" };
        normalise.AcceptOnlyFromAmong("min-max", "z-score", "winsorised", "none");
        var missing = new Option<string>("--missing") { Description = "Missing values (empty, NA, N/A, NaN, null, ?): reject, or impute-mean.", DefaultValueFactory = _ => "reject" };
        missing.AcceptOnlyFromAmong("reject", "impute-mean");
        var delimiter = new Option<string>("--delimiter") { Description = "Field separator: auto (detected), comma, tab, semicolon or bar.", DefaultValueFactory = _ => "auto" };
        delimiter.AcceptOnlyFromAmong("auto", "comma", "tab", "semicolon", "bar");
        var design = new Option<string?>("--design") { Description = "Also seal training rows for encrypted training: logistic (z = (2y−1)(1, x)) or linear (z = (1, x, y)); needs --label." };
        design.AcceptOnlyFromAmong("logistic", "linear");
        var label = new Option<string?>("--label") { Description = "With --design: the label (logistic, 0/1) or target (linear) column; the other columns are the features." };
        var allowInsecure = PresetOption.AllowInsecure();
        var stores = new StoreOptions();

        var command = new Command("seal", "Encrypt a CSV/TSV dataset under the provider's public key into content-addressed blocks and a manifest; print its CID.");
        command.Arguments.Add(input);
        foreach (var option in new Option[] { schema, infer, noHeader, key, policy, provider, normalise, missing, delimiter, design, label, allowInsecure }) command.Options.Add(option);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            string path = parse.GetValue(input)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"seal: {path} does not exist.", path);
            string? schemaPath = parse.GetValue(schema);
            if ((schemaPath is null) == !parse.GetValue(infer))
                throw new ArgumentException("seal: give --schema <schema.json>, or --infer-schema to infer one from the data.");
            var datasetSchema = schemaPath is null ? null : DatasetSchema.Parse(await File.ReadAllBytesAsync(schemaPath, cancellationToken));
            ProviderKeyDirectory keys;
            try
            {
                keys = ProviderKeyDirectory.Open(parse.GetValue(key)!, parse.GetValue(allowInsecure));
            }
            catch (ParameterException e) when (!parse.GetValue(allowInsecure))
            {
                throw new ParameterException($"{e.Message} These keys are for tests only; pass --allow-insecure to seal with them anyway (never real data).", e);
            }
            if (!keys.Parameters.IsSecure)
                AnsiConsole.MarkupLine("[yellow]warning:[/] these keys use INSECURE test parameters; the dataset will not be protected.");
            var publicKey = keys.ReadPublicKey();
            string policyPath = parse.GetValue(policy)!;
            byte[] policyBytes = await File.ReadAllBytesAsync(policyPath, cancellationToken);
            try
            {
                _ = PolicyDocument.Parse(policyBytes);
            }
            catch (PolicyFormatException e)
            {
                throw new DatasetInputException($"{policyPath}: {e.Message} (the format is in enclave-policies/README.md; start from enclave-policies/hospital-default.yaml).");
            }
            var store = stores.Open(parse, out string storeName);
            try
            {
                var clock = Stopwatch.StartNew();
                var references = await keys.PublishAsync(store, cancellationToken);
                var request = new SealRequest
                {
                    OpenInput = () => File.OpenRead(path),
                    InputName = path,
                    Schema = datasetSchema,
                    InferredSchemaHasHeader = !parse.GetValue(noHeader),
                    Separator = parse.GetValue(delimiter) switch { "comma" => ',', "tab" => '\t', "semicolon" => ';', "bar" => '|', _ => null },
                    Normalisation = DatasetNames.ParseNormalisation(parse.GetValue(normalise))!.Value,
                    MissingValues = DatasetNames.ParseMissingValueRule(parse.GetValue(missing))!.Value,
                    Parameters = keys.Parameters,
                    PublicKey = publicKey,
                    Keys = references,
                    Policy = policyBytes,
                    Provider = parse.GetValue(provider)!,
                    TrainingDesign = DatasetNames.ParseTrainingDesign(parse.GetValue(design)),
                    Label = parse.GetValue(label),
                    CreatedAt = DateTimeOffset.UtcNow,
                    Pin = store is KuboContentStore,
                };
                SealResult? result = null;
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var scan = progress.AddTask("scan rows", maxValue: 1);
                        scan.IsIndeterminate = true;
                        var encrypt = progress.AddTask("encrypt rows", autoStart: false, maxValue: 1);
                        result = await DatasetSealer.SealAsync(request, store, new ProgressBars(scan, encrypt), cancellationToken);
                    });
                var r = result!;
                var layout = r.Manifest.Layout;
                var table = new Table().Title($"Sealed {Markup.Escape(path)} in {clock.Elapsed.TotalSeconds:F1} s into the {Markup.Escape(storeName)}");
                table.AddColumns("", "");
                table.AddRow("dataset CID", r.ManifestCid.ToString());
                table.AddRow("integrity hash (sha2-256)", r.IntegrityHash);
                table.AddRow("rows × columns", $"{layout.Rows} × {layout.Columns}");
                table.AddRow("ciphertexts", $"{layout.Ciphertexts} ({layout.RowBlocks} row blocks of {layout.Slots} rows × {layout.Columns} columns)");
                if (r.Manifest.Training is { } training)
                    table.AddRow("training rows", $"{DatasetNames.Of(training.Design)} design, label {Markup.Escape(training.Label)}, {training.Features.Length} features, {training.Blocks.Length} ciphertexts ({training.RowsPerCiphertext} rows each)");
                table.AddRow("ciphertext bytes", r.CiphertextBytes.ToString("N0", CultureInfo.InvariantCulture));
                table.AddRow("parameters", $"N = 2^{keys.Parameters.LogN}, Id {keys.Parameters.Id.ToString()[..16]}…, {(keys.Parameters.IsSecure ? "128-bit secure" : "[red]INSECURE[/]")}");
                table.AddRow("normalisation / missing", $"{DatasetNames.Of(request.Normalisation)} / {DatasetNames.Of(request.MissingValues)}");
                AnsiConsole.Write(table);
                Console.WriteLine(r.ManifestCid);
                return 0;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    /// <summary>Moves the two bars as the sealer reports (thread-safe on Spectre's side).</summary>
    private sealed class ProgressBars(ProgressTask scan, ProgressTask encrypt) : IProgress<SealProgress>
    {
        public void Report(SealProgress value)
        {
            switch (value.Stage)
            {
                case SealStage.Scanning:
                    scan.Description = $"scan rows ({value.Rows:N0})";
                    if (value.TotalRows is long total)
                    {
                        scan.IsIndeterminate = false;
                        scan.Value = scan.MaxValue;
                        encrypt.MaxValue = Math.Max(1, total);
                        encrypt.StartTask();
                    }
                    break;
                case SealStage.Encrypting:
                    encrypt.Description = $"encrypt rows ({value.Rows:N0})";
                    encrypt.Value = value.Rows;
                    break;
                default:
                    encrypt.Value = encrypt.MaxValue;
                    break;
            }
        }
    }
}
