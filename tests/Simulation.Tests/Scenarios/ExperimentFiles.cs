using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Tests.Scenarios;

/// <summary>A <see cref="ModelFolder"/> for experiment tests: write an experiment next to the model, compile it, and stop after any stage.</summary>
public sealed class ExperimentFiles(string model = ExperimentFiles.Model) : ModelFolder("sim-exp-", model)
{
    /// <summary>A draining stock (exact solution 100 e^{-0.1 t} in continuous time), an arrayed input, a graphical input, and a constant.</summary>
    public const string Model = """
        { "name": "drain", "time": { "start": 0, "stop": 10, "dt": 0.5, "units": "years" },
          "dimensions": [ { "name": "Age", "elements": ["young", "old"] }, { "name": "Older", "subrangeOf": "Age", "elements": ["old"] } ],
          "variables": [
            { "name": "Stock", "kind": "stock", "initial": 100, "outflows": ["Out"] },
            { "name": "Out", "kind": "flow", "equation": "Stock * Rate * SUM(Weight[*])" },
            { "name": "Rate", "kind": "auxiliary", "equation": 0.1, "input": true, "range": [0.05, 0.2] },
            { "name": "Weight", "kind": "auxiliary", "dimensions": ["Age"], "equation": 0.5, "input": true },
            { "name": "Cost", "kind": "auxiliary", "equation": "Out * 10" },
            { "name": "Effect", "kind": "graphical", "graph": { "x": [0, 1], "y": [1, 2] }, "input": true },
            { "name": "Effect Used", "kind": "auxiliary", "equation": "Effect(Rate)" },
            { "name": "Fixed", "kind": "auxiliary", "equation": 3 }
          ] }
        """;

    /// <summary>An experiment on model.json with the given JSON members after name and model.</summary>
    public static string Experiment(string members) => $$"""{ "name": "test", "model": "model.json"{{(members.Length > 0 ? ", " : "")}}{{members}} }""";

    public (CompiledExperiment? Experiment, IReadOnlyList<Diagnostic> Diagnostics) Compile(string experimentJson, string name = "experiment.json")
    {
        string path = Write(name, experimentJson);
        var diagnostics = new DiagnosticBag();
        var compiled = ExperimentCompiler.CompileFile(path, diagnostics);
        return (compiled, diagnostics.Items);
    }

    public CompiledExperiment CompileOk(string experimentJson)
    {
        var (compiled, diagnostics) = Compile(experimentJson);
        if (compiled is null) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics));
        return compiled;
    }
}
