using Simulation.Engine.Compilation;
using Simulation.Engine.Runtime;

namespace Simulation.Engine.Structure.Dominance;

/// <summary>
/// Receives every step of a run and, against the step before, scores the links of the given loops (each once), then
/// each loop as the product of its links' scores: 0 when a link was inactive, unknown (NaN) when none was and a link's
/// score is unknown. Relative scores are over the sum of the known scores in size; the dominant loop is followed at
/// every step, the scores kept at the saved times.
/// </summary>
internal sealed class StepScores : IRunRecorder
{
    private readonly EvaluationPlan _plan;
    private readonly LinkScorer _scorer;
    private readonly int[] _loopStart, _loopLinks; // loop l's links are _loopLinks[_loopStart[l] .. _loopStart[l + 1]]
    private readonly double[] _linkScores, _scores, _relative;
    private double[] _before, _now;
    private bool _started;
    private double _beforeTime;
    private readonly int[] _signs; // bit 1: was positive, bit 2: was negative, bit 4: was unknown
    private readonly List<(double From, double To, int Loop)> _steps = new();
    private readonly Action<int>? _progress;

    public StepScores(EvaluationPlan plan, ElementGraph graph, IReadOnlyList<int[]> loops, Action<int>? progress)
    {
        _plan = plan;
        _progress = progress;
        var position = new Dictionary<(int, int), int>();
        var links = new List<(int From, int To)>();
        _loopStart = new int[loops.Count + 1];
        var loopLinks = new List<int>();
        for (int l = 0; l < loops.Count; l++)
        {
            var c = loops[l];
            for (int k = 0; k < c.Length; k++)
            {
                var link = (c[k], c[(k + 1) % c.Length]);
                if (!position.TryGetValue(link, out int at))
                {
                    position[link] = at = links.Count;
                    links.Add(link);
                }
                loopLinks.Add(at);
            }
            _loopStart[l + 1] = loopLinks.Count;
        }
        _loopLinks = [.. loopLinks];
        _scorer = new LinkScorer(graph, links);
        _linkScores = new double[links.Count];
        _before = new double[graph.Count];
        _now = new double[graph.Count];
        _signs = new int[loops.Count];
        _scores = new double[loops.Count];
        _relative = new double[loops.Count];
    }

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

    public void Record(int step, double time, ReadOnlySpan<double> slots)
    {
        for (int e = 0; e < _now.Length; e++) _now[e] = slots[_plan.ElementSlots[e]];
        if (!_started) _scorer.Start(_now);
        else
        {
            _scorer.Score(_before, _now, _beforeTime, _linkScores);
            double[] scores = _scores, relative = _relative;
            double total = 0;
            for (int l = 0; l < scores.Length; l++)
            {
                scores[l] = LoopScore(l);
                if (double.IsFinite(scores[l])) total += Math.Abs(scores[l]);
                _signs[l] |= scores[l] > 0 ? 1 : scores[l] < 0 ? 2 : double.IsNaN(scores[l]) ? 4 : 0;
            }
            for (int l = 0; l < scores.Length; l++) relative[l] = double.IsNaN(scores[l]) ? double.NaN : total > 0 ? scores[l] / total : 0;
            _steps.Add((_beforeTime, time, LoopDominanceResult.Largest(relative)));
            if (step % _plan.SaveEvery == 0 || step == _plan.StepCount)
            {
                Times.Add(time);
                Scores.Add((double[])scores.Clone());
                Relative.Add((double[])relative.Clone());
            }
            _progress?.Invoke(step);
        }
        (_before, _now) = (_now, _before);
        _started = true;
        _beforeTime = time;
    }

    /// <summary>The product of the loop's links' scores: 0 if any is 0, else NaN if any is unknown.</summary>
    private double LoopScore(int l)
    {
        double product = 1;
        bool unknown = false;
        for (int k = _loopStart[l]; k < _loopStart[l + 1]; k++)
        {
            double s = _linkScores[_loopLinks[k]];
            if (s == 0) return 0;
            if (double.IsNaN(s)) unknown = true;
            else product *= s;
        }
        return unknown ? double.NaN : product;
    }

    /// <summary>"reinforcing" when every score it had was positive, "balancing" when negative, "changes" when both, "inactive" when none; "unknown" when it had none but unknown ones.</summary>
    public string PolarityOf(int loop) => (_signs[loop] & 3) switch
    {
        1 => "reinforcing",
        2 => "balancing",
        3 => "changes",
        _ => (_signs[loop] & 4) != 0 ? "unknown" : "inactive",
    };

    public void NonFinite(double time, int element) => NonFiniteAt ??= time;
}
