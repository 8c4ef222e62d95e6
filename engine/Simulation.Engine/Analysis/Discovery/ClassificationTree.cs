using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Analysis.Discovery;

/// <summary>
/// A node of a classification tree: how many runs reach it and how many of those are of interest; an inner node splits
/// them on Input &lt;= Threshold (Below) or above it (Above).
/// </summary>
public sealed record DecisionNode(int Runs, int OfInterest, int Input = -1, double Threshold = double.NaN, DecisionNode? Below = null, DecisionNode? Above = null)
{
    public bool IsLeaf => Below is null;

    public double Density => Runs == 0 ? 0 : (double)OfInterest / Runs;
}

/// <summary>
/// Binary classification trees on the runs of interest, split by Gini impurity (Breiman, Friedman, Olshen and Stone
/// 1984). <see cref="Grow"/> is CART's greedy tree: at each node the split of largest impurity decrease over every
/// input and every threshold (midway between neighbouring values). <see cref="GrowRandomised"/> is one tree of Geurts,
/// Ernst and Wehenkel's (2006) extremely randomised trees: at each node the best of a few random inputs, each cut at a
/// random threshold, which feature scoring averages over many trees. Both stop at a depth, at nodes too small to split,
/// and at pure nodes; both add each split's impurity decrease to its input's importance.
/// </summary>
public static class ClassificationTree
{
    /// <summary>CART: the best split at every node, to <paramref name="maxDepth"/> levels, leaves of at least <paramref name="minLeaf"/> runs.</summary>
    public static DecisionNode Grow(double[][] x, bool[] y, int maxDepth, int minLeaf, double[]? importance = null)
    {
        var order = x.Select(column => Enumerable.Range(0, y.Length).OrderBy(r => column[r]).ThenBy(r => r).ToArray()).ToArray();
        var rows = Enumerable.Range(0, y.Length).ToArray();
        return Node(rows, 0);

        DecisionNode Node(int[] at, int depth)
        {
            int hits = at.Count(r => y[r]);
            if (depth >= maxDepth || at.Length < 2 * minLeaf || hits == 0 || hits == at.Length) return new DecisionNode(at.Length, hits);
            var member = new bool[y.Length];
            foreach (var r in at) member[r] = true;
            (int Input, double Threshold, double Decrease)? best = null;
            for (int i = 0; i < x.Length; i++)
            {
                int left = 0, leftHits = 0;
                double previous = double.NaN;
                foreach (int r in order[i])
                {
                    if (!member[r]) continue;
                    double v = x[i][r];
                    if (left >= minLeaf && at.Length - left >= minLeaf && v != previous)
                    {
                        double decrease = Decrease(at.Length, hits, left, leftHits);
                        if (decrease > (best?.Decrease ?? 1e-12)) best = (i, previous + (v - previous) / 2, decrease);
                    }
                    previous = v;
                    left++;
                    if (y[r]) leftHits++;
                }
            }
            return best is { } split ? Split(at, depth, split.Input, split.Threshold, split.Decrease) : new DecisionNode(at.Length, hits);
        }

        DecisionNode Split(int[] at, int depth, int input, double threshold, double decrease)
        {
            if (importance is not null) importance[input] += decrease;
            var below = at.Where(r => x[input][r] <= threshold).ToArray();
            var above = at.Where(r => x[input][r] > threshold).ToArray();
            return new DecisionNode(at.Length, at.Count(r => y[r]), input, threshold, Node(below, depth + 1), Node(above, depth + 1));
        }
    }

    /// <summary>
    /// An extremely randomised tree over <paramref name="rows"/>: at each node <paramref name="tries"/> random inputs, each
    /// cut at a threshold uniform between its smallest and largest value in the node, and the best of those kept. Random
    /// numbers come from (seed, tree, draw) alone.
    /// </summary>
    public static void GrowRandomised(double[][] x, bool[] y, int[] rows, int maxDepth, int minLeaf, int tries, ulong seed, int tree, double[] importance)
    {
        ulong draw = 0;
        double Next() => UnitHash.Uniform(seed, 0x58545245UL + (ulong)tree, draw++); // "XTRE"
        Node(rows, 0);

        void Node(int[] at, int depth)
        {
            int hits = 0;
            foreach (int r in at) hits += y[r] ? 1 : 0;
            if (depth >= maxDepth || at.Length < 2 * minLeaf || hits == 0 || hits == at.Length) return;
            (int Input, double Threshold, double Decrease)? best = null;
            for (int t = 0; t < tries; t++)
            {
                int i = Math.Min(x.Length - 1, (int)(Next() * x.Length));
                double low = double.PositiveInfinity, high = double.NegativeInfinity;
                foreach (int r in at)
                {
                    low = Math.Min(low, x[i][r]);
                    high = Math.Max(high, x[i][r]);
                }
                if (!(high > low)) continue;
                double threshold = low + Next() * (high - low);
                int left = 0, leftHits = 0;
                foreach (int r in at)
                    if (x[i][r] <= threshold)
                    {
                        left++;
                        if (y[r]) leftHits++;
                    }
                if (left < minLeaf || at.Length - left < minLeaf) continue;
                double decrease = Decrease(at.Length, hits, left, leftHits);
                if (decrease > (best?.Decrease ?? 0)) best = (i, threshold, decrease);
            }
            if (best is not { } split) return;
            importance[split.Input] += split.Decrease;
            Node(at.Where(r => x[split.Input][r] <= split.Threshold).ToArray(), depth + 1);
            Node(at.Where(r => x[split.Input][r] > split.Threshold).ToArray(), depth + 1);
        }
    }

    /// <summary>n Gini(node) - n_left Gini(left) - n_right Gini(right), with Gini(p) = 2 p (1 - p) for two classes.</summary>
    private static double Decrease(int n, int hits, int left, int leftHits)
    {
        static double Weighted(double count, double positives) => count == 0 ? 0 : 2 * positives * (count - positives) / count;
        return Weighted(n, hits) - Weighted(left, leftHits) - Weighted(n - left, hits - leftHits);
    }
}
