using Simulation.Engine;
using Simulation.Engine.Binding;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;

namespace Simulation.Tests;

/// <summary>Helpers for tests that build models from inline JSON and stop after a given stage.</summary>
public static class TestModels
{
    /// <summary>The repository root (where Simulation.sln is), found from the test's working folder.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulation.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root");
    }

    public static ModelDocument? Read(string json, DiagnosticBag diagnostics, string path = "test.json") =>
        ModelJsonReader.Read(new SourceFile(path, json), diagnostics);

    /// <summary>All diagnostics of reading, binding and checking a model given as JSON text.</summary>
    public static IReadOnlyList<Diagnostic> Diagnose(string json)
    {
        var diagnostics = new DiagnosticBag();
        var document = Read(json, diagnostics);
        if (document is not null) ModelPipeline.Check(document, diagnostics);
        return diagnostics.Items;
    }

    public static EvaluationPlan Compile(string json, IReadOnlyList<int>? parameters = null)
    {
        var diagnostics = new DiagnosticBag();
        var document = Read(json, diagnostics) ?? throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        var plan = ModelPipeline.Compile(document, diagnostics, parameters);
        if (plan is null || diagnostics.HasErrors) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        return plan;
    }

    public static SimulationResult Run(string json) => Simulator.Run(Compile(json));

    /// <summary>A model with the given time settings and variables (a JSON array body).</summary>
    public static string Model(string variables, string time = "\"start\": 0, \"stop\": 10, \"dt\": 1", string dimensions = "[]") =>
        $$"""{ "name": "test", "time": { {{time}} }, "dimensions": {{dimensions}}, "variables": [ {{variables}} ] }""";

    public static BoundModel Bind(string json)
    {
        var diagnostics = new DiagnosticBag();
        var document = Read(json, diagnostics)!;
        return Binder.Bind(document, diagnostics);
    }
}
