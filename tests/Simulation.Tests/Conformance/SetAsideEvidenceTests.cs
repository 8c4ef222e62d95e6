using Simulation.Engine;
using Simulation.Engine.Conformance;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Conformance;

/// <summary>
/// Evidence for set-aside cases whose XMILE file is damaged: repaired in the one place the
/// set-aside entry names (the .mdl's values in place of each '???'; a missing end tag), the file
/// reproduces the canonical output, so that damage is the only thing between it and the result.
/// </summary>
public class SetAsideEvidenceTests
{
    [TestCase("subscript_1d_arrays/test_subscript_1d_arrays", new[] { "0.01, 0.02, 0.03" })]
    [TestCase("subscript_constant_call/test_subscript_constant_call", new[] { "5,5,5" })]
    [TestCase("subscript_multiples/test_multiple_subscripts", new[] { "0.01, 0.02, 0.03", "1,2,3,4" })]
    [TestCase("subscript_updimensioning/test_subscript_updimensioning", new[] { "1, 2, 3" })]
    [TestCase("subscripted_flows/test_subscripted_flows", new[] { "0.02,0.04,0.06", "0.01, 0.02, 0.03" })]
    public void PlaceholderCase_WithTheMdlValuesWrittenIn_ReproducesTheCanonicalOutput(string name, string[] values)
    {
        string folder = TestModels.PathOf("tests", "conformance", "sdxorg", "tests", Path.GetDirectoryName(name)!);
        string xml = File.ReadAllText(Path.Combine(folder, Path.GetFileName(name) + ".xmile"));
        var pieces = xml.Split("<eqn> ??? </eqn>");
        Assert.That(pieces, Has.Length.EqualTo(values.Length + 1), "one value list per placeholder");
        string repaired = pieces[0] + string.Concat(values.Select((v, i) => $"<eqn>{v}</eqn>{pieces[i + 1]}"));
        AssertReproducesCanonicalOutput(name, repaired, folder);
    }

    /// <summary>The two non_negative_flows files, with the one missing end tag added, reproduce the canonical output.</summary>
    [TestCase("test_non_negative_flows")]
    [TestCase("test_non_negative_flows_behavior")]
    public void MalformedCase_WithTheMissingEndTagAdded_ReproducesTheCanonicalOutput(string file)
    {
        string folder = TestModels.PathOf("tests", "conformance", "sdxorg", "tests", "non_negative_flows");
        string xml = File.ReadAllText(Path.Combine(folder, file + ".xmile"));
        const string Unclosed = "<non_negative>FALSE  </non_negative>";
        Assert.That(xml.Split(Unclosed), Has.Length.EqualTo(2));
        AssertReproducesCanonicalOutput(file, xml.Replace(Unclosed, Unclosed + "</flow>"), folder);
    }

    private static void AssertReproducesCanonicalOutput(string name, string repaired, string folder)
    {
        var diagnostics = new DiagnosticBag();
        var document = XmileReader.Read(new SourceFile(name, repaired), diagnostics);
        var plan = document is null ? null : ModelPipeline.Compile(document, diagnostics);
        Assert.That(plan, Is.Not.Null, DiagnosticRenderer.ToText(diagnostics.Items));
        var expected = CanonicalOutput.ReadFile(ConformanceCase.OutputNames.Select(o => Path.Combine(folder, o)).First(File.Exists));
        var comparison = ResultComparison.Compare(Simulator.Run(plan!), expected);
        Assert.That(comparison.FirstMismatch, Is.Null);
        Assert.That(comparison.ValuesCompared, Is.GreaterThan(0));
    }
}
