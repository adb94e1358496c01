using System.Text;
using System.Text.Json.Nodes;
using Vault.Engine.Datasets;

namespace Vault.Engine.Tests;

/// <summary>RFC 8785 number and string forms (vectors from RFC 8785 §3.2.2.3 and Appendix B, and ECMAScript's
/// Number::toString) and key ordering.</summary>
public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(4.5, "4.5")]
    [InlineData(0.002, "0.002")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e23, "1e+23")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(333333333.3333333, "333333333.3333333")]
    [InlineData(1e-27, "1e-27")]
    [InlineData(0.000001234, "0.000001234")]
    [InlineData(2.5e-7, "2.5e-7")]
    public void FormatNumber_Double_MatchesEcmaScript(double value, string expected) =>
        Assert.Equal(expected, CanonicalJson.FormatNumber(value));

    [Fact]
    public void FormatNumber_NegativeZero_IsZero() => Assert.Equal("0", CanonicalJson.FormatNumber(-0.0));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FormatNumber_NotFinite_Throws(double value) =>
        Assert.Throws<ArgumentException>(() => CanonicalJson.FormatNumber(value));

    [Fact]
    public void Encode_Object_SortsKeysAndEscapesOnlyWhatIsRequired()
    {
        var node = new JsonObject
        {
            ["b"] = "tab\tquote\"backslash\\ctl\u0001é€😀",
            ["a"] = new JsonArray(1, 2.5, true, null),
            ["A"] = 9007199254740992L,
        };
        Assert.Equal("{\"A\":9007199254740992,\"a\":[1,2.5,true,null],\"b\":\"tab\\tquote\\\"backslash\\\\ctl\\u0001é€😀\"}",
            Encoding.UTF8.GetString(CanonicalJson.Encode(node)));
    }

    [Fact]
    public void Encode_IntegerBeyond2Pow53_Throws() =>
        Assert.Throws<ArgumentException>(() => CanonicalJson.Encode(new JsonObject { ["n"] = 9007199254740993L }));

    [Fact]
    public void Encode_LoneSurrogate_Throws() =>
        Assert.Throws<ArgumentException>(() => CanonicalJson.Encode(new JsonObject { ["s"] = "\ud800x" }));
}
