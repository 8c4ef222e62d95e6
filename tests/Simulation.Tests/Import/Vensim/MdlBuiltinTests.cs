namespace Simulation.Tests.Import.Vensim;

/// <summary>
/// Vensim functions read since the first import: each run on a small model and checked against values worked out
/// here by hand from the function's definition in Vensim's reference manual.
/// </summary>
public class MdlBuiltinTests
{
    [Test]
    public void Reinitial_IsTheValueAtTheInitialTime_AsInitialIs()
    {
        var run = MdlModels.Run(MdlModels.File("""
            x = 3 + 2 * Time ~~|
            r = REINITIAL(x) ~~|
            i = INITIAL(x) ~~|
            """));
        Assert.That(run.Series("r"), Is.All.EqualTo(3.0));
        Assert.That(run.Series("r"), Is.EqualTo(run.Series("i")));
    }
    private const string Clock15 = """
        INITIAL TIME = 0 ~~|
        FINAL TIME = 15 ~~|
        TIME STEP = 1 ~~|
        SAVEPER = 1 ~~|
        """;

    [Test]
    public void DelayInformation_SkipsWhenTheDelayShortens_HoldsWhenItLengthens()
    {
        // The delay is 2 until t = 5, 4 until t = 10, then 1; the expected series is tests/crosscheck/delay_information.py's.
        var run = MdlModels.Run(MdlModels.File("""
            input = 10 * Time ~~|
            delay = IF THEN ELSE(Time < 5, 2, IF THEN ELSE(Time < 10, 4, 1)) ~~|
            out = DELAY INFORMATION(input, delay, -1) ~~|
            """, Clock15));
        Assert.That(run.Series("out"), Is.EqualTo(new[] { -1.0, -1, 0, 10, 20, 30, 30, 30, 40, 50, 60, 100, 110, 120, 130, 140 }));
    }

    [TestCase(2.0, 1.0)]
    [TestCase(2.5, 0.5)]
    [TestCase(0.2, 1.0)]
    [TestCase(40.0, 1.0)]
    public void InformationAndMaterialDelays_ConstantDelay_AreDelayFixed(double delay, double dt)
    {
        var run = MdlModels.Run(MdlModels.File($"""
            input = 3 + Time * Time ~~|
            information = DELAY INFORMATION(input, {delay}, 7) ~~|
            material = DELAY MATERIAL(input, {delay}, 7, -5) ~~|
            fixed = DELAY FIXED(input, {delay}, 7) ~~|
            """, Clock15.Replace("TIME STEP = 1", $"TIME STEP = {dt}")));
        Assert.That(run.Series("information"), Is.EqualTo(run.Series("fixed")));
        Assert.That(run.Series("material"), Is.EqualTo(run.Series("fixed")));
    }

    [Test]
    public void InformationAndMaterialDelays_OnBothBackEnds_GiveIdenticalBits() =>
        Runtime.Vector.DifferentialTests.CheckModel(TestModels.Model("""
            { "name": "d", "kind": "auxiliary", "equation": "1 + 3 * (1 + SIN(TIME))" },
            { "name": "x", "kind": "auxiliary", "dimensions": ["D"], "equation": "DELAY_INFORMATION(TIME * D, d * D, -D)" },
            { "name": "f", "kind": "flow", "equation": "DELAY_INFORMATION(TIME, d, 0)" },
            { "name": "m", "kind": "auxiliary", "dimensions": ["D"], "equation": "DELAY_MATERIAL(TIME * D, d * D, -D, D / 10)" },
            { "name": "g", "kind": "flow", "equation": "DELAY_MATERIAL(TIME, d, 0, 0)" },
            { "name": "S", "kind": "stock", "initial": "0", "inflows": ["f", "g"] }
            """, "\"start\": 0, \"stop\": 30, \"dt\": 0.5, \"method\": \"rk4\"", """[ { "name": "D", "size": 3 } ]"""), [], 9, 8);

    [Test]
    public void DelayMaterial_EachInputLeavesAfterTheDelayItEnteredWith_AndNoneIsLost()
    {
        // The delay is 2 until t = 5, 4 until t = 10, then 1; the expected series is tests/crosscheck/delay_material.py's:
        // nothing leaves at 7 and 8 (missing, -1), and at 11 to 13 two inputs leave together.
        var run = MdlModels.Run(MdlModels.File("""
            input = 10 + Time ~~|
            delay = IF THEN ELSE(Time < 5, 2, IF THEN ELSE(Time < 10, 4, 1)) ~~|
            out = DELAY MATERIAL(input, delay, 3, -1) ~~|
            """, Clock15));
        Assert.That(run.Series("out"), Is.EqualTo(new[] { 3.0, 3, 10, 11, 12, 13, 14, -1, -1, 15, 16, 37, 39, 41, 23, 24 }));
    }

