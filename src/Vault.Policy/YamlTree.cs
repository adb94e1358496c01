using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Vault.Policy;

/// <summary>A node of the small YAML subset a policy may use, with the 1-based position where it starts.</summary>
internal abstract class YamlTreeNode(int line, int column)
{
    /// <summary>The 1-based line of the node's first character.</summary>
    public int Line { get; } = line;

    /// <summary>The 1-based column of the node's first character.</summary>
    public int Column { get; } = column;

    /// <summary>What the node is, for messages ("a mapping", "the number 3", …).</summary>
    public abstract string Describe();

    /// <summary>An exception that points at this node.</summary>
    public PolicyFormatException Error(string problem) => new(Line, Column, problem);
}

/// <summary>A scalar: its text and whether it was written plain (unquoted, so YAML 1.2's core schema gives it a type).</summary>
internal sealed partial class YamlTreeScalar(int line, int column, string value, bool plain) : YamlTreeNode(line, column)
{
    /// <summary>The scalar's text.</summary>
    public string Value { get; } = value;

    /// <summary>Whether the scalar was written without quotes.</summary>
    public bool Plain { get; } = plain;

    /// <summary>Whether the scalar is null in YAML 1.2's core schema (nothing, <c>~</c> or <c>null</c>, unquoted).</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Whether the scalar is a boolean in YAML 1.2's core schema (unquoted <c>true</c> or <c>false</c>).</summary>
    public bool IsBoolean => Plain && Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

    /// <summary>Whether the scalar is a decimal integer (unquoted).</summary>
    public bool IsInteger => Plain && IntegerPattern().IsMatch(Value);

    /// <summary>Whether the scalar is a number in YAML 1.2's core schema (unquoted; infinities and NaN included).</summary>
    public bool IsNumber => Plain && (FloatPattern().IsMatch(Value) || SpecialFloatPattern().IsMatch(Value));

    /// <inheritdoc/>
    public override string Describe() =>
        IsNull ? "nothing (null)"
        : IsBoolean ? $"the boolean {Value}"
        : IsNumber ? $"the number {Value}"
        : $"the text '{Value}'";

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex SpecialFloatPattern();
}

/// <summary>A mapping whose keys are scalars, in document order, without duplicates.</summary>
internal sealed class YamlTreeMapping(int line, int column, IReadOnlyList<KeyValuePair<YamlTreeScalar, YamlTreeNode>> entries)
    : YamlTreeNode(line, column)
{
    /// <summary>The entries in document order.</summary>
    public IReadOnlyList<KeyValuePair<YamlTreeScalar, YamlTreeNode>> Entries { get; } = entries;

    /// <inheritdoc/>
    public override string Describe() => "a mapping";
}

/// <summary>A sequence, in document order.</summary>
internal sealed class YamlTreeSequence(int line, int column, IReadOnlyList<YamlTreeNode> items) : YamlTreeNode(line, column)
{
    /// <summary>The items in document order.</summary>
    public IReadOnlyList<YamlTreeNode> Items { get; } = items;

    /// <inheritdoc/>
    public override string Describe() => "a list";
}

/// <summary>Builds a <see cref="YamlTreeNode"/> tree from YamlDotNet's parser events: one document, no anchors, aliases
/// or tags, scalar keys without duplicates, at most <see cref="MaxDepth"/> levels. YamlDotNet's parser is iterative,
/// and the depth bound keeps this builder's recursion small whatever the input.</summary>
internal static class YamlTree
{
    /// <summary>The deepest nesting accepted (a policy needs seven: document, algorithms, algorithm, hyperparameters, range, allowed, value).</summary>
    public const int MaxDepth = 16;

    /// <summary>Reads the single document of <paramref name="text"/>.</summary>
    /// <exception cref="PolicyFormatException">The text is not YAML or leaves the subset.</exception>
    public static YamlTreeNode Read(string text)
    {
        var events = new EventReader(new Scanner(new StringReader(text)));
        events.Take<StreamStart>();
        if (events.Peek() is StreamEnd end)
            throw At(end.Start, "the document is empty; a policy starts with 'version: 1'");
        events.Take<DocumentStart>();
        var root = ReadNode(events, 1);
        events.Take<DocumentEnd>();
        if (events.Peek() is DocumentStart second)
            throw At(second.Start, "a policy is one YAML document; remove the second document (from its '---' on)");
        events.Take<StreamEnd>();
        return root;
    }

