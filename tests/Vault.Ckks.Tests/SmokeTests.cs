using System.Numerics;
using Vault.Testing;

namespace Vault.Ckks.Tests;

public class SmokeTests
{
    [Fact]
    public void EndToEnd_Basic()
    {
        using var ctx = new CkksTestContext(CkksParameterPresets.InsecureTestOnlyLogN10);
        var rng = TestSeed.Random(1);
        var x = ctx.RandomComplex(rng); var y = ctx.RandomComplex(rng);
        var pt = new Vault.Rlwe.Plaintext(ctx.Parameters.Rlwe, ctx.Parameters.MaxLevel, ctx.Parameters.DefaultScale);
        ctx.Encoder.Encode(x, pt.Level, pt.Scale, pt);
        var back = new Complex[ctx.Parameters.Slots];
        ctx.Encoder.Decode(pt, back);
        Precision.AssertBits(x, back, 30, "encode/decode");
        var cx = ctx.Encrypt(x); var cy = ctx.Encrypt(y);
        Precision.AssertBits(x, ctx.Decrypt(cx), 25, "enc/dec");
        var prod = ctx.Evaluator.MultiplyRelinearize(cx, cy);
        ctx.Evaluator.Rescale(prod, prod);
        var expected = x.Zip(y, (a, b) => a * b).ToArray();
        Precision.AssertBits(expected, ctx.Decrypt(prod), 20, "mul");
        var rot = ctx.Evaluator.Rotate(cx, 3);
        var expRot = Enumerable.Range(0, x.Length).Select(i => x[(i + 3) % x.Length]).ToArray();
        Precision.AssertBits(expRot, ctx.Decrypt(rot), 20, "rot");
        var conj = ctx.Evaluator.NewCiphertext(cx.Level, cx.Scale);
        ctx.Evaluator.Conjugate(cx, conj);
        Precision.AssertBits(x.Select(Complex.Conjugate).ToArray(), ctx.Decrypt(conj), 20, "conj");
    }
}
