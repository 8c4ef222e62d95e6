using System.Collections.Immutable;
using Simulation.Engine.Compilation;
using Simulation.Engine.Runtime;

namespace Simulation.Engine.Structure.Dominance;

/// <summary>A feedback loop of the element graph: its elements in causal order, and the names a person knows them by.</summary>
public sealed record DominanceLoop(int Number, ImmutableArray<int> Elements, ImmutableArray<string> Variables)
{
    /// <summary>
    /// "reinforcing" when every score it had was positive, "balancing" when negative, "changes" when both, "inactive"
    /// when none, "unknown" when its only non-zero scores were unknown.
    /// </summary>
    public string Polarity { get; init; } = "inactive";
}

/// <summary>Loop scores cannot be computed for this run (it produced a value that is not finite).</summary>
public sealed class LoopDominanceException(string message) : Exception(message);

/// <summary>A stretch of the run over which one loop had the largest score in size.</summary>
public sealed record DominancePeriod(double From, double To, int Loop);

/// <summary>
/// How the loops were found: every loop of the model (<see cref="SearchTimes"/> 0), or, when the model has more than
/// <see cref="Cap"/>, the strongest-path search at <see cref="SearchTimes"/> times of the run, from <see cref="Starts"/>
/// elements (its stocks in loops, or the elements the loops must pass through).
/// </summary>
public sealed record LoopFinding(bool Capped, int Cap, int SearchTimes, int Starts)
{
    /// <summary>How many different loops the search found (those scored are the ones that matter most).</summary>
    public int Found { get; init; }

    public bool Strongest => SearchTimes > 0;
}

/// <summary>
/// Loop scores over a run: per loop, at each reported time, its score (the product of its links' scores over the step
/// that ends then) and its relative score (the score over the sum of every loop's score in size, between -1 and 1);
/// which loop dominates, step by step.
/// </summary>
public sealed record LoopDominanceResult(
    ImmutableArray<DominanceLoop> Loops, ImmutableArray<double> Times, ImmutableArray<double[]> Scores, ImmutableArray<double[]> Relative,
    ImmutableArray<DominancePeriod> Periods, LoopFinding Finding)
{
    /// <summary>Whether the model has more loops than the cap (then the loops are the strongest paths').</summary>
    public bool Capped => Finding.Capped;

    public int Cap => Finding.Cap;

    /// <summary>The loop with the largest score in size at report time k, or -1 when no loop scored.</summary>
    public int Dominant(int k) => Largest(Relative[k]);

    /// <summary>The index of the largest finite, non-zero value in size; -1 when there is none.</summary>
    public static int Largest(double[] relative)
    {
        int best = -1;
        for (int l = 0; l < relative.Length; l++)
            if (double.IsFinite(relative[l]) && relative[l] != 0 && (best < 0 || Math.Abs(relative[l]) > Math.Abs(relative[best]))) best = l;
        return best;
    }
}

