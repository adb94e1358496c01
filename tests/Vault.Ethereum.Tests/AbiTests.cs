using System.Globalization;
using System.Numerics;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vault.Ethereum.Abi;

namespace Vault.Ethereum.Tests;

public class AbiTests
{
    public static TheoryData<string> SpecCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Load().RootElement.EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecCases))]
    public void EncodeCall_SolidityAbiSpecExample_MatchesCalldata(string name)
    {
        var (function, arguments, calldata) = Case(name);
        Assert.Equal(calldata, Hex.Encode(function.EncodeCall(arguments)));
    }

    [Theory]
    [MemberData(nameof(SpecCases))]
    public void DecodeCall_SolidityAbiSpecExample_ReencodesToCalldata(string name)
    {
        var (function, _, calldata) = Case(name);
        object?[] decoded = function.DecodeCall(Hex.Decode(calldata));
        Assert.Equal(calldata, Hex.Encode(function.EncodeCall(decoded)));
    }

    [Theory]
    [InlineData("(bytes32,string,address,bool,uint64)[]", "[]")]
    [InlineData("int256", "-1")]
    [InlineData("int8", "-128")]
    public void EncodeCall_MoreShapes_MatchesCastCalldata(string type, string argument)
    {
        var function = AbiFunction.Parse($"h({type})");
        object? value = type == "int256" || type == "int8" ? BigInteger.Parse(argument, CultureInfo.InvariantCulture) : Array.Empty<object?>();
        Assert.Equal(EthereumPeers.RunCast("calldata", function.Signature, argument), Hex.Encode(function.EncodeCall(value)));
    }

    [Fact]
    public void EncodeCall_TupleWithStrings_MatchesCastCalldata()
    {
        var function = AbiFunction.Parse("p((bytes32,string,address,bool,string,uint64))");
        var address = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        var tuple = new object?[] { Keccak256.Hash32("job"), "bafkreidfrzu5y6hpruxcgoc6rxyhvrpylhbbp7xq2df5upa4rll5nzznuu", address, true, "allow", 1_700_000_000UL };
        string cast = EthereumPeers.RunCast("calldata", function.Signature,
            $"({Keccak256.Hash32("job")},bafkreidfrzu5y6hpruxcgoc6rxyhvrpylhbbp7xq2df5upa4rll5nzznuu,{address},true,allow,1700000000)");
        Assert.Equal(cast, Hex.Encode(function.EncodeCall([tuple])));
    }

    [Theory]
    [InlineData("uint8", "0x0000000000000000000000000000000000000000000000000000000000000100", "does not fit")]
    [InlineData("bool", "0x0000000000000000000000000000000000000000000000000000000000000002", "not 0 or 1")]
    [InlineData("address", "0x0000000000000000000000010000000000000000000000000000000000000000", "non-zero high bytes")]
    [InlineData("bytes2", "0x1234560000000000000000000000000000000000000000000000000000000000", "non-zero padding")]
    [InlineData("string", "0x00000000000000000000000000000000000000000000000000000000000000ff", "declares 255 bytes")]
    [InlineData("uint256[]", "0x000000000000000000000000000000000000000000000000000000000000ffff", "declares 65535 elements")]
    [InlineData("uint256", "0x00", "needs 32 bytes")]
    public void Decode_Invalid_ThrowsAbiFormatException(string type, string hex, string fragment)
    {
        var e = Assert.Throws<AbiFormatException>(() => AbiEncoding.Decode(AbiType.Parse(type), Hex.Decode(hex)));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("uint7")]
    [InlineData("bytes33")]
    [InlineData("(uint256")]
    [InlineData("mapping")]
    [InlineData("uint256[x]")]
    public void Parse_BadType_Throws(string type)
    {
        Assert.Throws<AbiFormatException>(() => AbiType.Parse(type));
    }

    [Fact]
    public void Encode_ValueOutOfRange_Throws()
    {
        Assert.Throws<AbiFormatException>(() => AbiEncoding.Encode(AbiType.UInt(8), 256));
        Assert.Throws<AbiFormatException>(() => AbiEncoding.Encode(AbiType.Int(8), -129));
        Assert.Throws<AbiFormatException>(() => AbiEncoding.Encode(AbiType.Bytes32, new byte[31]));
    }

    [Fact]
    public void Decode_ErrorString_ReadsReason()
    {
        // revert("Not enough Ether provided.") as in the Solidity documentation's "Error handling" section.
        byte[] data = AbiError.ErrorString.Encode("Not enough Ether provided.");
        Assert.Equal("0x08c379a0", Hex.Encode(data.AsSpan(0, 4)));
        var reason = RevertReason.Decode(data);
        Assert.Equal("Error", reason.ErrorName);
        Assert.Equal("Not enough Ether provided.", reason.Message);
        Assert.StartsWith("panic 0x11", RevertReason.Decode(AbiError.Panic.Encode(new BigInteger(0x11))).Message, StringComparison.Ordinal);
        Assert.Equal("reverted without a reason", RevertReason.Decode([]).Message);
    }

    [Property(MaxTest = 200)]
    public Property EncodeThenDecode_RandomReceiptTuples_RoundTrip() =>
        Prop.ForAll(Arb.From(ReceiptLike()), values =>
        {
            var types = AbiType.ParseList("bytes32,string,uint64,address,bool,bytes,int128,uint256[],(string,bytes32)[]");
            byte[] encoded = AbiEncoding.Encode(types, values);
            object?[] decoded = AbiEncoding.Decode(types, encoded);
            return AbiEncoding.Encode(types, decoded).AsSpan().SequenceEqual(encoded)
                && (string)decoded[1]! == (string)values[1]! && (BigInteger)decoded[6]! == (BigInteger)values[6]!;
        });

    private static Gen<object?[]> ReceiptLike()
    {
        var bytes = Gen.Choose(0, 70).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n));
        var text = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => new string(s.Get.Where(c => !char.IsSurrogate(c)).ToArray()));
        var word = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32);
        var big = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 16).Select(b => new BigInteger(b));
        var u256s = Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32).Select(b => (object?)new BigInteger(b, isUnsigned: true)), n));
        var pairs = Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(text.SelectMany(s => word.Select(w => (object?)new object?[] { s, new Bytes32(w) })), n));
        return from w in word
               from s in text
               from ts in ArbMap.Default.GeneratorFor<ulong>()
               from a in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 20)
               from flag in ArbMap.Default.GeneratorFor<bool>()
               from b in bytes
               from i in big
               from arr in u256s
               from p in pairs
               select new object?[] { new Bytes32(w), s, ts, new EthereumAddress(a), flag, b, i, arr, p };
    }

    private static (AbiFunction Function, object?[] Arguments, string Calldata) Case(string name)
    {
        var c = Load().RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var function = AbiFunction.Parse(c.GetProperty("signature").GetString()!);
        var arguments = c.GetProperty("arguments").EnumerateArray().Select((a, i) => FromJson(function.Inputs[i].Type, a)).ToArray();
        return (function, arguments, c.GetProperty("calldata").GetString()!);
    }

    private static object? FromJson(AbiType type, JsonElement value) => type.Kind switch
    {
        AbiKind.UInt or AbiKind.Int => value.GetString()!.StartsWith("0x", StringComparison.Ordinal)
            ? Hex.DecodeQuantity(value.GetString()!)
            : BigInteger.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        AbiKind.Bool => value.GetBoolean(),
        AbiKind.Address => EthereumAddress.Parse(value.GetString()!),
        AbiKind.FixedBytes or AbiKind.Bytes => Hex.Decode(value.GetString()!),
        AbiKind.String => value.GetString(),
        AbiKind.Array or AbiKind.FixedArray => value.EnumerateArray().Select(v => FromJson(type.Element!, v)).ToArray(),
        _ => value.EnumerateArray().Select((v, i) => FromJson(type.Components[i], v)).ToArray(),
    };

    private static JsonDocument Load() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "abi", "solidity-abi-spec.json")));
}
