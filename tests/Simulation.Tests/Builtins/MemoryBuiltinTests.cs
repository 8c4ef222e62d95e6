using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Builtins;

/// <summary>SMTH1/3/N, DELAY1/3/N, TREND, FORCST against analytic solutions and hand-computed steps.</summary>
public class MemoryBuiltinTests
{
    private static string Time(double stop, double dt, string method = "euler") => Equations.Time(0, stop, dt, method);

    /// <summary>P(Erlang(n, rate n/T) &lt;= t): the unit step response of n first-order stages of T/n each.</summary>
    private static double ErlangCdf(int n, double t, double delay)
    {
        double x = n * t / delay, term = 1, sum = 0;
        for (int k = 0; k < n; k++)
        {
            sum += term;
            term *= x / (k + 1);
        }
        return 1 - Math.Exp(-x) * sum;
    }

    [Test]
    public void Smth1_EulerStepResponse_IsExactGeometricSeries()
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("y", "SMTH1(STEP(1, 0), 4, 0)"), Time(10, 0.5)));
        var y = result.Series("y");
        for (int i = 0; i < y.Length; i++)
            Assert.That(y[i], Is.EqualTo(1 - Math.Pow(1 - 0.5 / 4, i)).Within(1e-12), $"step {i}");
    }

    [Test]
    public void Smth1_Rk4StepResponse_FollowsExponential()
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("y", "SMOOTH(STEP(1, 0), 4, 0)"), Time(20, 0.0625, "rk4")));
        var y = result.Series("y");
        for (int i = 0; i < y.Length; i++)
            Assert.That(y[i], Is.EqualTo(1 - Math.Exp(-result.Times[i] / 4)).Within(1e-8), $"t = {result.Times[i]}");
    }

    [TestCase("DELAY3(1, 6, 0)", 3)]
    [TestCase("SMTH3(1, 6, 0)", 3)]
    [TestCase("DELAYN(1, 6, 5, 0)", 5)]
    [TestCase("SMTHN(1, 6, 7, 0)", 7)]
    [TestCase("DELAY1(1, 6, 0)", 1)]
    public void Cascade_Rk4StepResponse_FollowsErlangCurve(string equation, int order)
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("y", equation), Time(30, 0.03125, "rk4")));
        var y = result.Series("y");
        for (int i = 0; i < y.Length; i++)
            Assert.That(y[i], Is.EqualTo(ErlangCdf(order, result.Times[i], 6)).Within(1e-8), $"t = {result.Times[i]}");
    }

    [Test]
    public void Delay3_NoInitialValue_StartsInEquilibriumWithInput()
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("y", "DELAY3(5 + STEP(3, 4), 2)"), Time(4, 0.25)));
        Assert.That(result.Series("y").Take(17), Is.All.EqualTo(5).Within(1e-12));
    }

    [Test]
    public void Delay1_InitialValue_IsTheInitialOutflow()
    {
        // DELAY1(in, T, init): the stock starts at init * T, so the outflow starts at init.
        var result = TestModels.Run(TestModels.Model(Equations.Aux("y", "DELAY1(0, 2, 7)"), Time(1, 0.5)));
        Assert.That(result.Series("y"), Is.EqualTo(new[] { 7, 7 * 0.75, 7 * 0.75 * 0.75 }).Within(1e-12));
    }

    /// <summary>in = out + in transit: what entered minus what left equals what the hidden stocks gained, at every step.</summary>
    [TestCase("DELAY3(input, delay time)", 3)]
    [TestCase("DELAY1(input, delay time, 2)", 1)]
    [TestCase("DELAYN(input, delay time, 6)", 6)]
    [TestCase("DELAY_N(input, delay time, 1, 4)", 4)]
    public void MaterialDelay_VaryingInputAndDelayTime_ConservesMaterialEveryStep(string equation, int order)
    {
        string time = Time(20, 0.25, "rk4");
        string model = TestModels.Model($$"""
            {{Equations.Aux("input", "5 + 3 * SIN(TIME) + STEP(4, 6)")}},
            {{Equations.Aux("delay time", "2 + RAMP(0.2, 3, 10)")}},
            { "name": "shipped", "kind": "flow", "equation": "{{equation}}" },
            { "name": "ordered", "kind": "flow", "equation": "input" },
            { "name": "Sent", "kind": "stock", "initial": 0, "inflows": ["ordered"] },
            { "name": "Received", "kind": "stock", "initial": 0, "inflows": ["shipped"] }
            """, time);
        var plan = TestModels.Compile(model);
        var hidden = plan.Model.Elements.Where(e => e.IsHidden && e.Kind == ElementKind.Stock).Select(e => e.DisplayName).ToList();
        Assert.That(hidden, Has.Count.EqualTo(order));
        var (outputs, _) = Simulator.SelectOutputs(plan, ["Sent", "Received", .. hidden]);
        var result = Simulator.Run(plan, outputs);
        Assert.That(result.Times, Has.Count.EqualTo(81));
        var initialTransit = result.Rows[0].Skip(2).Sum();
        foreach (var row in result.Rows)
        {
            double inTransit = row.Skip(2).Sum();
            Assert.That(row[0] - row[1], Is.EqualTo(inTransit - initialTransit).Within(1e-9 * (1 + row[0])));
        }
    }

    [Test]
    public void Trend_RampInput_MatchesHandComputedEulerSteps()
    {
        var result = TestModels.Run(TestModels.Model($$"""
            {{Equations.Aux("input", "10 + 2 * TIME")}},
            {{Equations.Aux("t", "TREND(input, 4, 0.05)")}},
            {{Equations.Aux("f", "FORCST(input, 4, 3, 0.05)")}}
            """, Time(6, 0.5)));
        // Independent: A' = (u - A) / T from A(0) = u(0) / (1 + g T); trend = (u - A) / (T |A|).
        double a = 10 / (1 + 0.05 * 4);
        for (int i = 0; i < result.Times.Count; i++)
        {
            double u = 10 + 2 * result.Times[i];
            double trend = (u - a) / (4 * Math.Abs(a));
            Assert.That(result.Series("t")[i], Is.EqualTo(trend).Within(1e-12), $"t = {result.Times[i]}");
            Assert.That(result.Series("f")[i], Is.EqualTo(u * (1 + trend * 3)).Within(1e-10), $"t = {result.Times[i]}");
            a += 0.5 * (u - a) / 4;
        }
        Assert.That(result.Series("t")[0], Is.EqualTo(0.05).Within(1e-12), "the initial trend is as given");
    }

    [Test]
    public void Trend_ZeroAverage_IsZeroNotNaN()
    {
        var result = TestModels.Run(TestModels.Model(Equations.Aux("t", "TREND(0 * TIME, 2)"), Time(2, 1)));
        Assert.That(result.Series("t"), Is.All.EqualTo(0));
    }

    [TestCase("DELAY_N(input, 3, 2, 4)", "DELAYN(input, 3, 4, 2)")]
    [TestCase("SMOOTH_N(input, 3, 2, 4)", "SMTHN(input, 3, 4, 2)")]
    [TestCase("SMOOTHI(input, 3, 2)", "SMTH1(input, 3, 2)")]
    [TestCase("SMOOTH3I(input, 3, 2)", "SMOOTH3(input, 3, 2)")]
    [TestCase("DELAY1I(input, 3, 2)", "DELAY1(input, 3, 2)")]
    [TestCase("DELAY3I(input, 3, 2)", "DELAY3(input, 3, 2)")]
    [TestCase("FORECAST(input, 3, 2)", "FORCST(input, 3, 2, 0)")]
    [TestCase("SMTHN(input, 3, order)", "SMTH3(input, 3)")]
    public void VensimName_SameArguments_SameResult(string vensim, string xmile)
    {
        var result = TestModels.Run(TestModels.Model($$"""
            {{Equations.Aux("input", "STEP(10, 1) + TIME")}}, {{Equations.Aux("order", "3")}},
            {{Equations.Aux("a", vensim)}}, {{Equations.Aux("b", xmile)}}
            """, Time(10, 0.25)));
        Assert.That(result.Series("a"), Is.EqualTo(result.Series("b")));
    }

    [Test]
    public void HiddenElements_ReadableNames_NotInDefaultOutput()
    {
        var plan = TestModels.Compile(TestModels.Model(
            """{ "name": "Shipments", "kind": "auxiliary", "equation": "DELAY3(orders, 3) + DELAY3(orders * 2, 3)" }, """ + Equations.Aux("orders", "4"),
            dimensions: "[]"));
        var hidden = plan.Model.Elements.Where(e => e.IsHidden).Select(e => e.DisplayName).ToList();
        Assert.That(hidden, Does.Contain("Shipments.delay3[1]").And.Contain("Shipments.delay3[3]").And.Contain("Shipments.delay3.out[3]")
            .And.Contain("Shipments.delay3#2[2]").And.Contain("Shipments.delay3#2.input"));
        Assert.That(Simulator.DefaultOutputs(plan).Select(c => c.Name), Is.EqualTo(new[] { "Shipments", "orders" }));
    }

    [Test]
    public void ArrayedSmooth_EachElement_HasItsOwnChain()
    {
        var result = TestModels.Run(TestModels.Model("""
            { "name": "x", "kind": "auxiliary", "dimensions": ["R"], "elements": { "a": "STEP(10, 1)", "b": "STEP(20, 2)" } },
            { "name": "s", "kind": "auxiliary", "dimensions": ["R"], "equation": "SMTH1(x, 2)" }
            """, Time(3, 1), """[ { "name": "R", "elements": ["a", "b"] } ]"""));
        Assert.That(result.Series("s[a]"), Is.EqualTo(new[] { 0, 0, 5, 7.5 }));
        Assert.That(result.Series("s[b]"), Is.EqualTo(new[] { 0, 0, 0, 10 }));
    }

    [TestCase("DELAYN(1, 3, 2.5)", "must be a whole number")]
    [TestCase("DELAYN(1, 3, 0)", "must be a whole number")]
    [TestCase("SMTHN(1, 3, k)", "must be a constant")]
    [TestCase("SMTHN(1, 3, TIME)", "must be a constant")]
    [TestCase("DELAYN(1, 3, 5000)", "at most 1000")]
    public void Order_NotAConstantWholeNumber_ReportsInvalidArgument(string equation, string message)
    {
        var diagnostics = TestModels.Diagnose(TestModels.Model(Equations.Aux("y", equation) + ", " +
            """{ "name": "k", "kind": "auxiliary", "equation": 3, "input": true }"""));
        var error = diagnostics.Single(d => d.IsError);
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.InvalidArgument));
        Assert.That(error.Message, Does.Contain(message));
        Assert.That(error.Location?.Line, Is.EqualTo(1));
    }

    [Test]
    public void Smooth_FeedbackThroughItsOwnOutput_IsNotAnAlgebraicLoop()
    {
        // y = SMTH1(10 - y, 2): the smooth's stock breaks the loop (y -> 5).
        var result = TestModels.Run(TestModels.Model(Equations.Aux("y", "SMTH1(10 - y, 2, 0)"), Time(40, 0.5)));
        Assert.That(result.Final("y"), Is.EqualTo(5).Within(1e-6));
    }
}
