using MathNet.Numerics;

namespace Simulation.Engine.Analysis.Discovery;

/// <summary>How PRIM peels, pastes and chooses (the defaults are EMA Workbench's).</summary>
/// <param name="PeelAlpha">Share of the box's runs one peel removes.</param>
/// <param name="PasteAlpha">Share of the box's runs one paste tries to add back.</param>
/// <param name="MinMass">Peeling stops before the box would hold fewer than this share of all runs.</param>
/// <param name="Boxes">How many boxes to find, each among the runs the earlier ones left (covering).</param>
/// <param name="Step">The step of the first box's peeling trajectory to choose (0 = every run); null chooses the balanced box (see <see cref="Prim.Choose"/>).</param>
public sealed record PrimSettings(double PeelAlpha = 0.05, double PasteAlpha = 0.05, double MinMass = 0.05, int Boxes = 1, int? Step = null, bool Paste = true);

/// <summary>A closed interval [Min, Max] of one input.</summary>
public readonly record struct Interval(double Min, double Max);

/// <summary>
/// A box on the peeling trajectory: coverage (share of all runs of interest that are in it), density (share of its runs
/// that are of interest), mass (share of all runs in it), and how many inputs it restricts.
/// </summary>
public sealed record BoxStatistics(double Coverage, double Density, double Mass, int Restricted, Interval[] Limits, int Runs, int OfInterest);

/// <summary>A restricted input of a chosen box: its limits, which ends are restricted, and its quasi-p-value.</summary>
/// <param name="QuasiP">One-sided binomial p-value of the box's density against the box without this restriction (EMA Workbench's qp): small means the restriction matters.</param>
public sealed record Restriction(int Input, Interval Limits, bool Lower, bool Upper, double QuasiP);

/// <summary>One box PRIM found: its peeling trajectory, which step was chosen, and the chosen (pasted) box.</summary>
public sealed record PrimBox(IReadOnlyList<BoxStatistics> Trajectory, int Chosen, BoxStatistics Box, IReadOnlyList<Restriction> Restrictions);

/// <summary>PRIM's boxes over <see cref="Runs"/> runs of which <see cref="OfInterest"/> are of interest; the inputs' ranges over the data.</summary>
public sealed record PrimResult(IReadOnlyList<PrimBox> Boxes, int Runs, int OfInterest, Interval[] Ranges);

/// <summary>
/// The patient rule induction method (Friedman and Fisher 1999) for scenario discovery (Bryant and Lempert 2010), as EMA
/// Workbench runs it (Kwakkel 2017). Starting from the box holding every run, each step peels a slice of PeelAlpha of the
/// box's runs off the low or high end of one input, choosing the peel with the best gain in density per run removed
/// (EMA's "lenient1" objective); peeling stops when no peel raises the density or the box would fall below MinMass. The
/// boxes along the way are the peeling trajectory, from high coverage and low density to the reverse. The chosen box is
/// then pasted: its limits are widened by slices of PasteAlpha while that does not lower its density.
/// <para>
/// A peel on an input with ties (a discrete input) removes every run at the end value, so it never splits equal values.
/// Inputs are given as columns [input][run]; peeling walks each input's runs in sorted order, so a step costs about
/// inputs x box size, and 100,000 runs take well under a second.
/// </para>
/// </summary>
public static class Prim
{
    public static PrimResult Find(double[][] x, bool[] y, PrimSettings settings)
    {
        int k = x.Length, n = y.Length;
        var ranges = x.Select(column => new Interval(column.Min(), column.Max())).ToArray();
        var order = x.Select(column => Enumerable.Range(0, n).OrderBy(r => column[r]).ThenBy(r => r).ToArray()).ToArray();
        int ofInterest = y.Count(v => v);
        var covered = new bool[n];
        var boxes = new List<PrimBox>();
        for (int b = 0; b < settings.Boxes; b++)
        {
            var state = new BoxState(x, y, order, covered, ranges, ranges, n, ofInterest);
            if (state.OfInterestIn == 0) break;
            var trajectory = new List<BoxStatistics> { state.Statistics() };
            while (state.Peel(settings)) trajectory.Add(state.Statistics());
            int chosen = b == 0 && settings.Step is int step ? Math.Clamp(step, 0, trajectory.Count - 1) : Choose(trajectory);
            var box = new BoxState(x, y, order, covered, ranges, trajectory[chosen].Limits, n, ofInterest);
            if (settings.Paste) box.Paste(settings);
            var statistics = box.Statistics();
            boxes.Add(new PrimBox(trajectory, chosen, statistics, box.Restrictions()));
            box.Cover();
        }
        return new PrimResult(boxes, n, ofInterest, ranges);
    }

