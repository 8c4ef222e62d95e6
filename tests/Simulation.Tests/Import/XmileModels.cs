using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import;
using Simulation.Engine.Model;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Import;

/// <summary>Builds small XMILE files inline for import tests, and reads or runs them.</summary>
public static class XmileModels
{
    public const string DefaultSpecs = "<sim_specs><start>0</start><stop>4</stop><dt>1</dt></sim_specs>";

    /// <summary>An XMILE file with one root model holding <paramref name="variables"/>, and anything else at file level (macros, models, dimensions).</summary>
    public static string File(string variables, string specs = DefaultSpecs, string fileLevel = "") =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
            <header><name>test</name></header>
            {specs}
            {fileLevel}
            <model>
                <variables>
                    {variables}
                </variables>
            </model>
        </xmile>
        """;

    public static ModelDocument? Read(string xml, DiagnosticBag diagnostics, string path = "test.xmile") =>
        XmileReader.Read(new SourceFile(path, xml), diagnostics);

    /// <summary>Every diagnostic of importing, binding and checking the file.</summary>
    public static IReadOnlyList<Diagnostic> Diagnose(string xml)
    {
        var diagnostics = new DiagnosticBag();
        var document = Read(xml, diagnostics);
        if (document is not null) ModelPipeline.Check(document, diagnostics);
        return diagnostics.Items;
    }

    public static ModelDocument Document(string xml)
    {
        var diagnostics = new DiagnosticBag();
        var document = Read(xml, diagnostics);
        if (document is null || diagnostics.HasErrors) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        return document;
    }

    public static SimulationResult Run(string xml)
    {
        var diagnostics = new DiagnosticBag();
        var plan = ModelPipeline.Compile(Document(xml), diagnostics);
        if (plan is null || diagnostics.HasErrors) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        return Simulator.Run(plan);
    }

    public static IReadOnlyList<Diagnostic> Errors(string xml) => Diagnose(xml).Where(d => d.IsError).ToList();
}
