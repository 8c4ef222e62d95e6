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
    public void DelayInformation_ConstantDelay_IsDelayFixed(double delay, double dt)
    {
        var run = MdlModels.Run(MdlModels.File($"""
            input = 3 + Time * Time ~~|
            information = DELAY INFORMATION(input, {delay}, 7) ~~|
            fixed = DELAY FIXED(input, {delay}, 7) ~~|
            """, Clock15.Replace("TIME STEP = 1", $"TIME STEP = {dt}")));
        Assert.That(run.Series("information"), Is.EqualTo(run.Series("fixed")));
    }

    [Test]
    public void DelayInformation_OnBothBackEnds_GivesIdenticalBits() =>
        Runtime.Vector.DifferentialTests.CheckModel(TestModels.Model("""
            { "name": "d", "kind": "auxiliary", "equation": "1 + 3 * (1 + SIN(TIME))" },
            { "name": "x", "kind": "auxiliary", "dimensions": ["D"], "equation": "DELAY_INFORMATION(TIME * D, d * D, -D)" },
            { "name": "f", "kind": "flow", "equation": "DELAY_INFORMATION(TIME, d, 0)" },
            { "name": "S", "kind": "stock", "initial": "0", "inflows": ["f"] }
            """, "\"start\": 0, \"stop\": 30, \"dt\": 0.5, \"method\": \"rk4\"", """[ { "name": "D", "size": 3 } ]"""), [], 9, 8);
}
