using static Simulation.Tests.TestModels;

namespace Simulation.Tests.Runtime;

/// <summary>The stateless builtins of the core language, through the whole pipeline, against hand-computed values.</summary>
public class BuiltinSemanticsTests
{
    /// <summary>Value of an auxiliary at each saved time of a run from 0 to 4 with dt 0.5.</summary>
    private static double[] Series(string equation, double dt = 0.5) =>
        Run(Model($"{{ \"name\": \"x\", \"kind\": \"auxiliary\", \"equation\": \"{equation}\" }}",
            $"\"start\": 0, \"stop\": 4, \"dt\": {dt}")).Series("x");

    private static double At0(string equation) => Series(equation)[0];

    [TestCase("ABS(-3)", 3)]
    [TestCase("EXP(1)", Math.E)]
    [TestCase("LN(EXP(2))", 2)]
    [TestCase("LOG10(1000)", 3)]
    [TestCase("LOG(8, 2)", 3)]
    [TestCase("SQRT(16)", 4)]
    [TestCase("SIN(PI / 2)", 1)]
    [TestCase("COS(0)", 1)]
    [TestCase("TAN(0)", 0)]
    [TestCase("ARCSIN(1)", Math.PI / 2)]
    [TestCase("ARCCOS(1)", 0)]
    [TestCase("ARCTAN(1)", Math.PI / 4)]
    [TestCase("INT(2.7)", 2)]
    [TestCase("INT(-2.5)", -3)]
    [TestCase("ROUND(2.5)", 3)]
    [TestCase("ROUND(-2.5)", -3)]
    [TestCase("ROUND(2.4)", 2)]
    [TestCase("SIGN(-3)", -1)]
    [TestCase("SIGN(0)", 0)]
    [TestCase("SIGN(2.5)", 1)]
    [TestCase("SIGN(SQRT(-1))", double.NaN)]
    [TestCase("MIN(3, -1)", -1)]
    [TestCase("MAX(3, -1)", 3)]
    [TestCase("MOD(7, 3)", 1)]
    [TestCase("MOD(-7, 3)", 2)]
    [TestCase("MOD(7, -3)", -2)]
    [TestCase("INTEGER_VENSIM(-9.9)", -9)]
    [TestCase("INTEGER_VENSIM(9.9)", 9)]
    [TestCase("MODULO_VENSIM(-9.9, 3)", -0.9000000000000004)]
    [TestCase("MODULO_VENSIM(7, -3)", 1)]
    [TestCase("MODULO_VENSIM(-7, 3)", -1)]
    [TestCase("QUANTUM(7.5, 2)", 6)]
    [TestCase("QUANTUM(-7.5, 2)", -6)]
    [TestCase("QUANTUM(5.5, 0)", 5.5)]
    [TestCase("SINH(1)", 1.1752011936438014)]
    [TestCase("COSH(1)", 1.5430806348152437)]
    [TestCase("TANH(1)", 0.7615941559557649)]
    [TestCase("SAFEDIV(1, 0)", 0)]
    [TestCase("SAFEDIV(1, 0, 9)", 9)]
    [TestCase("SAFEDIV(6, 3, 9)", 2)]
    [TestCase("XIDZ(1, 0, 5)", 5)]
    [TestCase("ZIDZ(1, 0)", 0)]
    [TestCase("ZIDZ(3, 2)", 1.5)]
    [TestCase("IF_THEN_ELSE(2 > 1, 10, 20)", 10)]
    [TestCase("STARTTIME + STOPTIME + DT", 4.5)]
    public void Evaluate_Builtin_GivesTheDocumentedValue(string equation, double expected) =>
        Assert.That(At0(equation), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void Evaluate_Inf_IsPositiveInfinityAndReported()
    {
        var result = Run(Model("{ \"name\": \"x\", \"kind\": \"auxiliary\", \"equation\": \"-INF\" }"));
        Assert.That(result.Series("x")[0], Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void Step_RisesAtItsTime() =>
        Assert.That(Series("STEP(5, 1.5)"), Is.EqualTo(new double[] { 0, 0, 0, 5, 5, 5, 5, 5, 5 }));

    [Test]
    public void Ramp_RisesBetweenStartAndEnd() =>
        Assert.That(Series("RAMP(2, 1, 3)"), Is.EqualTo(new double[] { 0, 0, 0, 1, 2, 3, 4, 4, 4 }));

    [Test]
    public void Ramp_WithoutEnd_KeepsRising() =>
        Assert.That(Series("RAMP(1, 2)"), Is.EqualTo(new double[] { 0, 0, 0, 0, 0, 0.5, 1, 1.5, 2 }));

    [Test]
    public void Pulse_IsMagnitudeOverDtForOneStep() =>
        Assert.That(Series("PULSE(3, 1)"), Is.EqualTo(new double[] { 0, 0, 6, 0, 0, 0, 0, 0, 0 }));

    [Test]
    public void Pulse_WithInterval_Repeats() =>
        Assert.That(Series("PULSE(1, 0.5, 1.5)"), Is.EqualTo(new double[] { 0, 2, 0, 0, 2, 0, 0, 2, 0 }));

    [Test]
    public void Step_AtATimeBinaryArithmeticMisses_StillFires() =>
        Assert.That(Series("STEP(1, 0.3)", dt: 0.1).Take(5), Is.EqualTo(new double[] { 0, 0, 0, 1, 1 }));

    [Test]
    public void Time_IsTheCurrentTime() =>
        Assert.That(Series("TIME"), Is.EqualTo(new[] { 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4 }));

    [Test]
    public void Init_HoldsTheInitialValue()
    {
        var result = Run(Model(
            "{ \"name\": \"S\", \"kind\": \"stock\", \"initial\": 10, \"inflows\": [\"in\"] }, { \"name\": \"in\", \"kind\": \"flow\", \"equation\": 2 }, " +
            "{ \"name\": \"start value\", \"kind\": \"auxiliary\", \"equation\": \"INIT(S)\" }, { \"name\": \"growth\", \"kind\": \"auxiliary\", \"equation\": \"S - INIT(S)\" }"));
        Assert.That(result.Series("start value"), Is.All.EqualTo(10));
        Assert.That(result.Series("growth"), Is.EqualTo(Enumerable.Range(0, 11).Select(i => 2.0 * i).ToArray()));
    }

    [Test]
    public void ActiveInitial_StockStartsFromTheInitialValue()
    {
        var result = Run(Model(
            "{ \"name\": \"S\", \"kind\": \"stock\", \"initial\": \"a\", \"inflows\": [\"in\"] }, { \"name\": \"in\", \"kind\": \"flow\", \"equation\": 1 }, " +
            "{ \"name\": \"a\", \"kind\": \"auxiliary\", \"equation\": \"ACTIVE_INITIAL(TIME, 45)\" }"));
        Assert.That(result.Series("S")[..3], Is.EqualTo(new[] { 45.0, 46, 47 }));
        Assert.That(result.Series("a")[..3], Is.EqualTo(new[] { 0.0, 1, 2 }), "the output shows the active value from the initial time on");
    }

    [Test]
    public void ActiveInitial_BreaksALoopOfInitialValues()
    {
        // S starts from b, and b is S's own rate: a loop of initial values, unless b has an initial value of its own.
        string model = Model(
            "{ \"name\": \"S\", \"kind\": \"stock\", \"initial\": \"b\", \"inflows\": [\"f\"] }, { \"name\": \"f\", \"kind\": \"flow\", \"equation\": \"b\" }, " +
            "{ \"name\": \"b\", \"kind\": \"auxiliary\", \"equation\": \"ACTIVE_INITIAL(S * 0.5, 4)\" }");
        var result = Run(model);
        Assert.That(result.Series("S")[..3], Is.EqualTo(new[] { 4.0, 6, 9 }));
        Assert.That(Diagnose(model.Replace("ACTIVE_INITIAL(S * 0.5, 4)", "S * 0.5")).Select(d => d.Code), Does.Contain("SD3002"), "without it, the loop is reported");
    }

    [Test]
    public void Previous_IsTheValueOneStepAgo()
    {
        var result = Run(Model(
            "{ \"name\": \"x\", \"kind\": \"auxiliary\", \"equation\": \"TIME * TIME\" }, " +
            "{ \"name\": \"p\", \"kind\": \"auxiliary\", \"equation\": \"PREVIOUS(x, -1)\" }, " +
            "{ \"name\": \"q\", \"kind\": \"auxiliary\", \"equation\": \"PREVIOUS(x)\" }"));
        Assert.That(result.Series("p"), Is.EqualTo(new double[] { -1, 0, 1, 4, 9, 16, 25, 36, 49, 64, 81 }));
        Assert.That(result.Series("q")[0], Is.EqualTo(0), "without an initial argument, x's own initial value");
    }

    [Test]
    public void GraphicalFunction_InterpolatesAndClamps()
    {
        var result = Run(Model(
            "{ \"name\": \"g\", \"kind\": \"graphical\", \"graph\": { \"x\": [0, 1, 3], \"y\": [0, 10, 30] } }, " +
            "{ \"name\": \"inside\", \"kind\": \"auxiliary\", \"equation\": \"g(2)\" }, " +
            "{ \"name\": \"below\", \"kind\": \"auxiliary\", \"equation\": \"g(-5)\" }, " +
            "{ \"name\": \"above\", \"kind\": \"auxiliary\", \"equation\": \"g(7)\" }, " +
            "{ \"name\": \"e\", \"kind\": \"graphical\", \"graph\": { \"xRange\": [0, 2], \"y\": [0, 1, 4], \"interpolation\": \"extrapolate\" } }, " +
            "{ \"name\": \"extrapolated\", \"kind\": \"auxiliary\", \"equation\": \"e(3)\" }, " +
            "{ \"name\": \"d\", \"kind\": \"graphical\", \"graph\": { \"x\": [0, 1, 2], \"y\": [5, 6, 7], \"interpolation\": \"discrete\" } }, " +
            "{ \"name\": \"stepped\", \"kind\": \"auxiliary\", \"equation\": \"d(1.9)\" }, " +
            "{ \"name\": \"applied\", \"kind\": \"auxiliary\", \"equation\": \"TIME\", \"graph\": { \"x\": [0, 10], \"y\": [100, 200] } }"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Series("inside")[0], Is.EqualTo(20));
            Assert.That(result.Series("below")[0], Is.EqualTo(0));
            Assert.That(result.Series("above")[0], Is.EqualTo(30));
            Assert.That(result.Series("extrapolated")[0], Is.EqualTo(7));
            Assert.That(result.Series("stepped")[0], Is.EqualTo(6));
            Assert.That(result.Series("applied")[5], Is.EqualTo(150));
        });
    }
}
