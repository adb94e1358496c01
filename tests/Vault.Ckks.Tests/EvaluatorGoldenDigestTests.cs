using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks.Tests;

/// <summary>Pins the exact bytes the evaluator produces: SHA-256 of every output ciphertext of multiply, relinearize,
/// rescale, rotations (direct, composed, hoisted), conjugation, slot sums, polynomial evaluation and the other
/// arithmetic, at the top level and one level down, on parameter sets that cover every prime size the presets allow
/// (20 to 61 bits) and both key-switching shapes (SEAL's one prime per digit, and hybrid digits with several special
/// primes). Keys, inputs and encryption
/// randomness come from fixed seeds (not <c>VAULT_TEST_SEED</c>), so the digests are constants.</summary>
/// <remarks>The engine's re-execution audit compares output hashes across machines and versions, so a faster kernel
/// must produce the same ciphertext byte for byte: every set is checked on every vector path this CPU has (AVX-512,
/// AVX2, scalar) and on one and several threads. The digests were recorded before the vectorized, fused and
/// multi-threaded CPU backend (commit 6d2cafb), those of the slot sums and the polynomial before both moved into the
/// code they share with the device evaluator (commit f3e0f86); update them only for a deliberate change of the
/// arithmetic.</remarks>
[Collection(nameof(ProcessWideSettings))]
public class EvaluatorGoldenDigestTests
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (string set in Specs.Keys)
        {
            data.Add(set, nameof(SimdPath.Vector512), 1);
            data.Add(set, nameof(SimdPath.Vector512), 3);
            data.Add(set, nameof(SimdPath.Vector256), 1);
            data.Add(set, nameof(SimdPath.Vector256), 2);
            data.Add(set, nameof(SimdPath.Scalar), 1);
        }
        return data;
    }

    private static readonly Dictionary<string, CkksParameterSpec> Specs = new()
    {
        ["logn10-hybrid"] = CkksParameterPresets.InsecureTestOnlyLogN10,
        ["logn12-seal"] = CkksParameterPresets.InsecureTestOnlyLogN12,
        ["logn11-seal55"] = new() { LogN = 11, LogQ = [55, 55, 55, 55], LogP = [56], LogDefaultScale = 40, Security = SecurityLevel.InsecureTestOnly },
        ["logn10-61bit-dnum2"] = new() { LogN = 10, LogQ = [61, 61, 61, 61, 61], LogP = [61, 61], LogDefaultScale = 50, Dnum = 2, Security = SecurityLevel.InsecureTestOnly },
        ["logn10-20bit"] = new() { LogN = 10, LogQ = [20, 20, 20, 20], LogP = [20, 20], LogDefaultScale = 15, Dnum = 4, Security = SecurityLevel.InsecureTestOnly },
    };

    private static readonly Dictionary<string, Dictionary<string, string>> Expected = new()
    {
        ["logn10-hybrid"] = new()
        {
            ["add@top"] = "b41008eac2285d2e5a17785e574140ba6c66ed7aceaca780418df78e99ffe384",
            ["multiply-plain@top"] = "4974824076d135af39561b5f8cd043bb6e1a702646282d40a80819594c26fc39",
            ["multiply@top"] = "cffec744f42f4aa123a4d731c3ad2e918c7c80c37b400d7fdbbea6e383989906",
            ["square@top"] = "beb80b61ba67330dfc70f51888ec245a27114b471007c15118588d10108ffdde",
            ["relinearize@top"] = "15b0c600d0ac8a47a13fee8fa26c1da75f8e3410df99f47f8027d9c6f0ee479f",
            ["rescale@top"] = "491c5d727523da6a2a97740574e363d07617ae36de433c819e006a8b96cb10fa",
            ["multiply-constant-rescale@top"] = "472e23c158d185e9ce73804a4c512ffc8b1e9d2a2f474fe001e90f65fe628493",
            ["rotate-1@top"] = "dced255c7560531447953915b4974a1b248f5f02c3820fee767db63b889d9200",
            ["rotate-5@top"] = "44febd71567834acd3d35df0747a4610c0a3477f60dea8ba1d40b31f5d402c77",
            ["rotate-3-composed@top"] = "f7f8f96cba9ee7f6b0201133ad4f5451d428cb9a97753c8d3ea8ac5f6e9297dd",
            ["conjugate@top"] = "e223156acad54aa3fc44e5e87765b56a1470bc0667840d7db9193473f0606e40",
            ["rotate-hoisted-0@top"] = "dced255c7560531447953915b4974a1b248f5f02c3820fee767db63b889d9200",
            ["rotate-hoisted-1@top"] = "44febd71567834acd3d35df0747a4610c0a3477f60dea8ba1d40b31f5d402c77",
            ["rotate-hoisted-2@top"] = "cc87e3bce4e447f12848409d33748d8f7d5860af92ee1904b0d33d1162248bd1",
            ["add@top-1"] = "82eb038d820a2b7c842d360143824b79ac4af50c2bd1f1349c914900789831b4",
            ["multiply-plain@top-1"] = "1b638abb502be507c127d3d52818974d90b33c0ced3b733b82e9330782c72c49",
            ["multiply@top-1"] = "02a0cf5d52ddeae56faf24918f848d07e716b6e4dfa7526f6189af687f94aaf7",
            ["square@top-1"] = "761d6ec54b046e6cc6b357b5f40221b869579d56846e25eabe8a4f3af8303832",
            ["relinearize@top-1"] = "de0d6b445ffb461671383868a8e2f2bfdfc0bca9ba3c24b6f250d4e55c74ece3",
            ["rescale@top-1"] = "c36eec13d304805e4d97ff5320c192108af0c5a89522c6242b60f887c57de3e4",
            ["multiply-constant-rescale@top-1"] = "9309825aaa7e2cc3053951bd0b3eeacd0208d2d0be4dc96e73d6b58ad3955550",
            ["rotate-1@top-1"] = "4c5eaa0ca61010ba6b49bfa08aa16c2d95605a728d337e3e9495d4a56faf8786",
            ["rotate-5@top-1"] = "ffa65a746d4e776dc48717f49c3b41ed945b499b0ad3fe73479ade17f7d20516",
            ["rotate-3-composed@top-1"] = "e1c900153438f925f0b4a31ad9c79e814f4442f9be9220f818479d11e406adbc",
            ["conjugate@top-1"] = "ec122027a8cba087fdb040d30a98f6ff5e360a146fc54903a646449f1a8612d8",
            ["rotate-hoisted-0@top-1"] = "4c5eaa0ca61010ba6b49bfa08aa16c2d95605a728d337e3e9495d4a56faf8786",
            ["rotate-hoisted-1@top-1"] = "ffa65a746d4e776dc48717f49c3b41ed945b499b0ad3fe73479ade17f7d20516",
            ["rotate-hoisted-2@top-1"] = "c76925985999a7e029567dbff03a8307b92adbd8746130ded199a1aa21ff98fc",
            ["inner-sum-2x4@top"] = "f54721fb64756b85590abead8d704a535e5c43a688d9bf069bc93f13ad6e5759",
            ["polynomial-3@top"] = "b2cdcd8e48aebcc5160df1d7f5a2338ec8f79ecd034226a12ae7f895bb098597",
            ["sum-slots-8@top"] = "7567045eba3b9b967230d74ce34aef58236f3d664a03254b2c46d93023afa372",
            ["inner-sum-2x4@top-1"] = "0c44d641e5cb2e3b9a3b55fd1bbf8e24e276a6f7a9781760cb621251d1d00e8c",
            ["polynomial-3@top-1"] = "01589cc52546eafb62fea5977284babe281aa3096059c97b82b8b63fb6d0eeff",
            ["sum-slots-8@top-1"] = "4117ab12c842ba7bc0213f414128911c7cec992357df56111e06eeb9eee97b87",
        },
        ["logn12-seal"] = new()
        {
            ["add@top"] = "b9307a3c627023fdd9d2ba3068d036a7639fec409200617e5a1a7fb001355828",
            ["multiply-plain@top"] = "fc89720dfe70b635e4cce4579c3cf1ec04c390addd79b55e70d0540d0294b523",
            ["multiply@top"] = "5252089adc05c40c82283bebd7e9c33fdade95135309140328742338420cbc45",
            ["square@top"] = "cba25330ddb7a83668b9a887f7b362bca7761cae218573103dccf2d9ed83c703",
            ["relinearize@top"] = "ae622e4bcac6444d412ebe2721d6450ff2682313eff0f8ebd6f95b9ed2ef4ebd",
            ["rescale@top"] = "c4b96c9d67598cba25cceaab26af03c56787e12631d96a598f715ca350441d3b",
            ["multiply-constant-rescale@top"] = "00c8293054bf187b6a6c7c19bb1c870d19b63dc013bdd32241ee66071e127c79",
            ["rotate-1@top"] = "4cbf29d1134d2d786ece8a557f9cee6e7bd21751a35aa34d8dadb16500fafb26",
            ["rotate-5@top"] = "33200d03909e27a6708293708051f09385f2507c48688cf94376ac6a49cd60f3",
            ["rotate-3-composed@top"] = "37a825f570605c10a796f3a1f88e4c0674d319b13dde4cced89bb5ddff220d9c",
            ["conjugate@top"] = "496bea1dfbe6396eea580478eb8ccaa680c7939c1268a5902dccabfaf5c3ad7c",
            ["rotate-hoisted-0@top"] = "4cbf29d1134d2d786ece8a557f9cee6e7bd21751a35aa34d8dadb16500fafb26",
            ["rotate-hoisted-1@top"] = "33200d03909e27a6708293708051f09385f2507c48688cf94376ac6a49cd60f3",
            ["rotate-hoisted-2@top"] = "11f1160348399107315568f640680512566dfbb47469e580c21e44dd5e62b73b",
            ["add@top-1"] = "8adfc92a8edb73ba997652e08ed6eeb22318874d999b142b4c0e110f36900497",
            ["multiply-plain@top-1"] = "fc0ea4a77a9bd8d1131b48396ef087bb604ea095d8edd20e29fb8b9bef290930",
            ["multiply@top-1"] = "da3f021edc2c061d60abb23de34e7df6ff2a3ef2cb60fd814567f41bb8fe3613",
            ["square@top-1"] = "6ec17ca3bc03f12a8a1a8d414d227337dc2ee48e834a99f066431a327c041bda",
            ["relinearize@top-1"] = "f0ea123c3524aaf37aa26dc26f1a9fb7ba6a56f4c979520bab07fc05f89906ba",
            ["rescale@top-1"] = "b80f993815140a1fec1e6617b05c8f9176907c09b45bf03e153c7c05eb7e9077",
            ["multiply-constant-rescale@top-1"] = "12ec95d3646229da59d9f036a71b2e6c7b05c3e5e7ddd22b62c885b5711b6b94",
            ["rotate-1@top-1"] = "e8d5830bc5be9e051547e169675c3d53512147c8acc28252d3647934a93e5a0d",
            ["rotate-5@top-1"] = "0d645bacd059676083951655c45ef36c444993258d30c5bfe7be8c5d1ebad0e1",
            ["rotate-3-composed@top-1"] = "751cff6c98e54edfba7fa68a3d3d5440c598401cbf8190ccda459c49192f6aca",
            ["conjugate@top-1"] = "cec73f9862e128e011e80bdce845afb09842987474b93deb9aa915fae66c9056",
            ["rotate-hoisted-0@top-1"] = "e8d5830bc5be9e051547e169675c3d53512147c8acc28252d3647934a93e5a0d",
            ["rotate-hoisted-1@top-1"] = "0d645bacd059676083951655c45ef36c444993258d30c5bfe7be8c5d1ebad0e1",
            ["rotate-hoisted-2@top-1"] = "563f906aca0fc04cd27f0e506cf44cdb1fc4b50e4a15d5b4adf585a1d2471161",
            ["inner-sum-2x4@top"] = "8f53cfe2e64f6a94790244eb89416e914ec66dab34ca083b31ba6c1e53255a87",
            ["polynomial-3@top"] = "e0cba7593690cb0ff1738416a1c86ecd5bc64e09909801e8594f9d42a5c34f83",
            ["sum-slots-8@top"] = "5e9093d142aed35763356ca96b3ee0d508c516ec8eef4ea2919d587b5f26e31d",
            ["inner-sum-2x4@top-1"] = "4bce7df4921664c573c2d45cf9f9c4490ef46f1e4a5f39daa877b3325b66ba7b",
            ["sum-slots-8@top-1"] = "f693aa2eb79a2853572616f22944dc18f47c95bbf8c788c01adac415176248ad",
        },
        ["logn11-seal55"] = new()
        {
            ["add@top"] = "5dddc5455b2998955522d4934e1e865e6c0f16b510f5fcf0d9d068a0444b8e06",
            ["multiply-plain@top"] = "de5362a1b29f72b24b0a3a53c401babc8c68a0169704a7cf191abdca204ba8c8",
            ["multiply@top"] = "41e8cb670432eab4b4f6b371bd094a8eab14b120ee4573ecb30ad9ddb4bd57e1",
            ["square@top"] = "04e11feb66255c4bcd4e915e6e50070ebd08cae49e70a8c50039e164689a65e2",
            ["relinearize@top"] = "5c5f22a2252458e310b0d543ffdce9abaea5c0f4cc46b7f3f9cde6d18ed3dc3e",
            ["rescale@top"] = "f91b3af28c23521104ee08667b2bc87d98869851607cf997afaf372ea1847a64",
            ["multiply-constant-rescale@top"] = "0012be5749ff5ed9603e342663fe01a90cb229cc6190325ab2e3f15008b59127",
            ["rotate-1@top"] = "0b751c7c8d744abba8965730d77090595b6a5abe4cfc7cff008da54014c658b2",
            ["rotate-5@top"] = "e55b8d4c7568479003e9eeab000d34d17f922b99fca7dd5c948914b2186ece5b",
            ["rotate-3-composed@top"] = "76352c57ef9c92dafb9ae61447012716dfabf4836058011f5419da3af730bc08",
            ["conjugate@top"] = "d9298440eb5148ff0bc0a0f0d51b52ba8ade6a49cbdf46f0ccccf72d352f3a58",
            ["rotate-hoisted-0@top"] = "0b751c7c8d744abba8965730d77090595b6a5abe4cfc7cff008da54014c658b2",
            ["rotate-hoisted-1@top"] = "e55b8d4c7568479003e9eeab000d34d17f922b99fca7dd5c948914b2186ece5b",
            ["rotate-hoisted-2@top"] = "923a74d750651f19b40de30b12aabaf5fac24d26a259896cb96e00f4aafcf882",
            ["add@top-1"] = "a3784ebf1f622249f2beb896577e0d72bdc1d911f4fe1da9ebf46d5be3d5d3da",
            ["multiply-plain@top-1"] = "d1f7324e17eabe28184c8bf150cf46cac65aee4f4a9a4a0684f028080748234b",
            ["multiply@top-1"] = "25baeac8cf77cd8ea406596996c77a06a6a9f374050e999ee80eaf8ce247c248",
            ["square@top-1"] = "e7c97a5bd3cb4f50a764b6f0f0bfba89b14af99f43267681ea3dcf9c9b174c8b",
            ["relinearize@top-1"] = "1b5c5defff3ae87b9aafda7377e4c6c8286db878ef6a61c359175aef1176df95",
            ["rescale@top-1"] = "ca745008b298d6dcdfda36fecf38e96188b729476ba573c765c454c5a59b0019",
            ["multiply-constant-rescale@top-1"] = "b546f938fd2bb84f78d2afa71b6aa63a94ca964dd70fad2d73d06991d8072586",
            ["rotate-1@top-1"] = "6451970271c4d48eb15467889c91dfac046e89509d2fbd5494e0f2c879731fb4",
            ["rotate-5@top-1"] = "fb573032dff1a521e194eef48a202a9df5972646136fd03ceb3a17bb5c778ae7",
            ["rotate-3-composed@top-1"] = "33440d2c4ed39d027803b128d854e90a5c319749539db0a09fa0fac1b8371b6c",
            ["conjugate@top-1"] = "296d6721076e38b9a39638c7cfaa70e1558030d459f0f301dc0c918f78a4e513",
            ["rotate-hoisted-0@top-1"] = "6451970271c4d48eb15467889c91dfac046e89509d2fbd5494e0f2c879731fb4",
            ["rotate-hoisted-1@top-1"] = "fb573032dff1a521e194eef48a202a9df5972646136fd03ceb3a17bb5c778ae7",
            ["rotate-hoisted-2@top-1"] = "19e3e1a2e51a9ee437bd3a47c7f4ac7a7fdc36f72bf062f6a05fcb2f963ebf5d",
            ["inner-sum-2x4@top"] = "317224a3e16c3a48c3fa0c9c28e50ae55f8285ead2af21b0ca9e4ec944aed8e7",
            ["polynomial-3@top"] = "af1ad6a194634f7e9f399db76db96004c6174b09d86cbb03c8e9bad36ab01802",
            ["sum-slots-8@top"] = "b7c3ffd24e1650954e3c5c91be89c2f75db9d2992afc7f75d165a2b2b9be967b",
            ["inner-sum-2x4@top-1"] = "df1d9179b409eff5b04e88264ea099f0bc13720ba462e344ea6dbe4355325fad",
            ["polynomial-3@top-1"] = "651a39ae8c2b68d4cfdffe3e3368a3d9c85a74b2d3d9d9d230b6fd737adc84e2",
            ["sum-slots-8@top-1"] = "4673182b7e58f6805eebd71ff5e612347576a28d7bac25a81df564b46a957f8d",
        },
        ["logn10-61bit-dnum2"] = new()
        {
            ["add@top"] = "0f464f471c1bd63bf5993ee1a2ab9bfab10a3b494654757b4415032dd14cd16f",
            ["multiply-plain@top"] = "18d58adc8b89a262371ac68db01399ef8c46ec39c9c84cfbb7c9c4726ab971ff",
            ["multiply@top"] = "09e9791d4504503b2e8086c492f82455b3a7438e761a00ca09316f7792dd85da",
            ["square@top"] = "0311bec03c834b7a468269c46b52c28c6916b4ee97c18292d2e66831109ffada",
            ["relinearize@top"] = "f678cda3554430ec138917d30395df57837a2ee677554218ecf3d3f279454b1e",
            ["rescale@top"] = "7ba8e649ae8b31246784e887b84a931618bb63e015181384317214eaa7b5ae7e",
            ["multiply-constant-rescale@top"] = "3e7083e2255ebeb4c9e7eea76eb95a31ed491e5e161231643e639e734537a8dd",
            ["rotate-1@top"] = "d952eb9bd52a461aa63d6ba790e2dafc9481dce17c8cffa128a578061707ba00",
            ["rotate-5@top"] = "d3858d0916ccbe38fbe9f462cee65ffbd9aca26206babcf5368b4d9315bfa7fe",
            ["rotate-3-composed@top"] = "620401e5e970e4785e4d6ab79217331a21600467c41477a34ab626acda738cbc",
            ["conjugate@top"] = "b1d5c4820c310131b13a05ea46e5dd138b39f7bb7e32c6407a17764628522aae",
            ["rotate-hoisted-0@top"] = "d952eb9bd52a461aa63d6ba790e2dafc9481dce17c8cffa128a578061707ba00",
            ["rotate-hoisted-1@top"] = "d3858d0916ccbe38fbe9f462cee65ffbd9aca26206babcf5368b4d9315bfa7fe",
            ["rotate-hoisted-2@top"] = "ceda7beef76492d789d3d2a9a16237dcfcdbf509273c5291d51708aaebffe3e9",
            ["add@top-1"] = "d41c3953dbd1f2b14e1373d77a0d1d8d2d76062d6b9ea5327867a5002d3f8f6d",
            ["multiply-plain@top-1"] = "bc30a46e022817f271b664de98a20217b132063d5e157a1b82d5df155c08fcbc",
            ["multiply@top-1"] = "0083fa93ed6eebaac8eaf04dea622ceae5f8a6c77e13d736b30b20658d28677c",
            ["square@top-1"] = "e7071cbf2de7ca885550c455746d6ff19bbf40eeac13c35a9726bc9992514b71",
            ["relinearize@top-1"] = "1069a9685721c6e6e6388bf3f4926bfa45d69d52b3e64c688c6fd23a8bf88633",
            ["rescale@top-1"] = "9ffefb86bc1f3649c5765e01ab113b9e39cfb294e0df0906ba313aac908a4b7c",
            ["multiply-constant-rescale@top-1"] = "16b78c9155307253916364ab904404764196add4161f7e1c7613c7e95c821964",
            ["rotate-1@top-1"] = "80bcedb4029d8c7abdc94a65048435efcf1666f424098d652cf495888fb25778",
            ["rotate-5@top-1"] = "ccc693dcb92da442bf72adf8885475c80629c011e280e662d091f165f01ad91b",
            ["rotate-3-composed@top-1"] = "696b545eda85f49814c3970496c02d6d03f3761dfeca3ed42ad8f4160c24d2ee",
            ["conjugate@top-1"] = "8b0715d6fbb3ad6c4a244bc205951b9843fee5f323fb8ea3250fb6f23cffe93d",
            ["rotate-hoisted-0@top-1"] = "80bcedb4029d8c7abdc94a65048435efcf1666f424098d652cf495888fb25778",
            ["rotate-hoisted-1@top-1"] = "ccc693dcb92da442bf72adf8885475c80629c011e280e662d091f165f01ad91b",
            ["rotate-hoisted-2@top-1"] = "9ff5947abcb570a39f0606bcc8c99ebda16ce7cd042951c4eb8957c45a819938",
            ["inner-sum-2x4@top"] = "2e5c0a1c3f178bb95f6b9347002ea7e2104d67a1a227dba1f2de794b0538a054",
            ["polynomial-3@top"] = "02abf3ca727014b380407493885186b0adedb1fa65a10f8e166f373774f32dcd",
            ["sum-slots-8@top"] = "cc014d5cf1c2ac15e432c86577f2c30752df5ca62ec851074914a478c8a3b0f4",
            ["inner-sum-2x4@top-1"] = "ce48a9b30259ce279d682ef083a6b35d0d428fc9fa1aa95c6014de72c91b38cf",
            ["polynomial-3@top-1"] = "3b115e64463e7b9917145aff9c18e0113150abaefac7f0111f7620a7247a94e3",
            ["sum-slots-8@top-1"] = "589a71b2c944e7c0484d8c9b678ecddee39a5cb6ed86d57f9dc89c9015fcf336",
        },
        ["logn10-20bit"] = new()
        {
            ["add@top"] = "93d8cf52fe0690f2d3bb61d28665a3e8b6ce548b7cd3fb0bf27d70e66c533c47",
            ["multiply-plain@top"] = "120726844fc06a5c1ed7275e7b0a6df9450ed4fac520faeb2b7c506adbdb998a",
            ["multiply@top"] = "d25b5b6457b85b33662a143712e71976cf29b5d6dd55a782926a029a59f34e47",
            ["square@top"] = "6b0040cd43c07590cbc9442981b6b132925a62a47ef70eea68cfce3cdc72c260",
            ["relinearize@top"] = "e9194bedabb271e12d4cfb1a1478cc4e54481c197271096e5533ba7d94f6f13d",
            ["rescale@top"] = "6f810985a1c4b281ecbb3a21629497cec5f5d0238fddc866b22de1d3452a17a7",
            ["multiply-constant-rescale@top"] = "e8b58ca9bcbbde58be04b601aae7ad56e4872e7a2130efbc80d9b2e8f0ca3ae3",
            ["rotate-1@top"] = "73964fd14a38e342d804220615c2f54831bb069bd329484a721d853ea2252c12",
            ["rotate-5@top"] = "a323e1b35a8be45c975c860907503707990fdb3eb21ea30befd9cd11f6d911c8",
            ["rotate-3-composed@top"] = "0b38fe3764a566bf4fe161f1247efa37a5d9e73e1b2b7cb9b3072c79debad601",
            ["conjugate@top"] = "0d63dc8aa0a18d433edb2bd5e14ed5e0a171fbc95cc9882bffc1af9309a15118",
            ["rotate-hoisted-0@top"] = "73964fd14a38e342d804220615c2f54831bb069bd329484a721d853ea2252c12",
            ["rotate-hoisted-1@top"] = "a323e1b35a8be45c975c860907503707990fdb3eb21ea30befd9cd11f6d911c8",
            ["rotate-hoisted-2@top"] = "302ab0f057adc005c22c8c074558cb21b051c67653f261c32f12909b7ba10516",
            ["add@top-1"] = "6d1de6c2e0b0a044beee23aa336eaa3713dd081ec438249a6d7044c508e9d101",
            ["multiply-plain@top-1"] = "afa75a9545578453e23b9f83f1c4be666bfb763879edb5c0c63cd6fe03ed839e",
            ["multiply@top-1"] = "2a58e59ef6bd18b10484919f2846537370cf93be645969a7fe3f36c0a9c8ba9e",
            ["square@top-1"] = "df99ff51aeacbb3d4b59e120f212898edf8ae75f96fb405924a9db0d35c0739c",
            ["relinearize@top-1"] = "ae6a0a98128cf545364ab80799b12375ea6aea9f4611afc0d6e3815d00d3a40e",
            ["rescale@top-1"] = "8e6ee750c73800707ce42c32312623dbd2bad2ac752f115004e5bde767f282da",
            ["multiply-constant-rescale@top-1"] = "1b6772deec06d1c3af66c9837556cb765ebbe37c43a00d61e755b913cdb5a41e",
            ["rotate-1@top-1"] = "87f4a94eaf8d6c77d03a26fdeba75d4ac6ad4e5de1abeb84c7a196916929414b",
            ["rotate-5@top-1"] = "47e9319c2e9da5eeb404d0783c7d26b9af5e048b6cd21f26851a4ffa94b6ad3a",
            ["rotate-3-composed@top-1"] = "173cc87a410983b8e595b8f0912237b41cae023400717530456155aea1cfb8e8",
            ["conjugate@top-1"] = "a62c2b17f0edb5f271e31493c4def0f80100fc2a5dd247cc0611002efb50cb15",
            ["rotate-hoisted-0@top-1"] = "87f4a94eaf8d6c77d03a26fdeba75d4ac6ad4e5de1abeb84c7a196916929414b",
            ["rotate-hoisted-1@top-1"] = "47e9319c2e9da5eeb404d0783c7d26b9af5e048b6cd21f26851a4ffa94b6ad3a",
            ["rotate-hoisted-2@top-1"] = "c5b7d977633b1e5c2098b18bde9160000a7d03fe0678815f20ace24825ffb0db",
            ["inner-sum-2x4@top"] = "6a7e8cf8f6cc54ebe873ca0b1be68c378a9ef5eba346d369b61765dfaa022d95",
            ["polynomial-3@top"] = "f5ce01c99c87ee4f957fcea52b457fc33a9db6d46489e3e659dce8394f2e2161",
            ["sum-slots-8@top"] = "a5b1984959f2a79cdcf701b866c6ceb559869f57db57da089994f659cb8b592a",
            ["inner-sum-2x4@top-1"] = "ac39fa32f7d6cf1301f38f856ec7374a7f98b942d0b31562aa5a03be2150509f",
            ["polynomial-3@top-1"] = "0879074d864ec1a1e832adbef412513827c547042f378b5acfb2337a56fd1430",
            ["sum-slots-8@top-1"] = "4205e58db9dfd3ef8ed3f75d60ff011bcd4c80454fe5aacca0b07eed5c802a9c",
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluator_FixedSeeds_MatchesGoldenDigests(string set, string path, int threads)
    {
        var simd = Enum.Parse<SimdPath>(path);
        if (simd > Simd.Supported) return;   // this CPU cannot run that path (the narrower ones are still checked)
        Dictionary<string, string> actual;
        var savedPath = Simd.Path;
        int savedThreads = RingParallelism.ThreadCount;
        Simd.Path = simd;
        RingParallelism.ThreadCount = threads;
        try
        {
            actual = Compute(Specs[set]);
        }
        finally
        {
            Simd.Path = savedPath;
            RingParallelism.ThreadCount = savedThreads;
        }
        var mismatches = actual
            .Where(kv => !Expected[set].TryGetValue(kv.Key, out string? digest) || digest != kv.Value)
            .Select(kv => $"[\"{kv.Key}\"] = \"{kv.Value}\",")
            .ToList();
        Assert.True(mismatches.Count == 0, $"{set} ({path}, {threads} threads): {mismatches.Count} of {actual.Count} digests differ:\n{string.Join('\n', mismatches)}");
    }

    private static Dictionary<string, string> Compute(CkksParameterSpec spec)
    {
        var parameters = CkksParameters.CreateInsecure(spec);
        var rlwe = parameters.Rlwe;
        int logN = parameters.LogN, top = parameters.MaxLevel;
        using var keyStream = new Prng(Seed(1));
        using var encryptionStream = new Prng(Seed(2));
        using var generator = new KeyGenerator(rlwe, keyStream);
        using var secretKey = generator.GenerateSecretKey();
        var publicKey = generator.GeneratePublicKey(secretKey);
        var relinearizationKey = generator.GenerateRelinearizationKey(secretKey);
        var elements = new List<ulong>(GaloisElements.ForPowerOfTwoRotations(logN))
        {
            GaloisElements.ForRotation(logN, 5),
            GaloisElements.ForConjugation(logN),
        };
        var galoisKeys = generator.GenerateGaloisKeys(secretKey, elements);
        var evaluator = new CkksEvaluator(parameters, relinearizationKey, galoisKeys);
        var encoder = new CkksEncoder(parameters);
        using var encryptor = new Encryptor(rlwe, publicKey, encryptionStream);
        var random = new Random(7);
        Plaintext Encode(int level)
        {
            var values = new Complex[parameters.Slots];
            for (int i = 0; i < values.Length; i++) values[i] = new Complex(random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
            var pt = new Plaintext(rlwe, level, parameters.DefaultScale);
            encoder.Encode(values, level, parameters.DefaultScale, pt);
            return pt;
        }

        var digests = new Dictionary<string, string>();
        for (int level = top; level >= top - 1; level--)
        {
            string at = level == top ? "top" : "top-1";
            var plain = Encode(level);
            var a = encryptor.Encrypt(Encode(level));
            var b = encryptor.Encrypt(Encode(level));
            void Record(string name, Ciphertext ct) => digests[$"{name}@{at}"] = Digest(ct);

            Record("add", evaluator.Add(a, b));
            Record("multiply-plain", evaluator.MultiplyPlain(a, plain));
            var product = evaluator.Multiply(a, b);
            Record("multiply", product);
            Record("square", evaluator.Multiply(a, a));
            var relinearized = evaluator.NewCiphertext(level, 1);
            evaluator.Relinearize(product, relinearized);
            Record("relinearize", relinearized);
            Record("rescale", evaluator.Rescale(relinearized));
            var destination = evaluator.NewCiphertext(level, 1);
            evaluator.MultiplyConstantRescale(a, 0.75, parameters.DefaultScale, destination);
            Record("multiply-constant-rescale", destination);
            Record("rotate-1", evaluator.Rotate(a, 1));
            Record("rotate-5", evaluator.Rotate(a, 5));
            Record("rotate-3-composed", evaluator.Rotate(a, 3));
            evaluator.Conjugate(a, destination);
            Record("conjugate", destination);
            var hoisted = new[] { evaluator.NewCiphertext(level, 1), evaluator.NewCiphertext(level, 1), evaluator.NewCiphertext(level, 1) };
            evaluator.RotateHoisted(a, [1, 5, 2], hoisted);
            for (int s = 0; s < hoisted.Length; s++) Record($"rotate-hoisted-{s}", hoisted[s]);
            if (level >= 2) Record("polynomial-3", evaluator.EvaluatePolynomial(a, [0.5, 1.25, 0, -0.375], parameters.DefaultScale));
            evaluator.SumSlots(a, 8, destination);
            Record("sum-slots-8", destination);
            evaluator.InnerSum(a, 2, 4, destination);
            Record("inner-sum-2x4", destination);
        }
        return digests;
    }

    private static byte[] Seed(byte salt)
    {
        var seed = new byte[Prng.SeedLength];
        for (int i = 0; i < seed.Length; i++) seed[i] = (byte)(salt * 37 + i);
        return seed;
    }

    private static string Digest(Ciphertext ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(header, ct.Size);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], ct.Level);
        BinaryPrimitives.WriteDoubleLittleEndian(header[8..], ct.Scale);
        hash.AppendData(header);
        for (int i = 0; i < ct.Size; i++) hash.AppendData(MemoryMarshal.AsBytes(ct[i].Coefficients));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>Tests that change <see cref="Simd.Path"/> or <see cref="RingParallelism.ThreadCount"/> (process-wide) run alone.</summary>
[CollectionDefinition(nameof(ProcessWideSettings), DisableParallelization = true)]
public sealed class ProcessWideSettings;
