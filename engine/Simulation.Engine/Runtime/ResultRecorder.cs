using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Results;

namespace Simulation.Engine.Runtime;

/// <summary>Collects the chosen output slots at each saved step, and runtime diagnostics.</summary>
public sealed class ResultRecorder(EvaluationPlan plan, IReadOnlyList<OutputColumn> columns) : IRunRecorder
{
    private readonly List<double> _times = new();
    private readonly List<double[]> _rows = new();
    private readonly List<Diagnostic> _diagnostics = new();

    public void Record(int step, double time, ReadOnlySpan<double> slots)
    {
        var row = new double[columns.Count];
        for (int j = 0; j < row.Length; j++) row[j] = slots[columns[j].Slot];
        _times.Add(time);
        _rows.Add(row);
    }

    public void NonFinite(double time, int element)
    {
        string name = element >= 0 ? plan.Model.Elements[element].DisplayName : "a value";
        var variable = element >= 0 ? plan.Model.Elements[element].Variable : null;
        var source = element >= 0 ? plan.Model.Elements[element].Source : null;
        _diagnostics.Add(new Diagnostic(DiagnosticCodes.NotFinite, Severity.Error,
            $"'{name}' became NaN or infinite at time {time.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
            variable?.Definition?.Location, variable?.Name, source, source is null ? null : new TextSpan(0, source.Text.Length),
            "look for a division by zero, LN or SQRT of a negative number, or a value growing without bound; --continue runs on regardless"));
    }

    public SimulationResult ToResult() => new(columns.Select(c => c.Name).ToList(), _times, _rows, _diagnostics);
}
