using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Scenarios.Resolution;
using Simulation.Engine.Scenarios.Running;

namespace Simulation.Engine.Levers;

/// <summary>
/// What some runs of one lever plan gave: per run, the outcome columns (computed as a sweep computes them, paired
/// with the baseline's run of the same future) and the chart lines at the saved times, and the first run that went
/// non-finite. Run r is future r (the point run is future 0 with every sampled input at its model value).
/// </summary>
internal sealed class RunSet
{
    private RunSet(int runs, int columns, int lineValues)
    {
        Runs = runs;
        Columns = columns;
        LineValues = lineValues;
        Outcomes = new double[runs * columns];
        Lines = new double[runs * lineValues];
        Failed = new bool[runs];
    }

    public int Runs { get; }

    public int Columns { get; }

    /// <summary>Values of one run's chart lines: lines x saved times.</summary>
    public int LineValues { get; }

    public double[] Outcomes { get; }

    public double[] Lines { get; }

    /// <summary>Per run: its stocks or rates went NaN or infinite.</summary>
    public bool[] Failed { get; }

    /// <summary>The first run whose stocks or rates went NaN or infinite, and when.</summary>
    public (int Run, RunProblem Problem)? Problem { get; private set; }

    public ReadOnlySpan<double> OutcomesOf(int run) => Outcomes.AsSpan(run * Columns, Columns);

    public ReadOnlySpan<double> LinesOf(int run) => Lines.AsSpan(run * LineValues, LineValues);

    /// <summary>Outcome column <paramref name="column"/> over the runs.</summary>
    public double[] Column(int column)
    {
        var values = new double[Runs];
        for (int r = 0; r < Runs; r++) values[r] = Outcomes[r * Columns + column];
        return values;
    }

    /// <summary>Runs <paramref name="plan"/> over futures 0 .. runs - 1 (sampled when <paramref name="sampled"/>, else at the point values).</summary>
    /// <param name="settings">(parameter, value) pairs that override every run's parameters, in order.</param>
    /// <param name="baseline">The baseline's runs of the same futures, for paired outcomes; null when these are the baseline's own.</param>
    public static RunSet Run(LeverPlan plan, RecordPlan record, UncertaintyPlan uncertainty, int runs, bool sampled,
        IReadOnlyList<(int Parameter, double Value)> settings, RunSet? baseline, CancellationToken cancellation)
    {
        var set = new RunSet(runs, record.Columns.Length, record.LineCount * record.Times.Length);
        plan.Runner.Run(new Inputs(plan, uncertainty, runs, sampled, settings), new Sink(set, record, baseline), cancellation);
        return set;
    }

    private sealed class Inputs(LeverPlan plan, UncertaintyPlan uncertainty, int runs, bool sampled, IReadOnlyList<(int Parameter, double Value)> settings)
        : IRunInputs
    {
        public int RunCount => runs;

        public int ParameterCount => plan.Plan.Parameters.Length;

        public void Fill(int run, Span<double> values)
        {
            plan.Plan.ParameterDefaults.AsSpan().CopyTo(values);
            if (sampled) FutureInputs.Fill(uncertainty, plan.Compiled, run, values);
            foreach (var (parameter, value) in settings) values[parameter] = value;
        }

        public long StreamIndex(int run) => FutureInputs.StreamIndex(run);
    }

    private sealed class Sink(RunSet set, RecordPlan record, RunSet? baseline) : IRunSink
    {
        private readonly double[] _layoutRow = new double[record.Layout.ValuesPerRun];

        public void Accept(RunResult result)
        {
            int r = result.Run;
            record.ToLayout(result.Values, _layoutRow);
            OutcomeEvaluator.Evaluate(record.Layout, record.Columns, _layoutRow, baseline is null ? [] : baseline.OutcomesOf(r),
                set.Outcomes.AsSpan(r * set.Columns, set.Columns));
            record.ToLines(result.Values, set.Lines.AsSpan(r * set.LineValues, set.LineValues));
            set.Failed[r] = result.Problem is not null;
            if (result.Problem is { } p && set.Problem is null) set.Problem = (r, p);
        }
    }
}
