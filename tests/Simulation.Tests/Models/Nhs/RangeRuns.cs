using Simulation.Engine;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// A model run over its whole horizon at its defaults and with each input, one at a time, at the low and at the
/// high end of the range the model declares for it (every element of an arrayed input at its own end), on the
/// vector engine's batch runner. Each run keeps only the final values of the probes the caller adds.
/// </summary>
internal sealed class RangeRuns
{
    private readonly Dictionary<string, Dictionary<string, double>> _finals = new();

    private RangeRuns(IReadOnlyList<RangeCase> cases) => Cases = cases;

    public IReadOnlyList<RangeCase> Cases { get; }

    /// <summary>The final value of a probe in a case's run.</summary>
    public double Final(RangeCase c, string probe) => _finals[c.Name][probe];

    public static RangeRuns Run(ModelDocument model, IReadOnlyList<VariableDefinition> probes)
    {
        var document = model.With(probes);
        var diagnostics = new DiagnosticBag();
        var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
        if (analysis is null) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));

        var inputs = bound.Variables.Where(v => v.Definition?.Input?.RangeOf(0) is not null).ToList();
        var parameters = inputs.SelectMany(v => v.Elements).ToList();
        var plan = PlanCompiler.Compile(bound, analysis, parameters);

        var cases = new List<RangeCase> { new("baseline", null, null) };
        foreach (var input in inputs)
        {
            var info = input.Definition!.Input!;
            var ranges = Enumerable.Range(0, input.Elements.Count).Select(i => info.RangeOf(i)!.Value).ToList();
            if (ranges.All(r => r.Low == r.High)) continue;
            cases.Add(new($"{input.Name} low", input.Name, ranges.Select(r => r.Low).ToArray()));
            cases.Add(new($"{input.Name} high", input.Name, ranges.Select(r => r.High).ToArray()));
        }

        var values = new double[cases.Count * parameters.Count];
        for (int c = 0; c < cases.Count; c++)
        {
            var row = values.AsSpan(c * parameters.Count, parameters.Count);
            plan.ParameterDefaults.AsSpan().CopyTo(row);
            if (cases[c].Input is not { } name) continue;
            var elements = bound.FindVariable(name)!.Elements;
            for (int i = 0; i < elements.Count; i++) row[parameters.IndexOf(elements[i])] = cases[c].Values![i];
        }

        var (outputs, unknown) = Simulator.SelectOutputs(plan, probes.Select(p => p.Name));
        if (outputs is null) throw new AssertionException("unknown probes: " + string.Join(", ", unknown));
        var runner = new BatchRunner(plan, RecordRequest.FinalValues(plan, outputs));
        var results = BatchResults.Collect(runner, new ParameterTable(cases.Count, parameters.Count, values));

        var runs = new RangeRuns(cases);
        for (int c = 0; c < cases.Count; c++)
        {
            Assert.That(results.Problems[c], Is.Null, $"{cases[c].Name}: a value became NaN or infinite");
            runs._finals[cases[c].Name] = outputs.Select((o, j) => (o.Name, Value: results.Values[c][j])).ToDictionary(p => p.Name, p => p.Value);
        }
        return runs;
    }
}

/// <summary>One run of <see cref="RangeRuns"/>: the defaults, or one input (all its elements) set to <see cref="Values"/>.</summary>
internal sealed record RangeCase(string Name, string? Input, double[]? Values)
{
    public override string ToString() => Name;
}
