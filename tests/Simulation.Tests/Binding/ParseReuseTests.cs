using Simulation.Engine;
using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Binding;

/// <summary>
/// A scenario's model is bound with the equations its base model already parsed (Binder.Bind's "parsed"): the same
/// bound model as one parsed anew, the parses taken rather than made again, and a text that did not parse still reported.
/// </summary>
public class ParseReuseTests
{
    [TestCase("illness-to-prevention.json")]
    [TestCase("hospital-to-community.json")]
    public void BoundWithEarlierParses_IsTheModelBoundAnew(string model)
    {
        var document = ModelPipeline.Read(TestModels.PathOf("models", model), new DiagnosticBag())!;
        var first = Binder.Bind(document, new DiagnosticBag());
        var anew = Binder.Bind(document, new DiagnosticBag());
        var reused = Binder.Bind(document, new DiagnosticBag(), first.ParsedEquations);

        Assert.That(reused.Elements.Select(e => e.DisplayName), Is.EqualTo(anew.Elements.Select(e => e.DisplayName)));
        // The same bound model compiles to the same code, instruction by instruction.
        EvaluationPlan Compile(BoundModel bound) => PlanCompiler.Compile(bound, Checker.Check(bound, new DiagnosticBag())!);
        var (expected, actual) = (Compile(anew), Compile(reused));
        Assert.That(actual.Setup, Is.EqualTo(expected.Setup));
        Assert.That(actual.Initial, Is.EqualTo(expected.Initial));
        Assert.That(actual.Rates, Is.EqualTo(expected.Rates));
        Assert.That(actual.ArgumentPool, Is.EqualTo(expected.ArgumentPool));
        Assert.That(actual.Rates.Length, Is.GreaterThan(100));
        Assert.That(reused.ParsedEquations.Count, Is.EqualTo(first.ParsedEquations.Count).And.GreaterThan(100));
        Assert.That(reused.ParsedEquations.All(p => ReferenceEquals(p.Value, first.ParsedEquations[p.Key])), Is.True, "each parse is taken, not made again");
        Assert.That(anew.ParsedEquations.Any(p => p.Value is not null && ReferenceEquals(p.Value, first.ParsedEquations[p.Key])), Is.False);
    }

    [Test]
    public void TextThatDidNotParse_IsReportedAgain()
    {
        string json = TestModels.Model("""{ "name": "x", "kind": "auxiliary", "equation": "1 +* 2" }, { "name": "y", "kind": "auxiliary", "equation": "x + 1" }""");
        var document = TestModels.Read(json, new DiagnosticBag())!;
        var first = new DiagnosticBag();
        var earlier = Binder.Bind(document, first);
        var again = new DiagnosticBag();
        Binder.Bind(document, again, earlier.ParsedEquations);
        Assert.That(first.HasErrors, Is.True);
        Assert.That(again.Items.Select(d => (d.Code, d.Message)), Is.EqualTo(first.Items.Select(d => (d.Code, d.Message))));
    }
}
