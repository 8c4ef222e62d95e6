using Simulation.Engine.Runtime;

namespace Simulation.Tests.Builtins;

/// <summary>DELAY / DELAY_FIXED: a pipeline of whole steps, max(1, round(delay / dt)), the delay time read once.</summary>
public class PipelineDelayTests
{
    /// <summary>
    /// SDXorg tests/delay_xmile (Stella's DELAY, which works as Vensim's DELAY FIXED): expected values
    /// copied from its output.tab for times 1..13.
    /// </summary>
    [Test]
    public void Delay_SdxorgDelayXmileCase_MatchesExpectedOutput()
    {
        var result = TestModels.Run(TestModels.Model("""
            { "name": "Stock 1", "kind": "stock", "initial": 100, "inflows": ["Flow 2"], "nonNegative": true },
            { "name": "Converter 1", "kind": "auxiliary", "equation": 0.02 },
            { "name": "Flow 2", "kind": "flow", "equation": "Converter_1*Stock_1", "nonNegative": true },
            { "name": "Converter 2", "kind": "auxiliary", "equation": "(((Stock_1/DELAY(Stock_1, 1))-1)*100)" },
            { "name": "Delay Stock 1", "kind": "auxiliary", "equation": "DELAY(Stock_1, 1)" },
            { "name": "Delay Stock 1 0", "kind": "auxiliary", "equation": "DELAY(Stock_1, 1, 0)" },
            { "name": "Delay Flow 2", "kind": "auxiliary", "equation": "DELAY(Flow_2, 5)" },
            { "name": "Delay Flow 2 20", "kind": "auxiliary", "equation": "DELAY(Flow_2, 5, -20)" }
            """, Equations.Time(1, 13, 1)));
        double[] stock = [100.0, 102.0, 104.04, 106.1208, 108.243216, 110.40808032000001, 112.61624192640001, 114.868566764928,
            117.16593810022657, 119.5092568622311, 121.89944199947573, 124.33743083946524, 126.82417945625454];
        double[] delayedFlow = [2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.04, 2.0808, 2.1224160000000003, 2.16486432, 2.2081616064000005,
            2.252324838528, 2.29737133529856];
        Assert.Multiple(() =>
        {
            Assert.That(result.Series("Stock 1"), Is.EqualTo(stock).Within(1e-9));
            Assert.That(result.Series("Delay Stock 1"), Is.EqualTo(stock.Take(1).Concat(stock.Take(12))).Within(1e-9));
            Assert.That(result.Series("Delay Stock 1 0"), Is.EqualTo(new[] { 0.0 }.Concat(stock.Take(12))).Within(1e-9));
            Assert.That(result.Series("Delay Flow 2"), Is.EqualTo(delayedFlow).Within(1e-9));
            Assert.That(result.Series("Delay Flow 2 20"), Is.EqualTo(Enumerable.Repeat(-20.0, 5).Concat(delayedFlow.Skip(5))).Within(1e-9));
            Assert.That(result.Series("Converter 2").Skip(1), Is.All.EqualTo(2.0).Within(1e-9));
            Assert.That(result.Series("Converter 2")[0], Is.EqualTo(0.0).Within(1e-12));
        });
    }

