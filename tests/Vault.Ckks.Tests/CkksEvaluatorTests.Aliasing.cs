using System.Numerics;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ckks.Tests;

public sealed partial class CkksEvaluatorTests
{
    /// <summary>Operation name, then which input the destination aliases: "a", "b" or "both" (a op a → a).</summary>
    public static TheoryData<string, string> AliasCases => new()
    {
        { "Add", "a" }, { "Add", "b" }, { "Add", "both" },
        { "Sub", "a" }, { "Sub", "b" }, { "Sub", "both" },
        { "Negate", "a" },
        { "AddPlain", "a" }, { "SubPlain", "a" }, { "MultiplyPlain", "a" },
        { "AddConstant", "a" }, { "MultiplyConstant", "a" }, { "MultiplyInteger", "a" },
        { "Multiply", "a" }, { "Multiply", "b" }, { "Multiply", "both" },
        { "Relinearize", "a" },
        { "MultiplyRelinearize", "a" }, { "MultiplyRelinearize", "b" }, { "MultiplyRelinearize", "both" },
        { "Rescale", "a" }, { "DropLevel", "a" },
        { "RotateDirect", "a" }, { "RotateComposed", "a" }, { "Conjugate", "a" }, { "SumSlots", "a" },
    };

    [Theory]
    [MemberData(nameof(AliasCases))]
    public void Operation_DestinationAliasesInput_SameResultAsFreshDestination(string operation, string alias)
    {
        var (x, y) = (RandomValues(100), RandomValues(101));
        var a = Encrypt(x);
        var b = Encrypt(y, 3);                                     // a lower level, to exercise level handling
        if (operation == "Relinearize") a = Evaluator.Multiply(a, Encrypt(y));
        var pt = EncodePlain(y, 4);

        var fresh = Evaluator.NewCiphertext(Parameters.MaxLevel, 1.0);
        Run(operation, a, alias == "both" ? a : b, pt, fresh);

        var aliasedA = Clone(a);
        var aliasedB = Clone(b);
        Ciphertext first = aliasedA, second = aliasedB, destination;
        switch (alias)
        {
            case "a": destination = aliasedA; break;
            case "b": destination = aliasedB; break;
            default: second = aliasedA; destination = aliasedA; break;
        }
        Run(operation, first, second, pt, destination);

        AssertSameCiphertext(fresh, destination, $"{operation} into {alias}");
        if (alias == "a") AssertSameCiphertext(b, aliasedB, $"{operation}: untouched input b");
        if (alias == "b") AssertSameCiphertext(a, aliasedA, $"{operation}: untouched input a");
    }

    private void Run(string operation, Ciphertext a, Ciphertext b, Plaintext pt, Ciphertext destination)
    {
        var evaluator = Evaluator;
        switch (operation)
        {
            case "Add": evaluator.Add(a, b, destination); break;
            case "Sub": evaluator.Sub(a, b, destination); break;
            case "Negate": evaluator.Negate(a, destination); break;
            case "AddPlain": evaluator.AddPlain(a, pt, destination); break;
            case "SubPlain": evaluator.SubPlain(a, pt, destination); break;
            case "MultiplyPlain": evaluator.MultiplyPlain(a, pt, destination); break;
            case "AddConstant": evaluator.AddConstant(a, 0.375, destination); break;
            case "MultiplyConstant": evaluator.MultiplyConstant(a, -1.25, destination); break;
            case "MultiplyInteger": evaluator.MultiplyInteger(a, 7, destination); break;
            case "Multiply": evaluator.Multiply(a, b, destination); break;
            case "Relinearize": evaluator.Relinearize(a, destination); break;
            case "MultiplyRelinearize": evaluator.MultiplyRelinearize(a, b, destination); break;
            case "Rescale": evaluator.Rescale(a, destination); break;
            case "DropLevel": evaluator.DropLevel(a, 1, destination); break;
            case "RotateDirect": evaluator.Rotate(a, 3, destination); break;
            case "RotateComposed": evaluator.Rotate(a, 13, destination); break;
            case "Conjugate": evaluator.Conjugate(a, destination); break;
            case "SumSlots": evaluator.SumSlots(a, 8, destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    [Fact]
    public void Aliasing_InPlaceChain_DecryptsCorrectly()
    {
        // A realistic in-place pipeline: ((x·y relinearized, rescaled) rotated by 3, conjugated) + its own negation.
        var (x, y) = (RandomValues(102), RandomValues(103));
        var ct = Encrypt(x);
        var other = Encrypt(y);
        Evaluator.MultiplyRelinearize(ct, other, ct);
        Evaluator.Rescale(ct, ct);
        Evaluator.Rotate(ct, 3, ct);
        Evaluator.Conjugate(ct, ct);
        var expected = SlotReference.Map(SlotReference.Rotate(SlotReference.Zip(x, y, (p, q) => p * q), 3), Complex.Conjugate);
        AssertPrecision(expected, ct, ProductBits, "in-place chain");
    }
}

public sealed partial class CkksEvaluatorTests
{
    public static TheoryData<string> DestinationLevelCases =>
        [.. AliasCases.Select(row => (string)row[0]).Distinct(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(DestinationLevelCases))]
    public void Operation_ReusedDestinationAtLevelZero_SameResultAsTopLevelDestination(string operation)
    {
        // Ciphertext storage is sized for the top level, so a scratch ciphertext last used at level 0 must be reusable
        // for a result at any level, exactly like a fresh one.
        // Regression: AddOrSub once wrote destination[i] before setting destination.Level, so a destination holding
        // fewer limbs than the result level made RnsBasis.Check throw ("poly has 1 limbs, basis needs 5").
        var (x, y) = (RandomValues(104), RandomValues(105));
        var a = Encrypt(x);
        var b = Encrypt(y, 3);
        if (operation == "Relinearize") a = Evaluator.Multiply(a, Encrypt(y));
        var pt = EncodePlain(y, 4);
        var top = Evaluator.NewCiphertext(Parameters.MaxLevel, 1.0);
        Run(operation, a, b, pt, top);

        var reused = Evaluator.NewCiphertext(0, 1.0);
        Run(operation, a, b, pt, reused);

        AssertSameCiphertext(top, reused, $"{operation} into a level-0 destination");
    }
}
