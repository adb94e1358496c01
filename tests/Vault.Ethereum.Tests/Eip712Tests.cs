using System.Text.Json.Nodes;
using Vault.Ethereum.Abi;
using Vault.Ethereum.TypedData;

namespace Vault.Ethereum.Tests;

/// <summary>EIP-712 against the EIP's own Mail example (assets/eip-712/Example.js in ethereum/EIPs) and against cast.</summary>
public class Eip712Tests
{
    internal const string MailJson = """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
        "Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
        "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},
        "primaryType":"Mail",
        "domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
        "message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},"to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}
        """;

    private static EthereumKey Cow() => EthereumKey.FromPrivateKey(Keccak256.Hash("cow"));

    [Fact]
    public void EncodeType_MailExample_MatchesEip()
    {
        var document = Eip712Document.Parse(MailJson);
        Assert.Equal("Mail(Person from,Person to,string contents)Person(string name,address wallet)", document.EncodeType("Mail"));
        Assert.Equal("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2", document.TypeHash("Mail").ToString());
    }

    [Fact]
    public void Hashes_MailExample_MatchEip()
    {
        var document = Eip712Document.Parse(MailJson);
        Assert.Equal(
            "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2fc71e5fa27ff56c350aa531bc129ebdf613b772b6604664f5d8dbe21b85eb0c8cd54f074a4af31b4411ff6a60c9719dbd559c221c8ac3492d9d872b041d703d1b5aadf3154a261abdd9086fc627b61efca26ae5702701d05cd2305f7c52a2fc8",
            Hex.Encode(document.EncodeData("Mail", document.Message)));
        Assert.Equal("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e", document.MessageHash.ToString());
        Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", document.DomainSeparator.ToString());
        Assert.Equal("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", document.Digest().ToString());
    }

    [Fact]
    public void Sign_MailExampleWithCowKey_MatchesEipSignature()
    {
        using var cow = Cow();
        Assert.Equal("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", cow.Address.ToString());
        var signature = Eip712Document.Parse(MailJson).Sign(cow);
        Assert.Equal(1, signature.RecoveryId);                                               // v = 28
        Assert.Equal("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c", signature.ToString());
    }

    [Fact]
    public void Sign_MailExample_SameSignatureAsCastWalletSignData()
    {
        using var cow = Cow();
        var document = Eip712Document.Parse(MailJson);
        string cast = EthereumPeers.RunCast("wallet", "sign", "--data", document.ToJson(), "--private-key", Hex.Encode(Keccak256.Hash("cow")));
        Assert.Equal(document.Sign(cow).ToString(), cast);
    }

    [Fact]
    public void Parse_WithoutDomainType_InfersItFromTheDomain()
    {
        var node = JsonNode.Parse(MailJson)!.AsObject();
        node["types"]!.AsObject().Remove("EIP712Domain");
        var document = Eip712Document.Parse(node.ToJsonString());
        Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", document.DomainSeparator.ToString());
    }

    [Fact]
    public void HashStruct_ArrayMembers_HashesConcatenatedElements()
    {
        // Group(Person[] members): enc(members) = keccak256(hashStruct(p1) ‖ hashStruct(p2)).
        var document = Eip712Document.Parse("""
            {"types":{"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],"Group":[{"name":"members","type":"Person[]"},{"name":"ids","type":"uint256[2]"}]},
             "primaryType":"Group","domain":{"name":"x"},
             "message":{"members":[{"name":"a","wallet":"0x0000000000000000000000000000000000000001"},{"name":"b","wallet":"0x0000000000000000000000000000000000000002"}],"ids":[1,"0x2"]}}
            """);
        var members = document.Message["members"]!.AsArray();
        byte[] expectedMembers = Keccak256.Hash([.. document.HashStruct("Person", members[0]!.AsObject()).Span, .. document.HashStruct("Person", members[1]!.AsObject()).Span]);
        byte[] expectedIds = Keccak256.Hash([.. AbiEncoding.Encode(AbiType.UInt256, 1), .. AbiEncoding.Encode(AbiType.UInt256, 2)]);
        byte[] data = document.EncodeData("Group", document.Message);
        Assert.Equal("Group(Person[] members,uint256[2] ids)Person(string name,address wallet)", document.EncodeType("Group"));
        Assert.Equal(expectedMembers, data[32..64]);
        Assert.Equal(expectedIds, data[64..96]);
    }

    [Fact]
    public void EncodeData_MissingMember_Throws()
    {
        var node = JsonNode.Parse(MailJson)!.AsObject();
        node["message"]!.AsObject().Remove("contents");
        var e = Assert.Throws<AbiFormatException>(() => Eip712Document.Parse(node.ToJsonString()).Digest());
        Assert.Contains("Mail.contents", e.Message, StringComparison.Ordinal);
    }
}
