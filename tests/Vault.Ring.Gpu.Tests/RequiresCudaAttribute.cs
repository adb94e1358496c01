using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vault.Ring.Gpu.Tests;

/// <summary>Marks a test class whose tests need a CUDA device: <see cref="BackendFactAttribute"/> and
/// <see cref="BackendTheoryAttribute"/> tests in it are reported as skipped ("no CUDA device") when there is none.
/// <c>make test-gpu</c> treats a skip as a failure, so it never passes vacuously.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresCudaAttribute : Attribute
{
    /// <summary>The skip reason when no CUDA device exists.</summary>
    public const string NoCudaDevice = "no CUDA device";

    internal static bool ShouldSkip(ITestMethod testMethod) =>
        testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresCudaAttribute)).Any() && !GpuAccelerator.IsCudaAvailable;
}

/// <summary>A fact of the shared backend suite (skipped in a <see cref="RequiresCudaAttribute"/> class without CUDA).</summary>
[XunitTestCaseDiscoverer("Vault.Ring.Gpu.Tests.BackendFactDiscoverer", "Vault.Ring.Gpu.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendFactAttribute : FactAttribute;

/// <summary>A theory of the shared backend suite (skipped in a <see cref="RequiresCudaAttribute"/> class without CUDA).</summary>
[XunitTestCaseDiscoverer("Vault.Ring.Gpu.Tests.BackendTheoryDiscoverer", "Vault.Ring.Gpu.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendTheoryAttribute : TheoryAttribute;

/// <summary>Discovers <see cref="BackendFactAttribute"/> tests.</summary>
public sealed class BackendFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        RequiresCudaAttribute.ShouldSkip(testMethod)
            ? [new NoCudaTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

/// <summary>Discovers <see cref="BackendTheoryAttribute"/> tests.</summary>
public sealed class BackendTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        RequiresCudaAttribute.ShouldSkip(testMethod)
            ? [new NoCudaTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

/// <summary>A test case reported as skipped because no CUDA device exists.</summary>
public sealed class NoCudaTestCase : XunitTestCase
{
    /// <summary>For the deserializer only.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes", error: true)]
    public NoCudaTestCase()
    {
    }

    /// <summary>Creates the skipped case for <paramref name="testMethod"/>.</summary>
    public NoCudaTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <inheritdoc/>
    protected override string GetSkipReason(IAttributeInfo factAttribute) => RequiresCudaAttribute.NoCudaDevice;
}
