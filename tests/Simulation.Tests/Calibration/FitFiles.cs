using System.Globalization;
using Simulation.Engine.Calibration.Problem;
using Simulation.Engine.Calibration.Search;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Tests.Calibration;

/// <summary>A <see cref="ModelFolder"/> for calibration tests: write data and a fit file next to the model, compile, and stop after any stage.</summary>
public sealed class FitFiles(string model = FitFiles.Model) : ModelFolder("sim-fit-", model)
{
    /// <summary>
    /// A level that falls linearly and one that decays: Linear(t) = Start - Slope t and Decay(t) = Start (1 - Rate dt)^(t / dt)
    /// under Euler, exactly; an arrayed input with per-element ranges; a flow to total up.
    /// </summary>
    public const string Model = """
        { "name": "levels", "time": { "start": 0, "stop": 20, "dt": 0.25, "units": "days" },
          "dimensions": [ { "name": "Age", "elements": ["young", "old"] }, { "name": "Older", "subrangeOf": "Age", "elements": ["old"] } ],
          "variables": [
            { "name": "Linear", "kind": "stock", "initial": "Start", "outflows": ["Fall"] },
            { "name": "Fall", "kind": "flow", "equation": "Slope" },
            { "name": "Decay", "kind": "stock", "initial": "Start", "outflows": ["Loss"] },
            { "name": "Loss", "kind": "flow", "equation": "Decay * Rate" },
            { "name": "Start", "kind": "auxiliary", "equation": 100, "input": true, "range": [50, 150] },
            { "name": "Slope", "kind": "auxiliary", "equation": 2, "input": true, "range": [0, 5] },
            { "name": "Rate", "kind": "auxiliary", "equation": 0.1, "input": true, "range": [0.01, 0.5] },
            { "name": "Weight", "kind": "auxiliary", "dimensions": ["Age"], "elements": { "young": 1, "old": 2 }, "input": true,
              "range": [[0.5, 1], [1.5, 3]] },
            { "name": "Weighted", "kind": "auxiliary", "dimensions": ["Age"], "equation": "Weight[Age] * Decay" },
            { "name": "Fixed", "kind": "auxiliary", "equation": "Start * 2" }
          ] }
        """;

    /// <summary>A fit of model.json to data.csv with the given JSON members after model and data.</summary>
    public static string Fit(string members) => $$"""{ "model": "model.json", "data": "data.csv", {{members}} }""";

    /// <summary>A data file: a time column "t" and the given columns, one row per time.</summary>
    public static string Data(IReadOnlyList<double> times, params (string Name, IReadOnlyList<double> Values)[] columns)
    {
        var lines = new List<string> { string.Join(",", new[] { "t" }.Concat(columns.Select(c => c.Name))) };
        for (int r = 0; r < times.Count; r++)
            lines.Add(string.Join(",", new[] { times[r] }.Concat(columns.Select(c => c.Values[r]))
                .Select(x => double.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture))));
        return string.Join("\n", lines) + "\n";
    }

    public (CalibrationProblem? Problem, IReadOnlyList<Diagnostic> Diagnostics) Compile(string fitJson, string? dataCsv = null)
    {
        if (dataCsv is not null) Write("data.csv", dataCsv);
        string path = Write("fit.json", fitJson);
        var diagnostics = new DiagnosticBag();
        var problem = FitCompiler.CompileFile(path, diagnostics);
        return (problem, diagnostics.Items);
    }

    public CalibrationProblem CompileOk(string fitJson, string? dataCsv = null)
    {
        var (problem, diagnostics) = Compile(fitJson, dataCsv);
        if (problem is null || diagnostics.Any(d => d.IsError)) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics));
        return problem;
    }

    public static CandidateEvaluator Evaluator(CalibrationProblem problem, int threads = 2, int lanes = 16) =>
        new(problem, new BatchOptions { Threads = threads, LanesPerBatch = lanes });
}
