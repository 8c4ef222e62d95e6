using System.Collections.Immutable;

namespace Simulation.Engine.Scenarios.Outcomes;

/// <summary>A model element a sweep records, named by variable and row-major position (the same in every scenario's model).</summary>
public sealed record RecordedElement(string Variable, int Position);

/// <summary>
/// What every run records: the values of <see cref="Outputs"/> at <see cref="Steps"/> (all pairs), as one flat
/// row per run, time-major: value (step k, output j) at <c>k * Outputs.Length + j</c>. Outcomes and series
/// read their values from it; nothing else of a run is kept.
/// </summary>
public sealed class RecordLayout
{
    private readonly Dictionary<int, int> _stepIndex;

    public RecordLayout(ImmutableArray<RecordedElement> outputs, IEnumerable<int> steps)
    {
        Outputs = outputs;
        Steps = steps.Distinct().Order().ToImmutableArray();
        _stepIndex = Steps.Select((s, k) => (s, k)).ToDictionary(p => p.s, p => p.k);
    }

    public ImmutableArray<RecordedElement> Outputs { get; }

    public ImmutableArray<int> Steps { get; }

    public int ValuesPerRun => Outputs.Length * Steps.Length;

    public int IndexOf(int output, int step) => _stepIndex[step] * Outputs.Length + output;
}
