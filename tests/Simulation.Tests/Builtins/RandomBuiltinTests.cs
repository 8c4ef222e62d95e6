using MathNet.Numerics.Distributions;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Ops;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Builtins;

/// <summary>Random builtins: the stream, the distributions' moments, and reproducibility.</summary>
public class RandomBuiltinTests
{
    [Test]
    public void Stream_KnownState_GivesReferenceXoshiro256StarStarOutputs()
    {
        var stream = new RandomStream(1, 2, 3, 4);
        Assert.That(new[] { stream.NextBits(), stream.NextBits(), stream.NextBits(), stream.NextBits() },
            Is.EqualTo(new ulong[] { 11520, 0, 1509978240, 1215971899390074240 }));
    }

    [Test]
    public void SplitMix64_SeedZero_GivesReferenceOutputs()
    {
        ulong x = 0;
        Assert.That(RandomStream.SplitMix64(ref x), Is.EqualTo(0xE220A8397B1DCDAFUL));
        Assert.That(RandomStream.SplitMix64(ref x), Is.EqualTo(0x6E789E6AA1B965F4UL));
    }

    [Test]
    public void Stream_SeedAndRun_SeedsFromSplitMix64AsDocumented()
    {
        // h = SplitMix64(42); state = next four outputs of SplitMix64 from h XOR 7 (checked with an independent script).
        Assert.That(new RandomStream(42, 7).NextBits(), Is.EqualTo(4706337660387043474UL));
    }

    private static (double Mean, double Variance) Moments(string op, double[] parameters, int n = 200_000)
    {
        var stream = new RandomStream(2024, 1);
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double x = Draw(op, stream, parameters);
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / n;
        return (mean, sumSq / n - mean * mean);
    }

    /// <summary>One draw of the random operation with this plan name (RandomUniform...), as both back ends draw.</summary>
    private static double Draw(string op, Random stream, double[] parameters) => ((RandomOperation)Operations.Named(op)!).Sample(stream, parameters);

    private static double TruncatedNormalMean(double mu, double sd, double lo, double hi)
    {
        double a = (lo - mu) / sd, b = (hi - mu) / sd;
        return mu + sd * (Normal.PDF(0, 1, a) - Normal.PDF(0, 1, b)) / (Normal.CDF(0, 1, b) - Normal.CDF(0, 1, a));
    }

    /// <summary>Sample mean and variance within 5 standard errors of the distribution's (n = 200,000 draws, fixed seed).</summary>
    [TestCase("RandomUniform", new[] { 2.0, 5.0 }, 3.5, 0.75)]
    [TestCase("RandomNormal", new[] { 10.0, 3.0 }, 10.0, 9.0)]
    [TestCase("RandomLogNormal", new[] { 10.0, 2.0 }, 10.0, 4.0)]
    [TestCase("RandomExponential", new[] { 4.0 }, 4.0, 16.0)]
    [TestCase("RandomPoisson", new[] { 3.5 }, 3.5, 3.5)]
    [TestCase("RandomPoisson", new[] { 400.0 }, 400.0, 400.0)]
    [TestCase("RandomTriangular", new[] { 1.0, 2.0, 6.0 }, 3.0, (1 + 4 + 36 - 2 - 6 - 12) / 18.0)]
    [TestCase("RandomBeta", new[] { 2.0, 5.0 }, 2.0 / 7, 10.0 / (49 * 8))]
    public void Draw_ManySamples_MomentsWithinSamplingTolerance(string op, double[] parameters, double mean, double variance)
    {
        var (m, v) = Moments(op, parameters);
        double n = 200_000;
        Assert.That(m, Is.EqualTo(mean).Within(5 * Math.Sqrt(variance / n)), "mean");
        // The variance of the sample variance is about (kurtosis - 1) sigma^4 / n; allow a generous kurtosis of 10.
        Assert.That(v, Is.EqualTo(variance).Within(5 * variance * Math.Sqrt(10 / n)), "variance");
    }

    [Test]
    public void Draw_TruncatedNormal_StaysInBoundsWithTheTruncatedMean()
    {
        var stream = new RandomStream(5, 0);
        double[] p = [1.0, 2.0, 0.0, 5.0];
        double sum = 0;
        const int n = 100_000;
        for (int i = 0; i < n; i++)
        {
            double x = Draw("RandomTruncatedNormal", stream, p);
            Assert.That(x, Is.InRange(0.0, 5.0));
            sum += x;
        }
        Assert.That(sum / n, Is.EqualTo(TruncatedNormalMean(1, 2, 0, 5)).Within(5 * 2.0 / Math.Sqrt(n)));
    }

    [TestCase("RandomNormal", new[] { 1.0, -1.0 })]
    [TestCase("RandomUniform", new[] { 3.0, 1.0 })]
    [TestCase("RandomLogNormal", new[] { -1.0, 1.0 })]
    [TestCase("RandomExponential", new[] { -1.0 })]
    [TestCase("RandomPoisson", new[] { -2.0 })]
    [TestCase("RandomTriangular", new[] { 0.0, 5.0, 1.0 })]
    [TestCase("RandomBeta", new[] { 0.0, 1.0 })]
    [TestCase("RandomTruncatedNormal", new[] { 0.0, 1.0, 2.0, 1.0 })]
    [TestCase("RandomNormal", new[] { double.NaN, 1.0 })]
    public void Draw_ParametersOutsideDomain_GiveNaNWithoutThrowing(string op, double[] parameters) =>
        Assert.That(Draw(op, new RandomStream(1, 1), parameters), Is.NaN);

