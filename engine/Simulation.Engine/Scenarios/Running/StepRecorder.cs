using Simulation.Engine.Runtime;
using Simulation.Engine.Scenarios.Outcomes;

namespace Simulation.Engine.Scenarios.Running;

/// <summary>Keeps one run's recorded outputs at the record layout's steps (the integrator calls it at every step).</summary>
internal sealed class StepRecorder : IRunRecorder
{
    private readonly int[] _slots;
    private readonly int[] _stepIndex;
    private double[] _values = [];

    public StepRecorder(RecordLayout layout, IReadOnlyList<int> slots, int stepCount)
    {
        _slots = slots.ToArray();
        _stepIndex = Enumerable.Repeat(-1, stepCount + 1).ToArray();
        for (int k = 0; k < layout.Steps.Length; k++) _stepIndex[layout.Steps[k]] = k;
    }

    public FutureProblem? Problem { get; private set; }

    /// <summary>Starts a run that writes into <paramref name="values"/> (NaN where a step is never reached).</summary>
    public void Begin(double[] values)
    {
        _values = values;
        Array.Fill(values, double.NaN);
        Problem = null;
    }

    public void Record(int step, double time, ReadOnlySpan<double> slots)
    {
        int k = step < _stepIndex.Length ? _stepIndex[step] : -1;
        if (k < 0) return;
        int offset = k * _slots.Length;
        for (int j = 0; j < _slots.Length; j++) _values[offset + j] = slots[_slots[j]];
    }

    public void NonFinite(double time, int element) => Problem ??= new FutureProblem(time, element);
}