    private static YamlTreeNode ReadNode(EventReader events, int depth)
    {
        var e = events.Take<ParsingEvent>();
        if (depth > MaxDepth)
            throw At(e.Start, $"the document nests deeper than {MaxDepth} levels; a policy needs seven");
        switch (e)
        {
            case AnchorAlias:
                throw At(e.Start, "aliases (*name) are not allowed in a policy; write the value out");
            case NodeEvent { Anchor.IsEmpty: false }:
                throw At(e.Start, "anchors (&name) are not allowed in a policy; remove the anchor");
            case NodeEvent { Tag.IsEmpty: false } tagged:
                throw At(e.Start, $"tags ({tagged.Tag.Value}) are not allowed in a policy; remove the tag");
            case Scalar scalar:
                return new YamlTreeScalar(LineOf(e.Start), ColumnOf(e.Start), scalar.Value, scalar.Style == ScalarStyle.Plain);
            case SequenceStart:
                var items = new List<YamlTreeNode>();
                while (events.Peek() is not SequenceEnd) items.Add(ReadNode(events, depth + 1));
                events.Take<SequenceEnd>();
                return new YamlTreeSequence(LineOf(e.Start), ColumnOf(e.Start), items);
            case MappingStart:
                var entries = new List<KeyValuePair<YamlTreeScalar, YamlTreeNode>>();
                var seen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
                while (events.Peek() is not MappingEnd)
                {
                    var keyNode = ReadNode(events, depth + 1);
                    if (keyNode is not YamlTreeScalar key)
                        throw keyNode.Error($"a key must be a name, not {keyNode.Describe()}");
                    if (seen.TryGetValue(key.Value, out var first))
                        throw key.Error($"the key '{key.Value}' appears twice in this mapping (first on line {first.Line}); keep one");
                    seen.Add(key.Value, key);
                    entries.Add(new(key, ReadNode(events, depth + 1)));
                }
                events.Take<MappingEnd>();
                return new YamlTreeMapping(LineOf(e.Start), ColumnOf(e.Start), entries);
            default:
                throw At(e.Start, $"unexpected {e.GetType().Name} in the document");
        }
    }

    private static PolicyFormatException At(Mark mark, string problem) => new(LineOf(mark), ColumnOf(mark), problem);

    private static int LineOf(Mark mark) => (int)Math.Clamp(mark.Line, 1, int.MaxValue);

    private static int ColumnOf(Mark mark) => (int)Math.Clamp(mark.Column, 1, int.MaxValue);

    /// <summary>The parser's events with one event of look-ahead; YAML syntax errors become policy errors.</summary>
    private sealed class EventReader(Scanner scanner)
    {
        private readonly Parser _parser = new(scanner);
        private ParsingEvent? _next;

        public ParsingEvent Peek() => _next ??= Read();

        public T Take<T>() where T : ParsingEvent
        {
            var e = Peek();
            if (e is not T taken) throw At(e.Start, $"unexpected {e.GetType().Name} in the document");
            _next = null;
            return taken;
        }

        private ParsingEvent Read()
        {
            try
            {
                // The stream always ends with StreamEnd, which the reader never reads past.
                _parser.MoveNext();
                return _parser.Current!;
            }
            catch (YamlException e)
            {
                // YamlDotNet marks some scanner errors (a tab as indentation) at the very start of the text; the
                // scanner's own position is then the better place to point at.
                var where = e.Start.Index == 0 && scanner.CurrentPosition.Index > 0 ? scanner.CurrentPosition : e.Start;
                throw At(where, $"not valid YAML: {e.Message}");
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner throws this for some malformed plain scalars (aaubry/YamlDotNet#541).
                throw At(scanner.CurrentPosition, "not valid YAML near here; check that every '[', '{' and quote is closed");
            }
        }
    }
}
