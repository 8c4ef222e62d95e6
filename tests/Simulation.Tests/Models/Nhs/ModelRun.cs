using Simulation.Engine;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// One run of a model on the vector engine with some inputs set (every element of each to one value) and chosen
/// scalar outputs read at chosen times: a cheap way to run a reference model for decades and read a few numbers.
/// </summary>
internal sealed class ModelRun
{
    private readonly Dictionary<(string Output, double Time), double> _values = new();

    public double this[string output, double time] =>
        _values.TryGetValue((output, time), out var v) ? v : throw new AssertionException($"'{output}' at {time} was not recorded");

    public static ModelRun Run(ModelDocument model, IReadOnlyDictionary<string, double> set, IReadOnlyList<string> outputs, IReadOnlyList<double> times)
    {
        var diagnostics = new DiagnosticBag();
        var (bound, analysis) = ModelPipeline.Check(model, diagnostics);
        if (analysis is null) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        var inputs = set.Keys.Select(n => bound.FindVariable(n) ?? throw new AssertionException($"no input '{n}'")).ToList();
        var parameters = inputs.SelectMany(v => v.Elements).ToList();
        var plan = PlanCompiler.Compile(bound, analysis, parameters);
        var values = plan.ParameterDefaults.ToArray();
        for (int i = 0; i < inputs.Count; i++)
            foreach (int element in inputs[i].Elements)
                values[parameters.IndexOf(element)] = set[set.Keys.ElementAt(i)];

        var (columns, unknown) = Simulator.SelectOutputs(plan, outputs);
        if (columns is null) throw new AssertionException("unknown outputs: " + string.Join(", ", unknown));
        var record = RecordRequest.AtTimes(plan, columns, times);
        var results = BatchResults.Collect(new BatchRunner(plan, record), new ParameterTable(1, parameters.Count, values));
        Assert.That(results.Problems[0], Is.Null, "a value became NaN or infinite");
        var run = new ModelRun();
        foreach (double t in times)
        {
            plan.Clock.TryStepOf(t, out int step);
            int k = record.Steps.IndexOf(step);
            for (int j = 0; j < columns.Count; j++)
                run._values[(outputs[j], t)] = results.Values[0][k * columns.Count + j];
        }
        return run;
    }
}