    [Test]
    public void DelayMaterial_ConservesWhatFlowsThroughIt()
    {
        // A stock fills from a delay whose time swings between 1 and 5 steps; the stock plus what is still in the
        // pipeline is the total that entered plus the initial material (2 per step for the first 3 steps).
        var run = MdlModels.Run(MdlModels.File("""
            input = 1 + MODULO(Time, 4) ~~|
            delay = 3 + 2 * SIN(Time) ~~|
            out = DELAY MATERIAL(input, delay, 2, 0) ~~|
            received = INTEG(out, 0) ~~|
            sent = INTEG(input, 0) ~~|
            """, Clock15.Replace("FINAL TIME = 15", "FINAL TIME = 40")));
        double received = run.Series("received")[^1], sent = run.Series("sent")[^1];
        // Still in the pipeline at t = 40: the inputs of steps 0..39 that leave after step 39 (k + round(delay) > 39).
        double[] input = run.Series("input"), delay = run.Series("delay");
        double pending = Enumerable.Range(0, 40).Where(k => k + Math.Max(1, Math.Floor(delay[k] + 0.5)) > 39).Sum(k => input[k]);
        Assert.That(pending, Is.GreaterThan(0));
        Assert.That(received, Is.EqualTo(sent + 2 * 3 - pending).Within(1e-9));
    }

    [Test]
    public void RandomLookup_DrawsWithinTheBounds_TheSameEveryRunForAStream()
    {
        var model = MdlModels.File("""
            density((0, 0), (1, 2), (3, 0)) ~~|
            draw = RANDOM LOOKUP(density, 0.5, 20, 10, 2, 7) ~~|
            common = RANDOM LOOKUP(density, 0, 3, 0, 1, 0) ~~|
            """, Clock15);
        var first = MdlModels.Run(model);
        Assert.That(first.Series("draw"), Is.All.InRange(10.5, 16.0), "10 + 2 z, z in [0, 3]");
        Assert.That(first.Series("draw").Distinct().Count(), Is.GreaterThan(10), "a new draw every step");
        Assert.That(first.Series("common"), Is.All.InRange(0.0, 3.0));
        Assert.That(MdlModels.Run(model).Series("draw"), Is.EqualTo(first.Series("draw")));
    }

    [Test]
    public void InformationAndMaterialDelays_OfExpressions_AreThoseOfTheVariables()
    {
        // Input, delay time and missing value written inline are computed each into a place of its own: none overwrites another.
        var run = MdlModels.Run(MdlModels.File("""
            input = 10 + Time ~~|
            delay = 2 + SIN(Time) ~~|
            information = DELAY INFORMATION(10 + Time, 2 + SIN(Time), -1) ~~|
            information of variables = DELAY INFORMATION(input, delay, -1) ~~|
            material = DELAY MATERIAL(10 + Time, 2 + SIN(Time), -1, -5) ~~|
            material of variables = DELAY MATERIAL(input, delay, -1, -5) ~~|
            """, Clock15));
        Assert.That(run.Series("information"), Is.EqualTo(run.Series("information of variables")));
        Assert.That(run.Series("material"), Is.EqualTo(run.Series("material of variables")));
        Assert.That(run.Series("material").Take(9), Is.EqualTo(new[] { -1.0, -1, 10, -5, 11, 39, 15, -5, 16 }), "worked out by hand");
    }

    [Test]
    public void RandomPinkNoise_HasTheMeanDeviationAndCorrelationTimeAsked()
    {
        // Steady, the noise is an autoregression x' = (1 - a) x + a w with a = dt / T: mean 10, standard deviation 2 (as
        // asked) and lag-k autocorrelation (1 - a)^k = 0.875^k. 80,000 steps of correlated values: about 5,300 independent
        // ones, so the mean is known to 2 / sqrt(5,300) = 0.027 and the deviation to 0.019; allowed 5 standard errors.
        var run = MdlModels.Run(MdlModels.File("""
            noise = RANDOM PINK NOISE(10, 2, 2, 0) ~~|
            seeded = RANDOM PINK NOISE(10, 2, 2, 5) ~~|
            """, """
            INITIAL TIME = 0 ~~|
            FINAL TIME = 20000 ~~|
            TIME STEP = 0.25 ~~|
            SAVEPER = TIME STEP ~~|
            """));
        var x = run.Series("noise").Skip(100).ToArray();
        double mean = x.Average(), sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        double Autocorrelation(int lag) => Enumerable.Range(0, x.Length - lag).Sum(k => (x[k] - mean) * (x[k + lag] - mean)) / (x.Length - lag) / (sd * sd);
        Assert.Multiple(() =>
        {
            Assert.That(run.Series("noise")[0], Is.EqualTo(10), "it starts at the mean");
            Assert.That(mean, Is.EqualTo(10).Within(5 * 0.027));
            Assert.That(sd, Is.EqualTo(2).Within(5 * 0.019));
            Assert.That(Autocorrelation(1), Is.EqualTo(0.875).Within(0.01));
            Assert.That(Autocorrelation(8), Is.EqualTo(Math.Pow(0.875, 8)).Within(0.03));
        });
        var again = MdlModels.Run(MdlModels.File("seeded = RANDOM PINK NOISE(10, 2, 2, 5) ~~|\nother = RANDOM PINK NOISE(10, 2, 2, 0) ~~|",
            "INITIAL TIME = 0 ~~|\nFINAL TIME = 10 ~~|\nTIME STEP = 0.25 ~~|\nSAVEPER = TIME STEP ~~|"));
        Assert.That(again.Series("seeded"), Is.EqualTo(run.Series("seeded").Take(41)), "a stream other than 0 draws the same numbers in every run");
    }
}
