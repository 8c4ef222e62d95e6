namespace Simulation.Tests.Arrays;

/// <summary>
/// RANK, VECTOR_RANK, VECTOR_SORT_ORDER and VECTOR_REORDER against ranks and orders computed here by sorting
/// (a stable sort: equal values keep their element order), on values with ties that change every step.
/// </summary>
public class VectorOrderTests
{
    private const int N = 6;
    private const string Dimensions = """[ { "name": "D", "size": 6 }, { "name": "R", "size": 2 } ]""";
    private const string X = """{ "name": "x", "kind": "auxiliary", "dimensions": ["D"], "equation": "INT(4 * SIN(D * 1.7 + TIME))" }""";

    private static Simulation.Engine.Results.SimulationResult Run(string variables) =>
        TestModels.Run(TestModels.Model(X + ", " + variables, "\"start\": 0, \"stop\": 12, \"dt\": 1", Dimensions));

    private static double[][] Vectors(Simulation.Engine.Results.SimulationResult run, string name) =>
        Enumerable.Range(0, run.Series("x[1]").Length).Select(t => Enumerable.Range(1, N).Select(d => run.Series($"{name}[{d}]")[t]).ToArray()).ToArray();

    /// <summary>The element indices (0-based) in sorted order: ascending, or descending, equal values in element order.</summary>
    private static int[] SortOrder(double[] x, bool ascending) =>
        (ascending ? Enumerable.Range(0, x.Length).OrderBy(i => x[i]) : Enumerable.Range(0, x.Length).OrderByDescending(i => x[i])).ToArray();

    [TestCase(1, true)]
    [TestCase(0, false)]
    public void RankSortOrderReorder_AgreeWithASort(int direction, bool ascending)
    {
        var run = Run($$"""
            { "name": "rank", "kind": "auxiliary", "dimensions": ["D"], "equation": "VECTOR_RANK(x[D], {{direction}})" },
            { "name": "order", "kind": "auxiliary", "dimensions": ["D"], "equation": "VECTOR_SORT_ORDER(x[*], {{direction}})" },
            { "name": "sorted", "kind": "auxiliary", "dimensions": ["D"], "equation": "VECTOR_REORDER(x[D], order[D])" }
            """);
        var x = Vectors(run, "x");
        Assert.That(x.Any(v => v.Distinct().Count() < N), "the case needs ties");
        for (int t = 0; t < x.Length; t++)
        {
            var order = SortOrder(x[t], ascending);
            var rank = new double[N];
            for (int position = 0; position < N; position++) rank[order[position]] = position + 1;
            Assert.That(Vectors(run, "rank")[t], Is.EqualTo(rank), $"ranks at step {t}");
            Assert.That(Vectors(run, "order")[t], Is.EqualTo(order.Select(i => (double)i)), $"sort order at step {t}");
            Assert.That(Vectors(run, "sorted")[t], Is.EqualTo(order.Select(i => x[t][i])), $"reordered at step {t}");
        }
    }

    [Test]
    public void XmileRank_IndexOfTheElementOfEachRank_TiesBrokenBySecondArray()
    {
        var run = Run("""
            { "name": "tie", "kind": "auxiliary", "dimensions": ["D"], "equation": "7 - D" },
            { "name": "smallest", "kind": "auxiliary", "equation": "RANK(x[*], 1)" },
            { "name": "largest", "kind": "auxiliary", "equation": "RANK(x, SIZE(x))" },
            { "name": "byTie", "kind": "auxiliary", "dimensions": ["D"], "equation": "RANK(x[*], D, tie[*])" },
            { "name": "none", "kind": "auxiliary", "equation": "RANK(x[*], 7)" }
            """);
        var x = Vectors(run, "x");
        for (int t = 0; t < x.Length; t++)
        {
            var ascending = SortOrder(x[t], ascending: true);
            Assert.That(run.Series("smallest")[t], Is.EqualTo(ascending[0] + 1));
            Assert.That(run.Series("largest")[t], Is.EqualTo(ascending[^1] + 1));
            var byTie = Enumerable.Range(0, N).OrderBy(i => x[t][i]).ThenBy(i => 7 - (i + 1)).Select(i => (double)i + 1);
            Assert.That(Vectors(run, "byTie")[t], Is.EqualTo(byTie), $"step {t}");
            Assert.That(run.Series("none")[t], Is.EqualTo(0));
        }
    }

    [Test]
    public void VectorRank_TwoDimensions_RanksAlongTheLastSubscript()
    {
        var run = Run("""
            { "name": "m", "kind": "auxiliary", "dimensions": ["R", "D"], "equation": "x[D] * (3 - 2 * R)" },
            { "name": "rank", "kind": "auxiliary", "dimensions": ["R", "D"], "equation": "VECTOR_RANK(m[R, D], 1)" },
            { "name": "total", "kind": "auxiliary", "equation": "SUM(VECTOR_RANK(m[1, *], 1))" }
            """);
        for (int t = 0; t < 13; t++)
            for (int r = 1; r <= 2; r++)
            {
                var m = Enumerable.Range(1, N).Select(d => run.Series($"m[{r},{d}]")[t]).ToArray();
                var order = SortOrder(m, ascending: true);
                var rank = new double[N];
                for (int position = 0; position < N; position++) rank[order[position]] = position + 1;
                Assert.That(Enumerable.Range(1, N).Select(d => run.Series($"rank[{r},{d}]")[t]), Is.EqualTo(rank));
            }
        Assert.That(run.Series("total"), Is.All.EqualTo(N * (N + 1) / 2));
    }

    [Test]
    public void VectorElmMap_OffsetThroughAllElementsInRowMajorOrder()
    {
        // m[R, D] = 10 R + D, stored m[1,1..6], m[2,1..6]: from m[1, 5], offset 3 is m[2, 2].
        var run = Run("""
            { "name": "m", "kind": "auxiliary", "dimensions": ["R", "D"], "equation": "10 * R + D" },
            { "name": "next", "kind": "auxiliary", "dimensions": ["D"], "equation": "VECTOR_ELM_MAP(m[1, D], 3)" },
            { "name": "moving", "kind": "auxiliary", "equation": "VECTOR_ELM_MAP(m[1, 1], TIME)" }
            """);
        Assert.That(Enumerable.Range(1, N).Select(d => run.Series($"next[{d}]")[0]), Is.EqualTo(new double[] { 14, 15, 16, 21, 22, 23 }));
        Assert.That(run.Series("moving"), Is.EqualTo(new double[] { 11, 12, 13, 14, 15, 16, 21, 22, 23, 24, 25, 26, 0 }), "0 past the last element");
    }

    [TestCase("VECTOR_RANK(m[*, *], 1)", "works along one dimension")]
    [TestCase("VECTOR_RANK(x[D], x[*])", "direction must be one number")]
    [TestCase("RANK(x[*], 1, m[*, *])", "tie-breaking array has 12 elements")]
    public void Misuse_ReportedAsDimensionMismatch(string equation, string message)
    {
        var diagnostics = TestModels.Diagnose(TestModels.Model(X + """
            , { "name": "m", "kind": "auxiliary", "dimensions": ["R", "D"], "equation": "R + D" }
            """ + $$""", { "name": "y", "kind": "auxiliary", "dimensions": ["D"], "equation": "{{equation}}" }""", dimensions: Dimensions));
        Assert.That(diagnostics.Any(d => d.Code == "SD2203" && d.Message.Contains(message)), Is.True,
            string.Join("; ", diagnostics.Select(d => d.Code + " " + d.Message)));
    }
}