    /// <summary>
    /// The balanced box: the step with the largest harmonic mean of coverage and density (the earliest of equals), which
    /// sits at the knee of the trade-off, where peeling stops buying density for coverage. Without structure in the data
    /// this is the first step (no restriction), which says so.
    /// </summary>
    public static int Choose(IReadOnlyList<BoxStatistics> trajectory)
    {
        static double Balance(BoxStatistics s) => s.Coverage + s.Density == 0 ? 0 : 2 * s.Coverage * s.Density / (s.Coverage + s.Density);
        int best = 0;
        for (int i = 1; i < trajectory.Count; i++)
            if (Balance(trajectory[i]) > Balance(trajectory[best])) best = i;
        return best;
    }

    /// <summary>
    /// A box over the runs no earlier box covered: its limits, and for every run how many inputs it falls outside of (0 =
    /// in the box; covered runs are never in). Pointers into each input's sorted order bound the runs within that input's
    /// limits, so peels and pastes walk only the runs near an edge.
    /// </summary>
    private sealed class BoxState
    {
        private const int Out = 1 << 20;
        private readonly double[][] _x;
        private readonly bool[] _y;
        private readonly int[][] _order;
        private readonly bool[] _covered;
        private readonly Interval[] _ranges;
        private readonly double[] _lower, _upper;
        private readonly int[] _lo, _hi;
        private readonly int[] _violations;
        private readonly int _total, _totalOfInterest;

        public BoxState(double[][] x, bool[] y, int[][] order, bool[] covered, Interval[] ranges, Interval[] limits, int total, int totalOfInterest)
        {
            (_x, _y, _order, _covered, _ranges, _total, _totalOfInterest) = (x, y, order, covered, ranges, total, totalOfInterest);
            int k = x.Length, n = y.Length;
            _lower = limits.Select(l => l.Min).ToArray();
            _upper = limits.Select(l => l.Max).ToArray();
            _lo = new int[k];
            _hi = new int[k];
            _violations = new int[n];
            for (int r = 0; r < n; r++)
            {
                int v = covered[r] ? Out : 0;
                for (int i = 0; i < k; i++)
                    if (x[i][r] < _lower[i] || x[i][r] > _upper[i]) v++;
                _violations[r] = v;
                if (v != 0) continue;
                Runs++;
                if (y[r]) OfInterestIn++;
            }
            for (int i = 0; i < k; i++)
            {
                int p = 0;
                while (p < n && x[i][order[i][p]] < _lower[i]) p++;
                int q = n - 1;
                while (q >= 0 && x[i][order[i][q]] > _upper[i]) q--;
                (_lo[i], _hi[i]) = (p, q);
            }
        }

        public int Runs { get; private set; }

        public int OfInterestIn { get; private set; }

        public BoxStatistics Statistics()
        {
            var limits = _lower.Select((l, i) => new Interval(l, _upper[i])).ToArray();
            int restricted = limits.Where((l, i) => l.Min > _ranges[i].Min || l.Max < _ranges[i].Max).Count();
            return new BoxStatistics(_totalOfInterest == 0 ? 0 : (double)OfInterestIn / _totalOfInterest, Runs == 0 ? 0 : (double)OfInterestIn / Runs,
                (double)Runs / _total, restricted, limits, Runs, OfInterestIn);
        }

