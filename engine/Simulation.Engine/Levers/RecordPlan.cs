using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Compilation;
using Simulation.Engine.Model;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Levers;

/// <summary>
/// What every lever run records, the same for every scenario and variant: the measurement plan's outputs at its
/// steps (from which outcomes are computed exactly as a sweep computes them) and, at every saved step, the value of
/// each chart line (the hidden variable holding an outcome's expression, or a series variable). Also maps a run's
/// recorded row onto the measurement plan's record layout and onto the chart lines.
/// </summary>
internal sealed class RecordPlan
{
    private readonly ImmutableArray<(string Variable, int Position)> _outputs;
    private readonly int[] _layoutIndex;
    private readonly int[] _lineOutputs;
    private readonly int[] _savedIndex;

    public RecordPlan(ResolvedExperiment experiment)
    {
        var measurement = experiment.Measurement;
        var layout = measurement.Layout;
        var outputs = layout.Outputs.Select(o => (o.Variable, o.Position)).ToList();
        int OutputOf(string variable, int position)
        {
            int i = outputs.FindIndex(o => o.Variable == variable && o.Position == position);
            if (i >= 0) return i;
            outputs.Add((variable, position));
            return outputs.Count - 1;
        }

        var charts = new List<LeverChart>();
        var lineOutputs = new List<int>();
        var titles = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in measurement.Expressions.GroupBy(e => Normalize(e.Expression)))
        {
            var first = group.First();
            var (title, units) = Title(experiment.Bound, first.Expression);
            titles[Identifier.Canonical(title)] = charts.Count;
            charts.Add(new LeverChart($"c{charts.Count}", title, units, first.Elements.Select(e => e).ToImmutableArray(),
                group.Select(e => e.Outcome).ToImmutableArray()));
            for (int p = 0; p < first.Elements.Length; p++) lineOutputs.Add(OutputOf(first.Variable, p));
        }
        foreach (var group in measurement.Series.GroupBy(s => s.Variable))
        {
            if (titles.ContainsKey(Identifier.Canonical(group.Key)) && group.Count() == 1) continue; // already drawn from an outcome
            var variable = experiment.Bound.FindVariable(group.Key);
            charts.Add(new LeverChart($"c{charts.Count}", group.Key, variable?.Definition?.Units, group.Select(s => s.Element).ToImmutableArray(),
                ImmutableArray<string>.Empty));
            lineOutputs.AddRange(group.Select(s => s.Output));
        }

        Clock = experiment.Clock;
        SavedSteps = Clock.SavedSteps().ToImmutableArray();
        Steps = layout.Steps.Concat(SavedSteps).Distinct().Order().ToImmutableArray();
        Times = SavedSteps.Select(Clock.TimeOf).ToImmutableArray();
        _outputs = outputs.ToImmutableArray();
        Charts = charts;
        Layout = layout;
        Columns = measurement.Columns;
        _lineOutputs = lineOutputs.ToArray();
        var stepIndex = Steps.Select((s, k) => (s, k)).ToDictionary(p => p.s, p => p.k);
        _layoutIndex = new int[layout.ValuesPerRun];
        foreach (int step in layout.Steps)
            for (int j = 0; j < layout.Outputs.Length; j++)
                _layoutIndex[layout.IndexOf(j, step)] = stepIndex[step] * _outputs.Length + j;
        _savedIndex = SavedSteps.Select(s => stepIndex[s]).ToArray();
    }

    public StepClock Clock { get; }

    public RecordLayout Layout { get; }

    public ImmutableArray<OutcomeColumn> Columns { get; }

    public IReadOnlyList<LeverChart> Charts { get; }

    /// <summary>Every recorded step: the layout's and the saved ones.</summary>
    public ImmutableArray<int> Steps { get; }

    public ImmutableArray<int> SavedSteps { get; }

    /// <summary>The times of the saved steps: the charts' time axis.</summary>
    public ImmutableArray<double> Times { get; }

    /// <summary>Chart lines, in chart order then element order.</summary>
    public int LineCount => _lineOutputs.Length;

    /// <summary>What a batch runner of <paramref name="plan"/> (a scenario's model with the measurement compiled in) records.</summary>
    public RecordRequest RequestFor(EvaluationPlan plan)
    {
        var columns = _outputs.Select(o =>
        {
            var variable = plan.Model.FindVariable(o.Variable)
                           ?? throw new InvalidOperationException($"the scenario's model has no variable '{o.Variable}'");
            int element = variable.Elements[o.Position];
            return new OutputColumn(plan.Model.Elements[element].DisplayName, plan.ElementSlots[element], element);
        }).ToList();
        return RecordRequest.AtTimes(plan, columns, Steps.Select(Clock.TimeOf));
    }

    /// <summary>Copies a recorded row's values into the measurement plan's record layout (for <see cref="OutcomeEvaluator"/>).</summary>
    public void ToLayout(ReadOnlySpan<double> recorded, Span<double> layoutRow)
    {
        for (int i = 0; i < _layoutIndex.Length; i++) layoutRow[i] = recorded[_layoutIndex[i]];
    }

    /// <summary>Copies a recorded row's chart lines, line-major: line l at saved time t goes to <c>l * Times.Length + t</c>.</summary>
    public void ToLines(ReadOnlySpan<double> recorded, Span<double> lines)
    {
        int times = _savedIndex.Length, width = _outputs.Length;
        for (int l = 0; l < _lineOutputs.Length; l++)
            for (int t = 0; t < times; t++)
                lines[l * times + t] = recorded[_savedIndex[t] * width + _lineOutputs[l]];
    }

    private static string Normalize(string expression) => string.Join(" ", expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A chart's title and units: the variable's name and units when the expression is one variable, else the expression.</summary>
    private static (string, string?) Title(BoundModel model, string expression)
    {
        string text = Normalize(expression);
        string name = text.Length > 1 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;
        return model.FindVariable(name) is { } v ? (v.Name, v.Definition?.Units) : (text, null);
    }
}
