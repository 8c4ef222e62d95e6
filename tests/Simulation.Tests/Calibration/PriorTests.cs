using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Tests.Calibration;

/// <summary>Prior densities: exact kinds against MathNet, and kinds read off the quantile function against their closed forms.</summary>
public class PriorTests
{
    private static Prior Make(DistributionKind kind, params (string Name, double Value)[] parameters)
    {
        var d = new DistributionDefinition { Kind = kind, Parameters = parameters.ToImmutableDictionary(p => p.Name, p => (p.Value, (SourceLocation?)null)) };
        var diagnostics = new DiagnosticBag();
        var checkedDistribution = DistributionFactory.Create(d, "x", new DistributionFactory.ModelDefaults((0, 10), 4), diagnostics);
        Assert.That(checkedDistribution, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        return Prior.From(d, checkedDistribution!);
    }

    [Test]
    public void LogDensity_Pert_ReadOffTheQuantileFunctionMatchesItsBetaDensity()
    {
        // PERT(min 0, mode 3, max 10, shape 4) is Beta(1 + 4 · 0.3, 1 + 4 · 0.7) scaled onto [0, 10]
        var prior = Make(DistributionKind.Pert, ("min", 0), ("mode", 3), ("max", 10));
        foreach (double x in new[] { 0.5, 2, 3, 5.5, 9 })
            Assert.That(prior.LogDensity(x), Is.EqualTo(Beta.PDFLn(2.2, 3.8, x / 10) - Math.Log(10)).Within(1e-6), $"x = {x}");
        Assert.That(prior.LogDensity(11), Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void LogDensity_SplitTriangular_TakesTheModelsValueAsMedian()
    {
        // no median given: the model's value 4 is the median; half the mass on [0, 4] in a triangle peaking at 4, so f(4) = 2 · 0.5 / 4 from the left
        var prior = Make(DistributionKind.SplitTriangular);
        Assert.That(Math.Exp(prior.LogDensity(2)), Is.EqualTo(0.5 * 2 / 4 * (2.0 / 4)).Within(1e-6));
        Assert.That(Math.Exp(prior.LogDensity(7)), Is.EqualTo(0.5 * 2 / 6 * (3.0 / 6)).Within(1e-6));
    }

    [Test]
    public void LogDensity_LogNormalByMedian_IsExact()
    {
        var prior = Make(DistributionKind.LogNormal, ("median", 2), ("sigma", 0.5));
        Assert.That(prior.LogDensity(3), Is.EqualTo(LogNormal.PDFLn(Math.Log(2), 0.5, 3)).Within(1e-12));
    }
}
