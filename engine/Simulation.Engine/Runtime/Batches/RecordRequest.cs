using System.Collections.Immutable;
using Simulation.Engine.Compilation;
using Simulation.Engine.Model;
using Simulation.Engine.Results;

namespace Simulation.Engine.Runtime.Batches;

/// <summary>
/// What a batch keeps from each run: the values of chosen outputs at chosen steps. Each run's
/// values come out as one flat row, time-major: <c>values[k * Outputs.Count + j]</c> is output j
/// at time k. Build it with <see cref="FinalValues"/> or <see cref="AtTimes"/>.
/// </summary>
public sealed class RecordRequest
{
    private RecordRequest(IReadOnlyList<OutputColumn> outputs, ImmutableArray<int> steps, ImmutableArray<double> times)
    {
        if (outputs.Count == 0) throw new ArgumentException("record at least one output", nameof(outputs));
        Outputs = outputs;
        Steps = steps;
        Times = times;
    }

    /// <summary>The recorded outputs (element, slot and column name).</summary>
    public IReadOnlyList<OutputColumn> Outputs { get; }

    /// <summary>The recorded steps (0 = start time), ascending and distinct.</summary>
    public ImmutableArray<int> Steps { get; }

    /// <summary>The time of each recorded step: start + step * dt.</summary>
    public ImmutableArray<double> Times { get; }

    /// <summary>How many values each run yields.</summary>
    public int ValuesPerRun => Steps.Length * Outputs.Count;

    /// <summary>The value of each output at the stop time (auxiliaries evaluated from the final state).</summary>
    public static RecordRequest FinalValues(EvaluationPlan plan, IReadOnlyList<OutputColumn> outputs) =>
        new(outputs, [plan.StepCount], [plan.Clock.TimeOf(plan.StepCount)]);

    /// <summary>The value of each output at each of <paramref name="times"/> (any order, repeats ignored); each must be a step time within the run.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A time is outside the run or between two steps (check first with <see cref="StepClock.TryStepOf"/>).</exception>
    public static RecordRequest AtTimes(EvaluationPlan plan, IReadOnlyList<OutputColumn> outputs, IEnumerable<double> times)
    {
        var steps = new SortedSet<int>();
        foreach (double t in times)
        {
            if (!plan.Clock.TryStepOf(t, out int step))
                throw new ArgumentOutOfRangeException(nameof(times), t,
                    $"time {t} is not a step of the run (from {plan.Time.Start} to {plan.Time.Stop} every {plan.Dt})");
            steps.Add(step);
        }
        if (steps.Count == 0) throw new ArgumentException("give at least one time", nameof(times));
        return new RecordRequest(outputs, [.. steps], [.. steps.Select(plan.Clock.TimeOf)]);
    }
}