    /// <summary>A delay of d steps of dt: the output at step i is the input at step i - round(d/dt) (at least one step).</summary>
    [TestCase(2.5, 1.0, 3)]
    [TestCase(2.4, 1.0, 2)]
    [TestCase(0.3, 0.1, 3)]
    [TestCase(0.7, 0.1, 7)]
    [TestCase(0.2, 1.0, 1)]
    [TestCase(0.0, 0.5, 1)]
    [TestCase(1.25, 0.5, 3)]
    public void Delay_DtDoesNotDivideDelay_RoundsToNearestWholeStep(double delay, double dt, int steps)
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("x", "TIME * TIME") + "," + Equations.Aux("y", $"DELAY(x, {delay}, -1)"), Equations.Time(0, 40 * dt, dt)));
        var x = result.Series("x");
        var y = result.Series("y");
        for (int i = 0; i < y.Length; i++)
            Assert.That(y[i], Is.EqualTo(i < steps ? -1 : x[i - steps]), $"step {i}");
    }

    [Test]
    public void Delay_LongerThanTheRun_OutputsTheInitialValueThroughout()
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("y", "DELAY_FIXED(TIME, 1e12, 3)"), Equations.Time(0, 5, 1)));
        Assert.That(result.Series("y"), Is.All.EqualTo(3));
    }

    [Test]
    public void Delay_VaryingDelayTime_IsReadOnceAtTheStart()
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("y", "DELAY(TIME, 2 + TIME, 0)"), Equations.Time(0, 8, 1)));
        Assert.That(result.Series("y"), Is.EqualTo(new double[] { 0, 0, 0, 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void Delay_Rk4_HoldsTheOutputThroughTheStepAndMatchesEuler()
    {
        string Model(string method) => TestModels.Model("""
            { "name": "x", "kind": "auxiliary", "equation": "STEP(4, 2) + TIME" },
            { "name": "d", "kind": "flow", "equation": "DELAY(x, 1.5)" },
            { "name": "S", "kind": "stock", "initial": 0, "inflows": ["d"] }
            """, Equations.Time(0, 6, 0.5, method));
        var euler = TestModels.Run(Model("euler"));
        var rk4 = TestModels.Run(Model("rk4"));
        Assert.That(rk4.Series("d"), Is.EqualTo(euler.Series("d")));
        // A flow that is constant within each step integrates the same way under every method.
        Assert.That(rk4.Series("S"), Is.EqualTo(euler.Series("S")).Within(1e-12));
    }

    [Test]
    public void Delay_Arrayed_KeepsOneBufferPerElement()
    {
        var result = TestModels.Run(TestModels.Model("""
            { "name": "x", "kind": "auxiliary", "dimensions": ["R"], "equation": "R * TIME" },
            { "name": "y", "kind": "auxiliary", "dimensions": ["R"], "elements": { "a": "DELAY(x, 1)", "b": "DELAY(x, 2)" } }
            """, Equations.Time(0, 4, 1), """[ { "name": "R", "elements": ["a", "b"] } ]"""));
        Assert.That(result.Series("y[a]"), Is.EqualTo(new double[] { 0, 0, 1, 2, 3 }));
        Assert.That(result.Series("y[b]"), Is.EqualTo(new double[] { 0, 0, 0, 2, 4 }));
    }

    [Test]
    public void Delay_DelayTimeFromScenarioInput_SizesEachRunsBuffer()
    {
        var plan = TestModels.Compile(TestModels.Model(
                Equations.Aux("y", "DELAY(TIME, lag, -1)") + "," + """{ "name": "lag", "kind": "auxiliary", "equation": 1, "input": true }""",
                Equations.Time(0, 4, 1)),
            parameters: null);
        var bound = plan.Model;
        var parametrised = Simulation.Engine.Compilation.PlanCompiler.Compile(bound,
            Simulation.Engine.Checking.Checker.Check(bound, new Simulation.Engine.Diagnostics.DiagnosticBag())!, [bound.FindVariable("lag")!.Elements[0]]);
        Assert.That(Simulator.Run(parametrised, parameters: [1]).Series("y"), Is.EqualTo(new double[] { -1, 0, 1, 2, 3 }));
        Assert.That(Simulator.Run(parametrised, parameters: [3]).Series("y"), Is.EqualTo(new double[] { -1, -1, -1, 0, 1 }));
    }

    [Test]
    public void Delay_InsidePrevious_IsStartedAndShifted()
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("y", "PREVIOUS(DELAY(TIME, 2, 9), 5)"), Equations.Time(0, 5, 1)));
        Assert.That(result.Series("y"), Is.EqualTo(new double[] { 5, 9, 9, 0, 1, 2 }));
    }

    [Test]
    public void Delay_FeedbackThroughItsOwnOutput_IsNotAnAlgebraicLoop()
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("y", "DELAY(y + 1, 1, 0)"), Equations.Time(0, 4, 1)));
        Assert.That(result.Series("y"), Is.EqualTo(new double[] { 0, 1, 2, 3, 4 }));
    }
}
