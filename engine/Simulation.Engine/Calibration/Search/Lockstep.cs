namespace Simulation.Engine.Calibration.Search;

/// <summary>Points an algorithm wants evaluated; the driver fills <see cref="Results"/> (same order) before the algorithm resumes.</summary>
public sealed class EvaluationRequest(IReadOnlyList<double[]> points)
{
    public IReadOnlyList<double[]> Points { get; } = points;

    public Evaluation[] Results { get; internal set; } = [];
}

/// <summary>
/// Runs algorithms side by side so that their candidates are lanes of the same batches. Each algorithm is an
/// iterator that yields an <see cref="EvaluationRequest"/> whenever it needs points evaluated and reads the results
/// when it resumes; it reads naturally, one step after another. Each round, every unfinished algorithm's request
/// joins one batch job: several local searches, or a profile's searches for every parameter and side, cost the
/// wall time of one. The rounds and their order are fixed by the algorithms alone, so results do not depend on
/// threads or batch sizes.
/// </summary>
public static class Lockstep
{
    public static void Run(CandidateEvaluator evaluator, IEnumerable<IEnumerable<EvaluationRequest>> algorithms)
    {
        var running = algorithms.Select(a => a.GetEnumerator()).ToList();
        try
        {
            var active = running.Where(e => e.MoveNext()).ToList();
            while (active.Count > 0)
            {
                var points = active.SelectMany(e => e.Current.Points).ToList();
                var results = evaluator.Evaluate(points);
                int next = 0;
                foreach (var e in active)
                {
                    e.Current.Results = results[next..(next + e.Current.Points.Count)];
                    next += e.Current.Points.Count;
                }
                active = active.Where(e => e.MoveNext()).ToList();
            }
        }
        finally
        {
            foreach (var e in running) e.Dispose();
        }
    }

    /// <summary>Runs one algorithm.</summary>
    public static void Run(CandidateEvaluator evaluator, IEnumerable<EvaluationRequest> algorithm) => Run(evaluator, [algorithm]);
}