        /// <summary>Takes the best peel, if any raises the density without going below the minimum mass.</summary>
        public bool Peel(PrimSettings settings)
        {
            if (OfInterestIn == Runs) return false;
            int take = Math.Max(1, (int)(settings.PeelAlpha * Runs));
            double mean = (double)OfInterestIn / Runs, best = 0;
            (int Input, bool Low, double Limit)? choice = null;
            for (int i = 0; i < _x.Length; i++)
                foreach (bool low in new[] { true, false })
                {
                    if (PeelCandidate(i, low, take) is not var (removed, removedOfInterest, limit)) continue;
                    int left = Runs - removed;
                    if (left < settings.MinMass * _total || left == 0) continue;
                    double gain = ((double)(OfInterestIn - removedOfInterest) / left - mean) / removed;
                    if (gain > best)
                        (best, choice) = (gain, (i, low, limit));
                }
            if (choice is not var (input, side, newLimit)) return false;
            if (side) Raise(input, newLimit);
            else Lower(input, newLimit);
            return true;
        }

        /// <summary>
        /// The peel of the <paramref name="take"/> lowest (or highest) in-box runs of input <paramref name="i"/>: the new limit is
        /// the value of the next in-box run, and every run beyond it goes; when that would remove nothing (ties at the end),
        /// every run at the end value goes instead; when fewer than take lie below the last value, those go. Null when the input
        /// cannot be peeled (all its in-box values are equal).
        /// </summary>
        private (int Removed, int OfInterest, double Limit)? PeelCandidate(int i, bool low, int take)
        {
            var column = _x[i];
            var sorted = _order[i];
            int step = low ? 1 : -1, p = low ? _lo[i] : _hi[i], end = low ? _hi[i] + 1 : _lo[i] - 1;
            int seen = 0, before = 0, beforeOfInterest = 0, seenOfInterest = 0;
            double current = double.NaN;
            for (; p != end; p += step)
            {
                int r = sorted[p];
                if (_violations[r] != 0) continue;
                double v = column[r];
                if (seen == 0) current = v;
                if (v != current)
                {
                    (before, beforeOfInterest, current) = (seen, seenOfInterest, v);
                    if (seen >= take) return (before, beforeOfInterest, v);
                }
                seen++;
                if (_y[r]) seenOfInterest++;
            }
            return before > 0 ? (before, beforeOfInterest, current) : null; // fewer than take before the last value: peel what lies below it
        }

        /// <summary>Raises input i's lower limit to <paramref name="limit"/>: runs below it leave the box.</summary>
        private void Raise(int i, double limit)
        {
            for (int p = _lo[i]; p <= _hi[i] && _x[i][_order[i][p]] < limit; p++) Leave(_order[i][p], ref _lo[i], p + 1);
            _lower[i] = limit;
        }

        private void Lower(int i, double limit)
        {
            for (int p = _hi[i]; p >= _lo[i] && _x[i][_order[i][p]] > limit; p--) Leave(_order[i][p], ref _hi[i], p - 1);
            _upper[i] = limit;
        }

        private void Leave(int r, ref int pointer, int next)
        {
            if (_violations[r] == 0)
            {
                Runs--;
                if (_y[r]) OfInterestIn--;
            }
            _violations[r]++;
            pointer = next;
        }

