using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Results;

namespace Simulation.Engine.Runtime;

/// <summary>Hands the chosen output slots of each saved step to a row sink, and collects runtime diagnostics.</summary>
public sealed class ResultRecorder(EvaluationPlan plan, IReadOnlyList<OutputColumn> columns, IRowSink rows) : IRunRecorder
{
    private readonly double[] _row = new double[columns.Count];
    private readonly List<Diagnostic> _diagnostics = new();

    /// <summary>Rows handed to the sink so far.</summary>
    public int RowCount { get; private set; }

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public void Record(int step, double time, ReadOnlySpan<double> slots)
    {
        for (int j = 0; j < _row.Length; j++) _row[j] = slots[columns[j].Slot];
        rows.Row(time, _row);
        RowCount++;
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
}
