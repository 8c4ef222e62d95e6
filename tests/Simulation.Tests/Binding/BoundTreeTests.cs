using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Structure.Dominance;

namespace Simulation.Tests.Binding;

/// <summary>
/// BoundTree.Any: one search over bound expressions (through ForEachChild, like every other walk), which the questions
/// "does the model draw random numbers?", "does it read STOPTIME?" and "can loop dominance re-evaluate this equation?"
/// now ask instead of walking the tree each their own way.
/// </summary>
public class BoundTreeTests
{
    private static BoundExpr Equation(string equation, string extra = "")
    {
        string variables = """{ "name": "s", "kind": "stock", "initial": 1 }, { "name": "d", "kind": "auxiliary", "equation": 2 }""" + extra +
                           $$""", { "name": "x", "kind": "auxiliary", "equation": "{{equation}}" }""";
        var model = TestModels.Bind(TestModels.Model(variables));
        return model.Elements.Single(e => e.DisplayName == "x").Equation!;
    }

    private static bool IsRandom(BoundExpr node) => node is BRandom;

    [TestCase("RANDOM(0, 1)")]
    [TestCase("s + IF s > 1 THEN 0 ELSE NORMAL(0, 1)")]
    [TestCase("INIT(RANDOM(0, 1))")]
    [TestCase("PREVIOUS(s, RANDOM(0, 1))")]
    [TestCase("ACTIVE_INITIAL(s, RANDOM(0, 1))")]
    [TestCase("DELAY(s, 2, RANDOM(0, 1))")]
    [TestCase("MAX(s, MIN(d, ABS(-EXPRND(1))))")]
    public void Any_FindsADrawWhereverItSits(string equation) =>
        Assert.That(BoundTree.Any(Equation(equation), IsRandom), Is.True);

    [TestCase("s + d * 2")]
    [TestCase("ACTIVE_INITIAL(s, INIT(d))")]
    public void Any_WithoutADraw_IsFalse(string equation) =>
        Assert.That(BoundTree.Any(Equation(equation), IsRandom), Is.False);

    [Test]
    public void Any_AtTheRates_SkipsWhatOnlyTheInitialValuesRead()
    {
        Assert.That(BoundTree.Any(Equation("s + INIT(RANDOM(0, 1))"), IsRandom, Phase.Rates), Is.False);
        Assert.That(BoundTree.Any(Equation("ACTIVE_INITIAL(s, RANDOM(0, 1))"), IsRandom, Phase.Rates), Is.False);
        Assert.That(BoundTree.Any(Equation("ACTIVE_INITIAL(RANDOM(0, 1), s)"), IsRandom, Phase.Rates), Is.True);
    }

    [Test]
    public void Any_OnATwentyThousandTermChain_FindsItsLastTermWithoutDeepRecursion()
    {
        string chain = string.Join(" + ", Enumerable.Repeat("s", 20_000)) + " + RANDOM(0, 1)";
        Assert.That(BoundTree.Any(Equation(chain), IsRandom), Is.True);
    }

    /// <summary>
    /// A model whose ACTIVE_INITIAL reads STOPTIME computes other values when a run stops earlier, so calibration must
    /// not cut its runs short at the last data point (SeriesRecording); the search used to skip both sides of ACTIVE_INITIAL.
    /// </summary>
    [TestCase("ACTIVE_INITIAL(s, STOPTIME)", true)]
    [TestCase("ACTIVE_INITIAL(STOPTIME - TIME, 0)", true)]
    [TestCase("INIT(STOPTIME / 2)", true)]
    [TestCase("PREVIOUS(s, STOPTIME)", true)]
    [TestCase("s * STARTTIME + TIME", false)]
    public void ReadsStopTime_LooksEverywhere(string equation, bool reads) =>
        Assert.That(References.ReadsStopTime(Equation(equation)), Is.EqualTo(reads));

    [TestCase("s * d + STEP(1, 2)", true)]
    [TestCase("ACTIVE_INITIAL(s, INIT(d))", true)]
    [TestCase("s + INIT(d)", true)]
    [TestCase("s + INIT(PREVIOUS(d))", false)]
    [TestCase("s + INIT(RANDOM(0, 1))", false)]
    [TestCase("PREVIOUS(s)", false)]
    [TestCase("DELAY(s, 2)", false)]
    [TestCase("s + RANDOM(0, 1)", false)]
    public void Dominance_CanEvaluateOnlyWhatHasNoMemory(string equation, bool can) =>
        Assert.That(EquationEvaluator.CanEvaluate(Equation(equation)), Is.EqualTo(can));
}
