using Simulation.Engine;
using Simulation.Engine.Binding;
using Simulation.Engine.Designs;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Binding;

/// <summary>
/// One resolver for names typed outside equations: --set, --vars, design table columns and experiments all find
/// <c>Name</c>, <c>Name[elem]</c>, <c>Name[*, elem]</c> and <c>Name[Subrange]</c> the same way.
/// </summary>
public class NameResolverTests
{
    private const string Model = """
        { "name": "m", "time": { "start": 0, "stop": 2, "dt": 1 },
          "dimensions": [ { "name": "Age", "elements": ["young", "middle", "old"] },
                          { "name": "Older", "elements": ["middle", "old"], "subrangeOf": "Age" },
                          { "name": "Q", "elements": ["q1", "q2"] } ],
          "variables": [
            { "name": "Admission Rate", "kind": "auxiliary", "dimensions": ["Age", "Q"], "equation": 0.1, "input": true },
            { "name": "Scale", "kind": "auxiliary", "equation": 2 },
            { "name": "Total", "kind": "auxiliary", "equation": "SUM(Admission Rate[*, *]) * Scale" } ] }
        """;

    private static (BoundModel Model, Engine.Checking.ModelAnalysis Analysis) Checked()
    {
        var diagnostics = new DiagnosticBag();
        var (model, analysis) = ModelPipeline.Check(TestModels.Read(Model, diagnostics)!, diagnostics);
        return (model, analysis ?? throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items)));
    }

    private static string[] Named(string text)
    {
        var (model, _) = Checked();
        var named = new NameResolver(model).Resolve(text);
        Assert.That(named.Problem, Is.EqualTo(NameProblem.None), named.Message);
        return named.Elements.Select(id => model.Elements[id].DisplayName).ToArray();
    }

    [TestCase("Admission Rate", new[] { "young,q1", "young,q2", "middle,q1", "middle,q2", "old,q1", "old,q2" })]
    [TestCase("admission_rate[Old, q2]", new[] { "old,q2" })]
    [TestCase("Admission Rate[*, q1]", new[] { "young,q1", "middle,q1", "old,q1" })]
    [TestCase("Admission Rate[Older, *]", new[] { "middle,q1", "middle,q2", "old,q1", "old,q2" })]
    [TestCase("scale", new[] { "" })]
    public void Resolve_NamesTheElements(string text, string[] subscripts)
    {
        var expected = subscripts.Select(s => s.Length == 0 ? "Scale" : $"Admission Rate[{s}]");
        Assert.That(Named(text), Is.EqualTo(expected));
    }

    [TestCase("Admision Rate", NameProblem.UnknownVariable, "the model has no variable 'Admision Rate'")]
    [TestCase("Admission Rate[old]", NameProblem.UnknownElement, "'Admission Rate[old]' names 1 element, but 'Admission Rate' has 2 dimensions (Age, Q)")]
    [TestCase("Admission Rate[oldd, q1]", NameProblem.UnknownElement, "'oldd' is not an element of Age (in 'Admission Rate[oldd, q1]')")]
    [TestCase("Scale[q1]", NameProblem.UnknownElement, "'Scale' is not arrayed, so it takes no subscript")]
    public void Resolve_Problems_SayWhat(string text, NameProblem problem, string message)
    {
        var named = new NameResolver(Checked().Model).Resolve(text);
        Assert.That((named.Problem, named.Message), Is.EqualTo((problem, message)));
    }

    [Test]
    public void SetAndDesignColumns_TakeSubscriptsAndSubranges()
    {
        var (model, analysis) = Checked();
        var input = InputNames.Resolve(model, analysis, "Admission Rate[Older, q2]");
        Assert.That(input.Problem, Is.EqualTo(InputProblem.None), input.Message);
        Assert.That(input.Elements.Select(id => model.Elements[id].DisplayName), Is.EqualTo(new[] { "Admission Rate[middle,q2]", "Admission Rate[old,q2]" }));
        Assert.That(InputNames.Resolve(model, analysis, "Admission Rate[old,q1]").Problem, Is.EqualTo(InputProblem.None), "the output name too");
        Assert.That(InputNames.Resolve(model, analysis, "Total").Problem, Is.EqualTo(InputProblem.None), "a constant");
    }

    [Test]
    public void Vars_SplitOutsideBrackets_AndSelectTheSameElements()
    {
        Assert.That(NameResolver.SplitList("Total, Admission Rate[old, *],Scale"), Is.EqualTo(new[] { "Total", "Admission Rate[old, *]", "Scale" }));
        var plan = TestModels.Compile(Model);
        var (columns, unknown) = Simulator.SelectOutputs(plan, NameResolver.SplitList("Total, Admission Rate[old, *]"));
        Assert.That(unknown, Is.Empty);
        Assert.That(columns!.Select(c => c.Name), Is.EqualTo(new[] { "Total", "Admission Rate[old,q1]", "Admission Rate[old,q2]" }));
    }
}