/// <summary>
/// Loop dominance by the Loops that Matter method (<see cref="LinkScorer"/>): the model runs once, every element
/// recorded at every step; at each step each link of a loop is scored once, a loop's score is the product of its
/// links' scores, and its relative score is that over the sum of all loops' scores in size. Scores are reported at the
/// model's saved times (the step ending at each), and the dominant loop is followed at every step. When the model has
/// more loops than the cap (an arrayed model's elements make astronomically many), the loops scored are those the
/// strongest-path search finds (<see cref="StrongestPaths"/>) in a first run, at <paramref name="searchTimes"/> times.
/// </summary>
public static class LoopDominance
{
    /// <param name="parameters">The values of the plan's parameters for this run (its defaults when null), as <see cref="Simulator.Run"/> takes them.</param>
    /// <param name="progress">Told what is being done (a line for a person), often: the caller shows it as it likes.</param>
    public static LoopDominanceResult Analyse(EvaluationPlan plan, int cap = 10_000, double[]? parameters = null,
        Action<string>? progress = null, int searchTimes = 200, int top = 50, IReadOnlySet<int>? through = null)
    {
        parameters ??= plan.ParameterDefaults.ToArray();
        var graph = ElementGraph.Build(plan.Model);
        var (circuits, capped) = FeedbackLoops.Circuits(graph.Successors(), cap);
        if (through is not null) circuits = circuits.Where(c => c.Any(through.Contains)).ToList();
        var finding = new LoopFinding(capped, cap, 0, 0);
        if (capped)
        {
            var search = new StrongestPaths(graph, through);
            progress?.Invoke($"more than {cap:N0} feedback loops through the model's elements: finding the strongest at {searchTimes} times " +
                             $"({search.Links.Count:N0} links; from {search.StartCount:N0} {(through is null ? "stocks" : "elements")} in loops)");
            var finder = new LoopFinder(plan, graph, search, searchTimes, progress);
            Run(plan, parameters, finder);
            circuits = search.Strongest(top);
            finding = finding with { SearchTimes = finder.Searched, Starts = search.StartCount, Found = search.Loops.Count };
        }
        progress?.Invoke($"scoring {circuits.Count:N0} loops over {plan.StepCount:N0} steps");
        var recorder = new StepScores(plan, graph, circuits, progress is null ? null : step => progress($"scoring {circuits.Count:N0} loops: step {step:N0} of {plan.StepCount:N0}"));
        Run(plan, parameters, recorder);
        if (recorder.NonFiniteAt is { } t)
            throw new LoopDominanceException($"the run produced a value that is not a finite number at time {t}; loop scores need a finite run");
        var loops = circuits.Select((c, k) => new DominanceLoop(k + 1, [.. c], Names(graph, c)) { Polarity = recorder.PolarityOf(k) });
        return new LoopDominanceResult([.. loops], [.. recorder.Times], [.. recorder.Scores], [.. recorder.Relative],
            [.. recorder.Periods()], finding);
    }

    private static void Run(EvaluationPlan plan, double[] parameters, IRunRecorder recorder)
    {
        var kernel = new ReferenceEvaluator(plan, parameters, recorder);
        Integrator.Run(ref kernel, plan.Time, plan.StepCount, 1);
    }

    /// <summary>The loop's variables, a hidden element named by its variable, a variable met twice in a row once.</summary>
    private static ImmutableArray<string> Names(ElementGraph graph, int[] circuit)
    {
        var names = new List<string>();
        foreach (int e in circuit)
            if (names.Count == 0 || names[^1] != graph.NameOf(e)) names.Add(graph.NameOf(e));
        if (names.Count > 1 && names[^1] == names[0]) names.RemoveAt(names.Count - 1);
        return [.. names];
    }

    /// <summary>The first run when there are too many loops: at evenly spaced steps, every link scored and the strongest paths searched.</summary>
    private sealed class LoopFinder(EvaluationPlan plan, ElementGraph graph, StrongestPaths search, int times, Action<string>? progress) : IRunRecorder
    {
        private readonly LinkScorer _scorer = new(graph, search.Links);
        private readonly double[] _scores = new double[search.Links.Count];
        private double[] _before = new double[graph.Count], _now = new double[graph.Count];
        private double _beforeTime;
        private readonly int _times = Math.Max(1, Math.Min(times, plan.StepCount));
        private int _next = -1;

        public int Searched { get; private set; }

        public void Record(int step, double time, ReadOnlySpan<double> slots)
        {
            for (int e = 0; e < _now.Length; e++) _now[e] = slots[plan.ElementSlots[e]];
            if (step == 0)
            {
                _scorer.Start(_now);
                _next = Step(1);
            }
            else if (step == _next)
            {
                _scorer.Score(_before, _now, _beforeTime, _scores);
                int found = search.Search(_scores);
                Searched++;
                progress?.Invoke($"finding loops: {search.Loops.Count:N0} found by step {step:N0} of {plan.StepCount:N0}{(found > 0 ? $" ({found:N0} new)" : "")}");
                _next = Step(Searched + 1);
            }
            (_before, _now) = (_now, _before);
            _beforeTime = time;
        }

        /// <summary>The i-th of the evenly spaced steps searched (1-based), the last being the run's last.</summary>
        private int Step(int i) => (int)Math.Max(1, (long)plan.StepCount * i / _times);

        public void NonFinite(double time, int element) { }
    }
}
