namespace Vault.Ckks.Tests;

public class HomomorphicEncryptionStandardTests
{
    [Theory]
    [InlineData(10, 27)]          // HomomorphicEncryption.org standard v1.1, Table 1, ternary secret, 128-bit classical
    [InlineData(11, 54)]
    [InlineData(12, 109)]
    [InlineData(13, 218)]
    [InlineData(14, 438)]
    [InlineData(15, 881)]
    [InlineData(16, 1747)]        // not in the standard; OpenFHE's stdlatticeparms value
    public void MaxLogQP_Classical128_MatchesStandardTable(int logN, int expected) =>
        Assert.Equal(expected, HomomorphicEncryptionStandard.MaxLogQP(logN, SecurityLevel.Classical128));

    [Theory]
    [InlineData(9)]
    [InlineData(17)]
    public void MaxLogQP_DegreeOutsideTable_Throws(int logN) =>
        Assert.Throws<ParameterException>(() => HomomorphicEncryptionStandard.MaxLogQP(logN, SecurityLevel.Classical128));

    [Fact]
    public void MaxLogQP_InsecureLevel_Throws() =>
        Assert.Throws<ParameterException>(() => HomomorphicEncryptionStandard.MaxLogQP(13, SecurityLevel.InsecureTestOnly));
}
