namespace Vault.Rlwe.Tests;

public class ParameterIdTests
{
    [Fact]
    public void WriteTo_ThenRead_RoundTrips()
    {
        var id = new ParameterId(0x0123456789abcdef, 1, ulong.MaxValue, 42);
        var bytes = new byte[ParameterId.ByteLength];
        id.WriteTo(bytes);
        Assert.Equal(id, ParameterId.Read(bytes));
        Assert.Equal(0xef, bytes[0]);                  // little-endian words
    }

    [Fact]
    public void ToString_IsLowerHexOfTheBytes()
    {
        var id = new ParameterId(0x0123456789abcdef, 0, 0, 0xff00000000000000);
        Assert.Equal("efcdab8967452301" + new string('0', 32) + "00000000000000ff", id.ToString());
    }

    [Fact]
    public void Read_ShortInput_Throws() =>
        Assert.Throws<ArgumentException>(() => ParameterId.Read(new byte[31]));
}
