using Simulation.Engine.Compilation;
using Simulation.Engine.Runtime;
using Simulation.Reporting.Report;

namespace Simulation.Cli.Commands;

/// <summary>One run of a model as a chart of the variables asked for (sim plot --run MODEL --vars A,B).</summary>
internal static class RunPlot
{
    public static ChartSpec Chart(string modelPath, string? vars, string[] set)
    {
        if (string.IsNullOrWhiteSpace(vars)) throw new UsageException("give the variables to draw with --vars \"A,B\"");
        CheckedModel model;
        try
        {
            model = ModelLoader.Load(modelPath, new TimeOverrides());
        }
        catch (ModelErrorsException)
        {
            throw new UsageException($"'{modelPath}' has errors", $"see them with sim check {modelPath}");
        }
        var (parameters, values) = ParameterAssignments.Resolve(model, set);
        var plan = PlanCompiler.Compile(model.Bound, model.Analysis, parameters);
        var outputs = RunCommand.NamedOutputs(plan, vars);
        var result = Simulator.Run(plan, outputs, values.ToArray(), continueOnNonFinite: true);
        DiagnosticPrinter.Print(result.Diagnostics);
        string? UnitsOf(string name)
        {
            string variable = name.Split('[')[0];
            return model.Document.Variables.FirstOrDefault(v => string.Equals(v.Name, variable, StringComparison.OrdinalIgnoreCase))?.Units;
        }
        var lines = result.Names.Select(n => (n, UnitsOf(n), result.Series(n))).ToList();
        return new RunChart("run", model.Document.Name, model.Document.Time.Units, result.Times.ToArray(), lines);
    }
}
