using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Binding;

/// <summary>
/// A variable that cannot be declared (a misspelt kind, an unknown dimension) is reported where it is written, once:
/// the equations and stocks that use it are not blamed again with "unknown variable" (issue 20, follow-on errors).
/// </summary>
public class RootCauseOnlyTests
{
    private const string Dims = """[ { "name": "Age", "elements": ["young", "old"] } ]""";

    [Test]
    public void MisspeltKind_OnlyTheKindIsReported()
    {
        var errors = Errors(TestModels.Model("""
            { "name": "Rate", "kind": "auxilary", "equation": 0.1 },
            { "name": "Doubled", "kind": "auxiliary", "equation": "Rate * 2" }
            """));
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { DiagnosticCodes.SchemaViolation }), DiagnosticRenderer.ToText(errors));
        Assert.That(errors[0].Hint, Does.Contain("auxiliary"));
    }

    [Test]
    public void UnknownDimension_OnlyTheDimensionIsReported_NotTheStockNorItsUsers()
    {
        var errors = Errors(TestModels.Model("""
            { "name": "People", "kind": "stock", "dimensions": ["Age"], "initial": 10, "inflows": ["Arrivals"] },
            { "name": "Arrivals", "kind": "flow", "dimensions": ["Agee"], "equation": 1 },
            { "name": "Arrivals total", "kind": "auxiliary", "equation": "SUM(Arrivals[*])" }
            """, dimensions: Dims));
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { DiagnosticCodes.UnknownDimension }), DiagnosticRenderer.ToText(errors));
        Assert.That(errors[0].Message, Does.Contain("'Agee'"));
    }

    [Test]
    public void TrulyUnknownName_IsStillReported()
    {
        var errors = Errors(TestModels.Model("""
            { "name": "Rate", "kind": "auxilary", "equation": 0.1 },
            { "name": "Doubled", "kind": "auxiliary", "equation": "Rat * 2" }
            """));
        Assert.That(errors.Select(e => e.Code), Is.EquivalentTo(new[] { DiagnosticCodes.SchemaViolation, DiagnosticCodes.UnknownVariable }),
            DiagnosticRenderer.ToText(errors));
    }

    private static List<Diagnostic> Errors(string json) => TestModels.Diagnose(json).Where(d => d.IsError).ToList();
}