    [TestCase("RandomExponential", new[] { 0.0 }, 0.0)]
    [TestCase("RandomPoisson", new[] { 0.0 }, 0.0)]
    [TestCase("RandomUniform", new[] { 2.0, 2.0 }, 2.0)]
    [TestCase("RandomTriangular", new[] { 3.0, 3.0, 3.0 }, 3.0)]
    [TestCase("RandomTruncatedNormal", new[] { 7.0, 0.0, 0.0, 5.0 }, 5.0)]
    public void Draw_DegenerateParameters_GiveTheOnlyPossibleValue(string op, double[] parameters, double expected) =>
        Assert.That(Draw(op, new RandomStream(1, 1), parameters), Is.EqualTo(expected));

    private const string RandomModel = """
        { "name": "u", "kind": "auxiliary", "equation": "RANDOM(0, 10)" },
        { "name": "n", "kind": "auxiliary", "dimensions": ["D"], "equation": "NORMAL(D, 1)" },
        { "name": "p", "kind": "flow", "equation": "POISSON(3) + TRIANGULAR(0, 1, 2) + BETA(2, 2) + EXPRND(1) + LOGNORMAL(2, 1) + UNIFORM(0, 1)" },
        { "name": "S", "kind": "stock", "initial": "NORMAL(0, 1, -1, 1)", "inflows": ["p"] }
        """;

    private static string Model(string method = "euler") => TestModels.Model(RandomModel,
        $"\"start\": 0, \"stop\": 20, \"dt\": 0.5, \"method\": \"{method}\"", """[ { "name": "D", "size": 3 } ]""");

    private static double[][] Run(EvaluationPlan plan, ulong seed, ulong run = 0) =>
        Simulator.Run(plan, seed: seed, runIndex: run).Rows.ToArray();

    [Test]
    public void Run_SameSeed_GivesIdenticalOutputEveryTime()
    {
        var plan = TestModels.Compile(Model());
        var first = Run(plan, 17);
        for (int i = 0; i < 3; i++)
            Assert.That(Run(TestModels.Compile(Model()), 17), Is.EqualTo(first));
    }

    [Test]
    public void Run_DifferentSeedOrRunIndex_GivesDifferentDraws()
    {
        var plan = TestModels.Compile(Model());
        var baseline = Run(plan, 17)[5];
        Assert.That(Run(plan, 18)[5], Is.Not.EqualTo(baseline));
        Assert.That(Run(plan, 17, run: 1)[5], Is.Not.EqualTo(baseline));
    }

    [Test]
    public void Run_EachElementAndEachStep_DrawsAnew()
    {
        var result = Simulator.Run(TestModels.Compile(Model()), seed: 3);
        var u = result.Series("u");
        Assert.That(u.Distinct().Count(), Is.EqualTo(u.Length), "a new value every step");
        Assert.That(u, Is.All.InRange(0.0, 10.0));
        Assert.That(result.Series("n[1]")[4], Is.Not.EqualTo(result.Series("n[2]")[4] - 1), "elements draw independently");
    }

    [Test]
    public void Run_Rk4_HoldsEachDrawThroughTheStepsStages()
    {
        // The stock gains dt * p(t) exactly when all four stages see the same draw.
        var result = Simulator.Run(TestModels.Compile(Model("rk4")), seed: 9);
        var p = result.Series("p");
        var s = result.Series("S");
        for (int i = 0; i + 1 < s.Length; i++)
            Assert.That(s[i + 1] - s[i], Is.EqualTo(0.5 * p[i]).Within(1e-12), $"step {i}");
    }

    [Test]
    public void Run_StockInitialFromRandomAux_SeesTheSameDrawAsTheAuxAtTimeZero()
    {
        var result = TestModels.Run(TestModels.Model(
            Equations.Aux("x", "RANDOM(0, 1)") + """, { "name": "S", "kind": "stock", "initial": "x" }"""));
        Assert.That(result.Series("S")[0], Is.EqualTo(result.Series("x")[0]));
        Assert.That(result.Series("x")[1], Is.Not.EqualTo(result.Series("x")[0]));
    }

    [Test]
    public void Run_TwoIdenticalCallsInOneEquation_AreIndependentDraws()
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("d", "RANDOM(0, 1) - RANDOM(0, 1)")));
        Assert.That(result.Series("d"), Has.None.EqualTo(0));
    }

    [Test]
    public void Run_InitOfRandom_DrawsOncePerRun()
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("x", "INIT(NORMAL(5, 1))")));
        Assert.That(result.Series("x").Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Run_InvalidParameters_ReportsNotFiniteWithTheVariable()
    {
        var result = TestModels.Run(TestModels.Model(
            """{ "name": "x", "kind": "flow", "equation": "NORMAL(0, -1)" }, { "name": "S", "kind": "stock", "initial": 0, "inflows": ["x"] }"""));
        Assert.That(result.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.NotFinite));
        Assert.That(result.Diagnostics.Single().Message, Does.Contain("'x'"));
    }

    [Test, NonParallelizable]
    public void Cli_SeedOption_SameSeedSameFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sim-seed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string model = Path.Combine(dir, "m.json");
            File.WriteAllText(model, TestModels.Model(Equations.Aux("x", "RANDOM(0, 1)")));
            string Run(int seed, string name)
            {
                string output = Path.Combine(dir, name);
                // In process with the console captured: what the command prints is checked, not left in the test log.
                var r = Simulation.Tests.Hardening.InProcessSim.Run("run", model, "--output", output, "--seed", seed.ToString());
                Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
                Assert.That(r.Stderr, Does.Contain($"wrote 11 rows x 1 variables to {output}"));
                return File.ReadAllText(output);
            }
            Assert.That(Run(5, "a.csv"), Is.EqualTo(Run(5, "b.csv")));
            Assert.That(Run(6, "c.csv"), Is.Not.EqualTo(Run(5, "d.csv")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
