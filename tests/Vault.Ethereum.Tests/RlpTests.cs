using System.Numerics;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Vault.Ethereum.Tests;

public class RlpTests
{
    public static TheoryData<string> ValidCases() => Names("rlptest.json");

    public static TheoryData<string> InvalidCases() => Names("invalidRLPTest.json");

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Encode_EthereumTestsVector_MatchesOut(string name)
    {
        var (input, output) = Case("rlptest.json", name);
        byte[] expected = Hex.Decode(output.GetString()!);
        Assert.Equal(Hex.Encode(expected), Hex.Encode(Rlp.Encode(ToItem(input))));
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Decode_EthereumTestsVector_ReencodesToSameBytes(string name)
    {
        var (input, output) = Case("rlptest.json", name);
        byte[] encoded = Hex.Decode(output.GetString()!);
        var item = Rlp.Decode(encoded);
        Assert.True(item.StructurallyEquals(ToItem(input)), $"{name}: decoded {item}");
        Assert.Equal(encoded, Rlp.Encode(item));
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Decode_EthereumTestsInvalidVector_Throws(string name)
    {
        var (_, output) = Case("invalidRLPTest.json", name);
        Assert.Throws<RlpFormatException>(() => Rlp.Decode(Hex.Decode(output.GetString()!)));
    }

    [Theory]
    [InlineData("0x", "empty input")]
    [InlineData("0x8180ff", "trailing")]
    [InlineData("0x83646f", "remain")]
    [InlineData("0xc283646f67", "remain")]
    [InlineData("0xb90037" + "00", "leading zero")]
    public void Decode_Malformed_ThrowsWithReason(string hex, string fragment)
    {
        var e = Assert.Throws<RlpFormatException>(() => Rlp.Decode(Hex.Decode(hex)));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DeepNesting_ThrowsInsteadOfOverflowingTheStack()
    {
        // 100k nested empty lists with honest lengths would need a huge header; 0xc1 chains work up to 55 levels only,
        // so build the nesting bottom-up with exact lengths.
        byte[] encoded = Rlp.EncodeList();
        for (int i = 0; i < Rlp.MaxDepth + 10; i++) encoded = Rlp.EncodeList(encoded);
        Assert.Throws<RlpFormatException>(() => Rlp.Decode(encoded));
    }

    [Fact]
    public void ToBigInteger_LeadingZero_Throws()
    {
        Assert.Throws<RlpFormatException>(() => Rlp.Decode(Hex.Decode("0x820001")).ToBigInteger());
    }

    [Property(MaxTest = 300)]
    public Property EncodeThenDecode_RandomTrees_RoundTrip() =>
        Prop.ForAll(Arb.From(TreeGenerator(3)), item =>
        {
            byte[] encoded = Rlp.Encode(item);
            return Rlp.Decode(encoded).StructurallyEquals(item) && Rlp.Encode(Rlp.Decode(encoded)).AsSpan().SequenceEqual(encoded);
        });

    [Property(MaxTest = 300)]
    public bool EncodeInteger_ThenDecode_RoundTrips(ulong a, ulong b)
    {
        var value = ((BigInteger)a << 64) | b;
        return Rlp.Decode(Rlp.EncodeInteger(value)).ToBigInteger() == value;
    }

    private static Gen<RlpItem> TreeGenerator(int depth)
    {
        var leaf = Gen.Choose(0, 80).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n))
            .Select(bytes => RlpItem.FromBytes(bytes));
        if (depth == 0) return leaf;
        var child = TreeGenerator(depth - 1);
        var list = Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(child, n)).Select(items => RlpItem.FromList(items));
        return Gen.Frequency<RlpItem>((3, leaf), (1, list));
    }

    private static RlpItem ToItem(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.Number => RlpItem.FromInteger(input.GetUInt64()),
        JsonValueKind.Array => RlpItem.FromList(input.EnumerateArray().Select(ToItem).ToList()),
        _ => input.GetString() is { } s && s.StartsWith('#')
            ? RlpItem.FromInteger(BigInteger.Parse(s[1..], System.Globalization.CultureInfo.InvariantCulture))
            : input.GetString()!.StartsWith("0x", StringComparison.Ordinal)
                ? RlpItem.FromBytes(Hex.Decode(input.GetString()!))
                : RlpItem.FromBytes(Encoding.UTF8.GetBytes(input.GetString()!)),
    };

    private static TheoryData<string> Names(string file)
    {
        var data = new TheoryData<string>();
        using var document = JsonDocument.Parse(File.ReadAllText(VectorPath(file)));
        foreach (var p in document.RootElement.EnumerateObject()) data.Add(p.Name);
        return data;
    }

    private static (JsonElement In, JsonElement Out) Case(string file, string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorPath(file)));
        var c = document.RootElement.GetProperty(name);
        return (c.GetProperty("in").Clone(), c.GetProperty("out").Clone());
    }

    internal static string VectorPath(string file) => Path.Combine(AppContext.BaseDirectory, "Vectors", "rlp", file);
}
