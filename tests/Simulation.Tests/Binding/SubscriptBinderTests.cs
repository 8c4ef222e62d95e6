using static Simulation.Tests.TestModels;

namespace Simulation.Tests.Binding;

public class SubscriptBinderTests
{
    private const string Cities = "[ { \"name\": \"City\", \"elements\": [\"New York\", \"65+\"] } ]";

    [TestCase("Pop[\\\"New York\\\"]", 1.0)]
    [TestCase("Pop[New York]", 1.0)]
    [TestCase("Pop[new_york]", 1.0)]
    [TestCase("Pop[\\\"65+\\\"]", 2.0)]
    [TestCase("Pop[65+]", 2.0)]
    public void Bind_ElementWrittenQuotedOrPlain_SameElement(string reference, double expected)
    {
        var result = Run(Model($"{{ \"name\": \"Pop\", \"kind\": \"auxiliary\", \"dimensions\": [\"City\"], \"equation\": \"City\" }}, " +
                               $"{{ \"name\": \"x\", \"kind\": \"auxiliary\", \"equation\": \"{reference}\" }}", dimensions: Cities));
        Assert.That(result.Series("x")[0], Is.EqualTo(expected));
    }
}