        /// <summary>Widens a limit by a slice of runs while the density does not fall: the widening with the highest density first.</summary>
        public void Paste(PrimSettings settings)
        {
            while (Runs > 0)
            {
                int take = Math.Max(1, (int)(settings.PasteAlpha * Runs));
                double mean = (double)OfInterestIn / Runs, best = mean;
                (int Input, bool Low, double Limit)? choice = null;
                for (int i = 0; i < _x.Length; i++)
                    foreach (bool low in new[] { true, false })
                    {
                        if (PasteCandidate(i, low, take) is not var (added, addedOfInterest, limit)) continue;
                        double density = (double)(OfInterestIn + addedOfInterest) / (Runs + added);
                        if (density >= best && (choice is null || density > best))
                            (best, choice) = (density, (i, low, limit));
                    }
                if (choice is not var (input, side, newLimit)) return;
                Widen(input, side, newLimit);
            }
        }

        /// <summary>
        /// The runs just outside input i's lower (upper) limit that are inside every other limit: the next <paramref name="take"/>
        /// of them and any tied with the last; null when there are none.
        /// </summary>
        private (int Added, int OfInterest, double Limit)? PasteCandidate(int i, bool low, int take)
        {
            if (low ? _lower[i] <= _ranges[i].Min : _upper[i] >= _ranges[i].Max) return null;
            var column = _x[i];
            var sorted = _order[i];
            int step = low ? -1 : 1, end = low ? -1 : sorted.Length;
            int added = 0, addedOfInterest = 0;
            double limit = double.NaN;
            for (int p = low ? _lo[i] - 1 : _hi[i] + 1; p != end; p += step)
            {
                int r = sorted[p];
                double v = column[r];
                if (added >= take && v != limit) break;
                if (_violations[r] != 1) continue; // outside another limit too (or covered)
                (limit, added) = (v, added + 1);
                if (_y[r]) addedOfInterest++;
            }
            return added == 0 ? null : (added, addedOfInterest, limit);
        }

        private void Widen(int i, bool low, double limit)
        {
            var sorted = _order[i];
            if (low)
            {
                for (; _lo[i] > 0 && _x[i][sorted[_lo[i] - 1]] >= limit; _lo[i]--) Enter(sorted[_lo[i] - 1]);
                _lower[i] = limit;
            }
            else
            {
                for (; _hi[i] < sorted.Length - 1 && _x[i][sorted[_hi[i] + 1]] <= limit; _hi[i]++) Enter(sorted[_hi[i] + 1]);
                _upper[i] = limit;
            }
        }

        private void Enter(int r)
        {
            _violations[r]--;
            if (_violations[r] != 0) return;
            Runs++;
            if (_y[r]) OfInterestIn++;
        }

        /// <summary>Every restricted input with its limits and quasi-p-value.</summary>
        public IReadOnlyList<Restriction> Restrictions()
        {
            var result = new List<Restriction>();
            for (int i = 0; i < _x.Length; i++)
            {
                bool lower = _lower[i] > _ranges[i].Min, upper = _upper[i] < _ranges[i].Max;
                if (!lower && !upper) continue;
                int runs = 0, ofInterest = 0;
                for (int r = 0; r < _y.Length; r++)
                {
                    bool onlyThis = _violations[r] == 1 && (_x[i][r] < _lower[i] || _x[i][r] > _upper[i]);
                    if (_violations[r] != 0 && !onlyThis) continue;
                    runs++;
                    if (_y[r]) ofInterest++;
                }
                result.Add(new Restriction(i, new Interval(_lower[i], _upper[i]), lower, upper, QuasiP(OfInterestIn, Runs, (double)ofInterest / runs)));
            }
            return result;
        }

        /// <summary>P(X &gt;= hits) for X ~ Binomial(trials, p): the regularised incomplete beta I_p(hits, trials - hits + 1).</summary>
        private static double QuasiP(int hits, int trials, double p) =>
            hits == 0 ? 1 : p >= 1 ? 1 : p <= 0 ? 0 : SpecialFunctions.BetaRegularized(hits, trials - hits + 1, p);

        /// <summary>Marks the box's runs as covered, so the next box is found among the rest.</summary>
        public void Cover()
        {
            for (int r = 0; r < _y.Length; r++)
                if (_violations[r] == 0) _covered[r] = true;
        }
    }
}
