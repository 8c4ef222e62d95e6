using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// What never changes in each variant's runs of a shared plan (VariantInvariance), which respecialises only the
/// equations a variant can change, against the plain definition: every equation specialised for every variant.
/// </summary>
public class VariantInvarianceTests
{
    [TestCase("illness-to-prevention.json", "\"samples\": 200")]
    [TestCase("hospital-to-community.json", "\"samples\": 100")]
    [TestCase("hospital-beds.json", "\"samples\": 100")]
    public void SharedPlan_Invariance_IsEveryEquationSpecialisedForEveryVariant(string name, string samples)
    {
        var experiment = SharedPlanTests.Bundled(name, samples, "\"samples\": 2");
        var shared = experiment.Scenarios.Where(s => s.Variant is not null).ToList();
        Assert.That(shared, Has.Count.GreaterThan(1));
        var plan = shared[0].Plan;
        var model = plan.Model;
        var analysis = Checker.Check(model, new DiagnosticBag())!;
        var equations = model.Elements.Select(e => e.Equation is null ? null : ConstantFolder.Fold(e.Equation, model)).ToArray();
        var parameters = plan.Parameters.ToHashSet();
        var variants = new PlanVariants(plan.Parameters[shared[0].Variant!.Value.Parameter], [.. shared.Select(s => s.Variant!.Value.Value)]);

        var invariance = new VariantInvariance(model, analysis.RatesOrder, parameters, equations, variants);

        int differing = 0;
        for (int k = 0; k < variants.Values.Length; k++)
        {
            BoundExpr Specialize(BoundExpr e) => ConstantFolder.Specialize(e, model, id => id == variants.Element ? variants.Values[k] : null);
            var expected = new bool[model.Elements.Length];
            foreach (int id in analysis.RatesOrder)
                expected[id] = parameters.Contains(id) || equations[id] is { } eq && TimeInvariance.IsInvariant(Specialize(eq), expected);
            foreach (int id in analysis.RatesOrder)
            {
                Assert.That(invariance.IsInvariant(new BRef(id))[k], Is.EqualTo(expected[id]), $"{model.Elements[id].DisplayName}, variant {k}");
                if (equations[id] is { } eq)
                    Assert.That(invariance.IsInvariant(eq)[k], Is.EqualTo(TimeInvariance.IsInvariant(Specialize(eq), expected)), $"{model.Elements[id].DisplayName}'s equation, variant {k}");
            }
            differing += analysis.RatesOrder.Count(id => expected[id] != invariance.IsInvariant(new BRef(id))[0]);
        }
        Assert.That(differing, Is.GreaterThan(0), "some element is constant in one variant and not in another: the test can fail");
    }
}
