using System.Collections.Immutable;
using Vault.Ckks;
using Vault.Ckks.Serialization;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.Rlwe;

namespace Vault.Engine.Datasets;

/// <summary>Seals a tabular dataset: reads it twice, streaming (first pass: check every value and gather per-column
/// statistics; second pass: normalise, pack rows in blocks of N/2 per column, encrypt each column block under the
/// provider's public key and store it), then writes the manifest. Memory holds one block of rows (columns × N/2
/// values) and one ciphertext, whatever the row count.</summary>
/// <remarks>No partial output: the manifest, the only entry point to a dataset, is written last, after every block.
/// A failure before it leaves blocks in the store that nothing references; they are content-addressed, so they are
/// harmless and are reused if the same bytes are stored again.</remarks>
public static class DatasetSealer
{
    /// <summary>Largest policy, in bytes (one raw block).</summary>
    public const int MaxPolicyLength = 1024 * 1024;

    /// <summary>Seals the input of <paramref name="request"/> into <paramref name="store"/>.</summary>
    /// <exception cref="DatasetInputException">The input or schema is unusable; the message gives the line and column
    /// and what to fix. Nothing references what was stored before the failure.</exception>
    /// <exception cref="ParameterMismatchException">The public key or key references belong to other parameters.</exception>
    public static async Task<SealResult> SealAsync(SealRequest request, IContentStore store, IProgress<SealProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        var parameters = request.Parameters ?? throw new ArgumentException("Seal: no parameters.", nameof(request));
        ArgumentNullException.ThrowIfNull(request.PublicKey);
        ArgumentNullException.ThrowIfNull(request.Keys);
        parameters.CheckId(request.PublicKey.ParameterId, "Seal");
        if (request.Keys.ParameterId != parameters.Id.ToString() || request.Keys.IsSecure != parameters.IsSecure)
            throw new ArgumentException($"Seal: the key references are for parameters {request.Keys.ParameterId}, not {parameters.Id}.", nameof(request));
        if (request.Policy.Length is 0 or > MaxPolicyLength)
            throw new DatasetInputException($"Seal: the policy has {request.Policy.Length} bytes; it must have 1 to {MaxPolicyLength}.");
        if (request.Provider is null || request.Provider.Length > 256)
            throw new DatasetInputException("Seal: the provider must be a string of at most 256 characters.");

        // Pass 1: validate everything and gather statistics, before anything is stored.
        var scan = await ScanAsync(request, progress, cancellationToken).ConfigureAwait(false);
        var schema = scan.Schema;
        int columns = schema.Columns.Length;
        var layout = new PackingLayout(scan.Rows, columns, parameters.Slots, parameters.MaxLevel, parameters.Spec.LogDefaultScale);
        long estimatedManifest = layout.Ciphertexts * 62 + columns * (DatasetSchema.MaxNameLength + 160) + 2048;
        if (estimatedManifest > SealedDatasetManifest.MaxLength)
            throw new DatasetInputException($"Seal: {scan.Rows} rows × {columns} columns need {layout.Ciphertexts} ciphertexts at N/2 = {layout.Slots} rows each, more than a version-1 manifest (at most {SealedDatasetManifest.MaxLength} bytes) can list; use a preset with a larger N or split the dataset.");
        var normalisations = new ColumnNormalisation[columns];
        var imputed = new double[columns];
        for (int c = 0; c < columns; c++)
        {
            var stats = scan.Statistics[c];
            var spec = schema.Columns[c];
            if (stats.Count == 0)
                throw new DatasetInputException($"{request.InputName}: column {c + 1} ({spec.Name}) has no values at all; drop it from the input and the schema.", 0, c + 1, spec.Name);
            normalisations[c] = Normalise(spec, stats, request.Normalisation);
            imputed[c] = stats.Mean;
        }

        var training = TrainingPlan.Create(request, schema, scan.Statistics, normalisations, layout.Slots);

        var policy = Block.Create(Multicodec.Raw, request.Policy.ToArray());
        await store.PutAsync(policy, cancellationToken).ConfigureAwait(false);

        // Pass 2: normalise, pack, encrypt, store.
        var blocks = ImmutableArray.CreateBuilder<Cid>((int)layout.Ciphertexts);
        long ciphertextBytes = 0;
        var encoder = new CkksEncoder(parameters);
        using var encryptor = request.Randomness is null
            ? new Encryptor(parameters.Rlwe, request.PublicKey)
            : new Encryptor(parameters.Rlwe, request.PublicKey, request.Randomness);
        var plaintext = new Plaintext(parameters.Rlwe, layout.Level, parameters.DefaultScale);
        var ciphertext = new Ciphertext(parameters.Rlwe, layout.Level, parameters.DefaultScale);
        var buffers = new double[columns][];
        for (int c = 0; c < columns; c++) buffers[c] = new double[layout.Slots];
        using var serialized = new MemoryStream();
        int filled = 0;

        async ValueTask FlushAsync(CancellationToken ct)
        {
            for (int c = 0; c < columns; c++)
            {
                Array.Clear(buffers[c], filled, layout.Slots - filled);
                encoder.Encode(buffers[c], layout.Level, parameters.DefaultScale, plaintext);
                encryptor.Encrypt(plaintext, ciphertext);
                serialized.SetLength(0);
                CkksSerializer.Write(ciphertext, parameters, serialized);
                ciphertextBytes += serialized.Length;
                serialized.Position = 0;
                var imported = await UnixFsImporter.ImportAsync(serialized, store, UnixFsImportOptions.CidV1, ct).ConfigureAwait(false);
                blocks.Add(imported.Root);
            }
            filled = 0;
        }

        var trainingBlocks = ImmutableArray.CreateBuilder<Cid>();
        var design = training is null ? [] : new double[layout.Slots];
        var row = training is null ? [] : new double[training.Width];
        int designRows = 0;

        async ValueTask FlushTrainingAsync(CancellationToken ct)
        {
            encoder.Encode(design, layout.Level, parameters.DefaultScale, plaintext);
            encryptor.Encrypt(plaintext, ciphertext);
            serialized.SetLength(0);
            CkksSerializer.Write(ciphertext, parameters, serialized);
            ciphertextBytes += serialized.Length;
            serialized.Position = 0;
            var imported = await UnixFsImporter.ImportAsync(serialized, store, UnixFsImportOptions.CidV1, ct).ConfigureAwait(false);
            trainingBlocks.Add(imported.Root);
            Array.Clear(design);
            designRows = 0;
        }

        var second = await ReadAsync(request, schema, SealStage.Encrypting, scan.Rows, progress, async (values, missing, ct) =>
        {
            for (int c = 0; c < columns; c++)
                buffers[c][filled] = normalisations[c].Apply(missing[c] ? imputed[c] : values[c]);
            if (training is not null)
            {
                training.Accumulate(buffers, filled);
                training.DesignRow(buffers, filled, values, row);
                int start = designRows * 2 * training.Stride;
                row.CopyTo(design, start);
                row.CopyTo(design, start + training.Stride);
                if (++designRows == training.RowsPerCiphertext) await FlushTrainingAsync(ct).ConfigureAwait(false);
            }
            if (++filled == layout.Slots) await FlushAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        if (filled > 0) await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (designRows > 0) await FlushTrainingAsync(cancellationToken).ConfigureAwait(false);
        Array.Clear(design);
        Array.Clear(row);
        if (second.Rows != scan.Rows || !second.Statistics.Zip(scan.Statistics).All(p => p.First.SameAs(p.Second)))
            throw new DatasetInputException($"{request.InputName}: the input changed between the two passes ({scan.Rows} rows, then {second.Rows}); seal a file that is not being written to.");
        for (int c = 0; c < columns; c++) Array.Clear(buffers[c]);

        var manifest = new SealedDatasetManifest
        {
            Layout = layout,
            Columns = [.. schema.Columns.Select((spec, c) => new SealedColumn(spec.Name, spec.Type, normalisations[c],
                request.MissingValues == MissingValueRule.ImputeMean ? scan.Statistics[c].Missing : 0))],
            MissingValues = request.MissingValues,
            Keys = request.Keys,
            Policy = policy.Cid,
            Provider = request.Provider,
            CreatedAt = WholeSecondsUtc(request.CreatedAt),
            Blocks = blocks.ToImmutable(),
            Training = training is null ? null
                : new TrainingPacking(training.Design, training.Label, training.Features, training.Stride, training.RowsPerCiphertext, trainingBlocks.ToImmutable(),
                    training.HessianBound()),
        };
        byte[] manifestBytes = manifest.ToCanonicalJson();
        var manifestBlock = Block.Create(Multicodec.Raw, manifestBytes);
        await store.PutAsync(manifestBlock, cancellationToken).ConfigureAwait(false);
        if (request.Pin)
        {
            foreach (var cid in manifest.ReferencedCids()) await store.PinAsync(cid, cancellationToken).ConfigureAwait(false);
            await store.PinAsync(manifestBlock.Cid, cancellationToken).ConfigureAwait(false);
        }
        progress?.Report(new SealProgress(SealStage.Done, scan.Rows, scan.Rows));
        return new SealResult(manifestBlock.Cid, manifest, manifestBytes, ciphertextBytes);
    }

    /// <summary>Pass 1 alone: checks the input against the schema (or infers one) and returns the schema and statistics.</summary>
    internal static async Task<ScanResult> ScanAsync(SealRequest request, IProgress<SealProgress>? progress, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(request, request.Schema, SealStage.Scanning, null, progress, null, cancellationToken).ConfigureAwait(false);
        if (result.Rows == 0) throw new DatasetInputException($"{request.InputName}: no data rows; there is nothing to seal.");
        return result;
    }

    /// <summary>The normalisation of one column (see <see cref="NormalisationMethod"/>).</summary>
    internal static ColumnNormalisation Normalise(ColumnSpec spec, ColumnStatistics stats, NormalisationMethod method)
    {
        switch (method)
        {
            case NormalisationMethod.None:
                return ColumnNormalisation.Identity;
            case NormalisationMethod.MinMax:
                {
                    (double lo, double hi, var source) = spec.Type == ColumnType.Binary ? (0.0, 1.0, NormalisationSource.Declared)
                        : spec.Min is double min && spec.Max is double max ? (min, max, NormalisationSource.Declared)
                        : (stats.Min, stats.Max, NormalisationSource.Observed);
                    double range = hi - lo;
                    return new ColumnNormalisation(method, lo, range > 0 && double.IsFinite(range) ? range : 1, source);
                }
            case NormalisationMethod.Winsorised:
                {
                    double largest = Math.Max(stats.Max - stats.Mean, stats.Mean - stats.Min);
                    double scale = Math.Min(2 * stats.StandardDeviation, largest);
                    return new ColumnNormalisation(method, stats.Mean, scale > 0 && double.IsFinite(scale) ? scale : 1, NormalisationSource.Observed);
                }
            case NormalisationMethod.ZScore:
                {
                    double sd = stats.StandardDeviation;
                    return new ColumnNormalisation(method, stats.Mean, sd > 0 && double.IsFinite(sd) ? sd : 1, NormalisationSource.Observed);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Seal: unknown normalisation method.");
        }
    }

    private static DateTimeOffset WholeSecondsUtc(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    /// <summary>The training packing being sealed: which columns form the design rows and how.</summary>
    private sealed class TrainingPlan
    {
        private readonly int _label;
        private readonly int[] _features;
        private readonly ML.DiagonalHessianBound.Accumulator _hessian;
        private readonly double[] _x;

        private TrainingPlan(TrainingDesign design, string label, int labelIndex, int[] features, ImmutableArray<string> names, int slots)
        {
            Design = design;
            Label = label;
            _label = labelIndex;
            _features = features;
            Features = names;
            Width = features.Length + (design == TrainingDesign.Logistic ? 1 : 2);
            Stride = TrainingPacking.StrideFor(Width);
            RowsPerCiphertext = slots / (2 * Stride);
            _hessian = new ML.DiagonalHessianBound.Accumulator(features.Length);
            _x = new double[features.Length];
        }

        public TrainingDesign Design { get; }

        public string Label { get; }

        public ImmutableArray<string> Features { get; }

        public int Width { get; }

        public int Stride { get; }

        public int RowsPerCiphertext { get; }

        /// <summary>The plan of <paramref name="request"/>, or null when it seals no training rows. Refuses, before
        /// anything is stored, a label that is not binary (logistic) and normalised values outside [−1, 1], where the
        /// sigmoid's approximation interval [−R, R] bounds |z·v| only for bounded rows.</summary>
        public static TrainingPlan? Create(SealRequest request, DatasetSchema schema, ColumnStatistics[] statistics, ColumnNormalisation[] normalisations, int slots)
        {
            if (request.TrainingDesign is not { } design)
            {
                if (request.Label is not null) throw new DatasetInputException("Seal: a label column is given without a training design; add the design (logistic or linear) or drop the label.");
                return null;
            }
            if (!Enum.IsDefined(design)) throw new ArgumentOutOfRangeException(nameof(request), design, "Seal: unknown training design.");
            string label = request.Label ?? throw new DatasetInputException("Seal: a training design needs the label column (--label NAME).");
            int labelIndex = -1;
            for (int c = 0; c < schema.Columns.Length; c++)
                if (schema.Columns[c].Name == label) labelIndex = c;
            if (labelIndex < 0)
                throw new DatasetInputException($"Seal: the label column '{label}' is not in the dataset (columns: {string.Join(", ", schema.Columns.Select(c => c.Name))}).");
            if (schema.Columns.Length < 2) throw new DatasetInputException("Seal: training needs at least one feature column besides the label.");
            if (statistics[labelIndex].Missing > 0)
                throw new DatasetInputException($"Seal: the label column '{label}' has {statistics[labelIndex].Missing} missing values; training cannot impute labels: fill them in or drop those rows.");
            if (design == TrainingDesign.Logistic && !statistics[labelIndex].AllBinary)
                throw new DatasetInputException($"Seal: logistic training needs a 0/1 label, but column '{label}' has other values; choose the linear design or recode the label.");
            var features = Enumerable.Range(0, schema.Columns.Length).Where(c => c != labelIndex).ToArray();
            foreach (int c in design == TrainingDesign.Linear ? [.. features, labelIndex] : features)
            {
                var stats = statistics[c];
                double lo = normalisations[c].Apply(stats.Min), hi = normalisations[c].Apply(stats.Max);
                if (Math.Min(lo, hi) < -1 - 1e-12 || Math.Max(lo, hi) > 1 + 1e-12)
                    throw new DatasetInputException(
                        $"Seal: column '{schema.Columns[c].Name}' normalises to [{Math.Min(lo, hi):G4}, {Math.Max(lo, hi):G4}], outside [−1, 1]; training rows must be bounded so the sigmoid's inputs stay inside its approximation interval: seal with --normalise min-max.");
            }
            var plan = new TrainingPlan(design, label, labelIndex, features, [.. features.Select(c => schema.Columns[c].Name)], slots);
            if (plan.RowsPerCiphertext < 1)
                throw new DatasetInputException($"Seal: a design row of {plan.Width} values needs {2 * plan.Stride} slots, more than the {slots} of these parameters; use a larger N.");
            return plan;
        }

        /// <summary>Adds the normalised features of the row at <paramref name="index"/> to the Hessian bound.</summary>
        public void Accumulate(double[][] columns, int index)
        {
            for (int j = 0; j < _features.Length; j++) _x[j] = columns[_features[j]][index];
            _hessian.Add(_x);
        }

        /// <summary>The diagonal Hessian bound over every row accumulated.</summary>
        public ImmutableArray<double> HessianBound() => _hessian.RowSums();

        /// <summary>Writes the design row of the normalised row at <paramref name="index"/> of the column buffers (the label's sign from the raw value).</summary>
        public void DesignRow(double[][] columns, int index, double[] raw, double[] row)
        {
            if (Design == TrainingDesign.Logistic)
            {
                double sign = raw[_label] == 1 ? 1 : -1;
                row[0] = sign;
                for (int j = 0; j < _features.Length; j++) row[j + 1] = sign * columns[_features[j]][index];
            }
            else
            {
                row[0] = 1;
                for (int j = 0; j < _features.Length; j++) row[j + 1] = columns[_features[j]][index];
                row[^1] = columns[_label][index];
            }
        }
    }

    internal sealed record ScanResult(DatasetSchema Schema, ColumnStatistics[] Statistics, long Rows);

    /// <summary>One pass over the input: every record is checked (field count, missing values under the rule, numbers,
    /// types, declared domains) and added to fresh statistics, then handed to <paramref name="row"/> when given.</summary>
    private static async Task<ScanResult> ReadAsync(SealRequest request, DatasetSchema? schema, SealStage stage, long? totalRows,
        IProgress<SealProgress>? progress, Func<double[], bool[], CancellationToken, ValueTask>? row, CancellationToken cancellationToken)
    {
        bool hasHeader = schema?.HasHeader ?? request.InferredSchemaHasHeader;
        var input = request.OpenInput() ?? throw new ArgumentException("Seal: OpenInput returned null.", nameof(request));
        using var reader = new TableReader(input, request.InputName, hasHeader, request.Separator);
        var header = hasHeader ? reader.Header : [];
        if (schema is not null && hasHeader)
        {
            for (int c = 0; c < Math.Max(header.Count, schema.Columns.Length); c++)
            {
                string? found = c < header.Count ? header[c] : null;
                string? expected = c < schema.Columns.Length ? schema.Columns[c].Name : null;
                if (found != expected)
                    throw new DatasetInputException(
                        $"{request.InputName}: line 1, column {c + 1}: the header says {(found is null ? "nothing" : $"'{found}'")} where the schema expects {(expected is null ? "no more columns" : $"'{expected}'")}; make the schema's columns match the header, in order.",
                        1, c + 1, expected);
            }
        }

        int columns = schema?.Columns.Length ?? (hasHeader ? header.Count : 0);
        ColumnStatistics[] stats = [];
        double[] values = [];
        bool[] missing = [];
        string[] names = [];
        ColumnType[] types = [];
        long rows = 0;
        void Allocate(int count)
        {
            columns = count;
            stats = new ColumnStatistics[count];
            for (int c = 0; c < count; c++) stats[c] = new ColumnStatistics();
            values = new double[count];
            missing = new bool[count];
            names = schema is not null ? [.. schema.Columns.Select(s => s.Name)]
                : hasHeader ? [.. header]
                : [.. Enumerable.Range(1, count).Select(i => $"c{i}")];
            types = schema is not null ? [.. schema.Columns.Select(s => s.Type)] : new ColumnType[count];
        }
        if (columns > 0) Allocate(columns);

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (columns == 0) Allocate(reader.FieldCount);
            if (reader.FieldCount != columns)
                throw reader.Error($"the record has {reader.FieldCount} field{(reader.FieldCount == 1 ? "" : "s")}, but there are {columns} columns", Math.Min(reader.FieldCount, columns) + 1,
                    null, "every record needs exactly one field per column (look for a missing or extra separator)");
            for (int c = 0; c < columns; c++)
            {
                var field = reader.Field(c);
                if (TableReader.IsMissing(field))
                {
                    if (request.MissingValues == MissingValueRule.Reject)
                        throw reader.Error("missing value", c + 1, names[c], "fill it in, or seal with the impute-mean rule (--missing impute-mean)");
                    missing[c] = true;
                    values[c] = 0;
                    stats[c].AddMissing();
                    continue;
                }
                double v = reader.ParseNumber(field, c + 1, names[c]);
                if (schema is not null) CheckValue(reader, schema.Columns[c], v, c + 1);
                missing[c] = false;
                values[c] = v;
                stats[c].Add(v);
            }
            rows++;
            if (row is not null) await row(values, missing, cancellationToken).ConfigureAwait(false);
            if ((rows & 4095) == 0) progress?.Report(new SealProgress(stage, rows, totalRows));
        }
        progress?.Report(new SealProgress(stage, rows, totalRows ?? rows));
        if (columns == 0) throw new DatasetInputException($"{request.InputName}: the input is empty; there is nothing to seal.");
        schema ??= DatasetSchema.Create(names.Select((name, c) => new ColumnSpec
        {
            Name = name,
            Type = stats[c].Count > 0 && stats[c].AllBinary ? ColumnType.Binary : stats[c].Count > 0 && stats[c].AllIntegral ? ColumnType.Integer : ColumnType.Real,
        }), hasHeader);
        return new ScanResult(schema, stats, rows);
    }

    private static void CheckValue(TableReader reader, ColumnSpec spec, double v, int column)
    {
        switch (spec.Type)
        {
            case ColumnType.Integer when Math.Floor(v) != v || Math.Abs(v) > CanonicalJson.MaxSafeInteger:
                throw reader.Error($"{v} is not a whole number", column, spec.Name, "fix the value, or declare the column \"real\" in the schema");
            case ColumnType.Binary when v is not (0 or 1):
                throw reader.Error($"{v} is not 0 or 1", column, spec.Name, "fix the value, or declare the column \"integer\" or \"real\" in the schema");
        }
        if (spec.Min is double lo && spec.Max is double hi && (v < lo || v > hi))
            throw reader.Error($"{v} is outside the declared domain [{lo}, {hi}]", column, spec.Name, "fix the value, or widen min/max in the schema");
    }
}
