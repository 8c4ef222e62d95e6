using System.Collections.Immutable;
using Simulation.Engine.Compilation;
using Simulation.Engine.Runtime;

namespace Simulation.Engine.Structure.Dominance;

/// <summary>A feedback loop of the element graph: its elements in causal order, and the names a person knows them by.</summary>
public sealed record DominanceLoop(int Number, ImmutableArray<int> Elements, ImmutableArray<string> Variables)
{
    /// <summary>"reinforcing" when every score it had was positive, "balancing" when negative, "changes" when both, "inactive" when none.</summary>
    public string Polarity { get; init; } = "inactive";
}

/// <summary>Loop scores cannot be computed for this run (it produced a value that is not finite).</summary>
public sealed class LoopDominanceException(string message) : Exception(message);

/// <summary>A stretch of the run over which one loop had the largest score in size.</summary>
public sealed record DominancePeriod(double From, double To, int Loop);

/// <summary>
/// Loop scores over a run: per loop, at each reported time, its score (the product of its links' scores over the step
/// that ends then) and its relative score (the score over the sum of every loop's score in size, between -1 and 1);
/// which loop dominates, step by step.
/// </summary>
public sealed record LoopDominanceResult(
    ImmutableArray<DominanceLoop> Loops, ImmutableArray<double> Times, ImmutableArray<double[]> Scores, ImmutableArray<double[]> Relative,
    ImmutableArray<DominancePeriod> Periods, bool Capped, int Cap)
{
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
/// recorded at every step; at each step each link of a loop is scored, a loop's score is the product of its links'
/// scores, and its relative score is that over the sum of all loops' scores in size. Scores are reported at the model's
/// saved times (the step ending at each), and the dominant loop is followed at every step.
/// </summary>
public static class LoopDominance
{
    /// <param name="parameters">The values of the plan's parameters for this run (its defaults when null), as <see cref="Simulator.Run"/> takes them.</param>
    public static LoopDominanceResult Analyse(EvaluationPlan plan, int cap = 10_000, double[]? parameters = null)
    {
        var graph = ElementGraph.Build(plan.Model);
        var (circuits, capped) = FeedbackLoops.Circuits(graph.Successors(), cap);
        var loops = circuits.Select((c, k) => new DominanceLoop(k + 1, [.. c], Names(graph, c))).ToList();
        var recorder = new StepScores(plan, graph, circuits);
        var kernel = new ReferenceEvaluator(plan, parameters ?? plan.ParameterDefaults.ToArray(), recorder);
        Integrator.Run(ref kernel, plan.Time, plan.StepCount, 1);
        if (recorder.NonFiniteAt is { } t)
            throw new LoopDominanceException($"the run produced a value that is not a finite number at time {t}; loop scores need a finite run");
        for (int l = 0; l < loops.Count; l++) loops[l] = loops[l] with { Polarity = recorder.PolarityOf(l) };
        return new LoopDominanceResult([.. loops], [.. recorder.Times], [.. recorder.Scores], [.. recorder.Relative],
            [.. recorder.Periods()], capped, cap);
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

    /// <summary>Receives every step of the run and scores it against the step before.</summary>
    private sealed class StepScores(EvaluationPlan plan, ElementGraph graph, List<int[]> circuits) : IRunRecorder
    {
        private readonly LinkScorer _scorer = new(graph);
        private readonly List<(int From, int To)> _links = circuits.SelectMany(Links).Distinct().ToList();
        private readonly int[][] _loopLinks = LinkIndices(circuits);
        private double[]? _linkScores;
        private double[]? _before;
        private double _beforeTime;
        private readonly int[] _signs = new int[circuits.Count]; // bit 1: was positive, bit 2: was negative
        private readonly List<(double From, double To, int Loop)> _steps = new();

        public List<double> Times { get; } = new();
        public List<double[]> Scores { get; } = new();
        public List<double[]> Relative { get; } = new();
        public double? NonFiniteAt { get; private set; }

        /// <summary>The steps in runs of the same dominant loop.</summary>
        public IEnumerable<DominancePeriod> Periods()
        {
            for (int k = 0; k < _steps.Count;)
            {
                int j = k;
                while (j + 1 < _steps.Count && _steps[j + 1].Loop == _steps[k].Loop) j++;
                yield return new DominancePeriod(_steps[k].From, _steps[j].To, _steps[k].Loop);
                k = j + 1;
            }
        }

        private static IEnumerable<(int, int)> Links(int[] c) => c.Select((e, k) => (e, c[(k + 1) % c.Length]));

        /// <summary>Per loop, the positions of its links (in causal order) in <see cref="_links"/> (distinct, in order of first appearance).</summary>
        private static int[][] LinkIndices(List<int[]> circuits)
        {
            var position = new Dictionary<(int, int), int>();
            foreach (var link in circuits.SelectMany(Links)) position.TryAdd(link, position.Count);
            return circuits.Select(c => Links(c).Select(l => position[l]).ToArray()).ToArray();
        }

        public void Record(int step, double time, ReadOnlySpan<double> slots)
        {
            var now = new double[graph.Count];
            for (int e = 0; e < now.Length; e++) now[e] = slots[plan.ElementSlots[e]];
            if (_before is { } before)
            {
                var linkScores = _linkScores ??= new double[_links.Count];
                _scorer.ScoreStep(_links, before, now, _beforeTime, linkScores);
                var scores = _loopLinks.Select(links => links.Aggregate(1.0, (p, k) => p * linkScores[k])).ToArray();
                double total = scores.Where(double.IsFinite).Sum(Math.Abs);
                var relative = scores.Select(s => total > 0 ? s / total : 0).ToArray();
                for (int l = 0; l < scores.Length; l++) _signs[l] |= scores[l] > 0 ? 1 : scores[l] < 0 ? 2 : 0;
                _steps.Add((_beforeTime, time, LoopDominanceResult.Largest(relative)));
                if (step % plan.SaveEvery == 0 || step == plan.StepCount)
                {
                    Times.Add(time);
                    Scores.Add(scores);
                    Relative.Add(relative);
                }
            }
            _before = now;
            _beforeTime = time;
        }

        public string PolarityOf(int loop) => _signs[loop] switch { 1 => "reinforcing", 2 => "balancing", 3 => "changes", _ => "inactive" };

        public void NonFinite(double time, int element) => NonFiniteAt ??= time;
    }
}
