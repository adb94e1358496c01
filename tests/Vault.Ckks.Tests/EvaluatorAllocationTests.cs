using System.Numerics;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks.Tests;

/// <summary>The evaluator's ring operations allocate nothing per call once warm, single-threaded and multi-threaded
/// (measured on the calling thread; <c>vault bench ckks</c> reports the process-wide count of the all-core run, which
/// includes the pool's threads). N = 2^13 with SEAL's 2^13 chain, so the limb-parallel paths are taken.</summary>
[Collection(nameof(ProcessWideSettings))]
public class EvaluatorAllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Operations_AfterWarmUp_AllocateNothing(int threads)
    {
        var spec = new CkksParameterSpec { LogN = 13, LogQ = [43, 43, 44, 44], LogP = [44], LogDefaultScale = 40, Security = SecurityLevel.InsecureTestOnly };
        var parameters = CkksParameters.CreateInsecure(spec);
        var rlwe = parameters.Rlwe;
        int logN = parameters.LogN, level = parameters.MaxLevel;
        using var prng = new Prng(new byte[Prng.SeedLength]);
        using var generator = new KeyGenerator(rlwe, prng);
        using var secretKey = generator.GenerateSecretKey();
        var publicKey = generator.GeneratePublicKey(secretKey);
        ulong step1 = GaloisElements.ForRotation(logN, 1), step2 = GaloisElements.ForRotation(logN, 2);
        var galois = generator.GenerateGaloisKeys(secretKey, [step1, step2, GaloisElements.ForConjugation(logN)]);
        var evaluator = new CkksEvaluator(parameters, generator.GenerateRelinearizationKey(secretKey), galois);
        var encoder = new CkksEncoder(parameters);
        using var encryptor = new Encryptor(rlwe, publicKey, prng);
        var values = new Complex[parameters.Slots];
        for (int i = 0; i < values.Length; i++) values[i] = new Complex(i % 7 / 7.0, 0);
        var plain = new Plaintext(rlwe, level, parameters.DefaultScale);
        encoder.Encode(values, level, parameters.DefaultScale, plain);
        var a = encryptor.Encrypt(plain);
        var b = encryptor.Encrypt(plain);
        var product = evaluator.Multiply(a, b);
        var relinearized = evaluator.MultiplyRelinearize(a, b);
        var destination = evaluator.NewCiphertext(level, 1);
        var hoisted = new[] { evaluator.NewCiphertext(level, 1), evaluator.NewCiphertext(level, 1) };

        var operations = new (string Name, Action Call)[]
        {
            ("add", () => evaluator.Add(a, b, destination)),
            ("multiply-plain", () => evaluator.MultiplyPlain(a, plain, destination)),
            ("multiply", () => evaluator.Multiply(a, b, destination)),
            ("relinearize", () => evaluator.Relinearize(product, destination)),
            ("multiply-relinearize", () => evaluator.MultiplyRelinearize(a, b, destination)),
            ("rescale", () => evaluator.Rescale(relinearized, destination)),
            ("rotate", () => evaluator.Rotate(a, 1, destination)),
            ("conjugate", () => evaluator.Conjugate(a, destination)),
            ("rotate-hoisted", () => evaluator.RotateHoisted(a, [1, 2], hoisted)),
        };
        int saved = RingParallelism.ThreadCount;
        RingParallelism.ThreadCount = threads;
        try
        {
            foreach (var (name, call) in operations)
            {
                for (int i = 0; i < 3; i++) call();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 5; i++) call();
                Assert.True(GC.GetAllocatedBytesForCurrentThread() == before, $"{name} allocated {GC.GetAllocatedBytesForCurrentThread() - before} B in 5 calls ({threads} threads)");
            }
        }
        finally
        {
            RingParallelism.ThreadCount = saved;
        }
    }
}
