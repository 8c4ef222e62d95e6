using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Tests.Import.Vensim;

/// <summary>Vensim's equation grammar: precedence as Vensim's own outputs show it, names, records, comments and continuations.</summary>
public class MdlEquationTests
{
    private static double Value(string equation, string records = "")
    {
        var result = MdlModels.Run(MdlModels.File($"x = {equation} ~~|\n{records}"));
        return result.Series("x")[0];
    }

    [TestCase("-2^2", -4)]
    [TestCase("2^3^2", 512)]
    [TestCase("-Time^2 + 5", 5)]
    [TestCase("10 - 4 - 3", 3)]
    [TestCase("12 / 3 / 2", 2)]
    [TestCase("2 * 3 + 4 * 5", 26)]
    public void Precedence_Arithmetic_AsVensimComputes(string equation, double expected) =>
        Assert.That(Value(equation), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void Precedence_SignedExponent_CoversTheFollowingPower() =>
        Assert.That(Value("2^-2^-3"), Is.EqualTo(Math.Pow(2, -Math.Pow(2, -3))).Within(1e-15));

    [TestCase("IF THEN ELSE(:NOT: 1 > 2, 1, 0)", 1)] // :NOT: (1 > 2), not (:NOT: 1) > 2
    [TestCase("IF THEN ELSE(:NOT: 3 * 2 > 5, 1, 0)", 0)]
    [TestCase("IF THEN ELSE(:NOT: 1 > 2 :OR: 0 > 1, 1, 0)", 1)] // (:NOT: (1 > 2)) :OR: (0 > 1)
    [TestCase("IF THEN ELSE(1 = 1 :AND: 2 > 3, 1, 0)", 0)]
    [TestCase("IF THEN ELSE(2 > 1 = 1, 1, 0)", 1)] // comparisons are one level: (2 > 1) = 1
    [TestCase("IF THEN ELSE(1 = 2 < 3, 1, 0)", 1)] // (1 = 2) < 3
    [TestCase("IF THEN ELSE(3 <> 4, 7, 8)", 7)]
    public void Precedence_Logic_NotTakesAWholeComparison(string equation, double expected) =>
        Assert.That(Value(equation), Is.EqualTo(expected));

    [Test]
    public void Names_SpacesUnderscoresCaseAndQuotes_OneVariable()
    {
        var result = MdlModels.Run(MdlModels.File("""
            Birth Rate = 2 ~~|
            x = birth_rate + BIRTH   RATE + "Birth Rate" ~~|
            "a/b | c ~ d" = 5 ~~|
            y = "a/b | c ~ d" * 2 ~ units ~ A quoted name may hold the separators. |
            """));
        Assert.That(result.Series("x")[0], Is.EqualTo(6));
        Assert.That(result.Series("y")[0], Is.EqualTo(10));
    }

    [Test]
    public void Records_ContinuationCommentsGroupsAndCarriageReturns_Read()
    {
        string mdl = MdlModels.File("""
            ********************************************************
            	.Model
            ********************************************************~
            	A group header, not an equation.
            	|
            x = { a comment { nested } } 12\
            	3 + \
                4 ~ widgets ~ The number 123 plus 4. |
            """).Replace("\n", "\r");
        var result = MdlModels.Run(mdl);
        Assert.That(result.Series("x")[0], Is.EqualTo(127));
    }

    [Test]
    public void Record_UnitsRangeAndComment_BecomeUnitsInputRangeAndDoc()
    {
        var document = MdlModels.Document(MdlModels.File("rate = 0.3 ~ 1/Month [0, 1, 0.1] ~ Fraction leaving each month. |\ny = rate ~~|"));
        var rate = document.Variables.Single(v => v.Name == "rate");
        Assert.Multiple(() =>
        {
            Assert.That(rate.Units, Is.EqualTo("1/Month"));
            Assert.That(rate.Documentation, Is.EqualTo("Fraction leaving each month."));
            Assert.That(rate.Input, Is.Not.Null, "a constant is an input");
            Assert.That((rate.Input!.Low, rate.Input.High), Is.EqualTo(((double?)0, (double?)1)));
            Assert.That(document.Time.Units, Is.EqualTo("Month"));
        });
    }

    [Test]
    public void ControlVariables_BecomeTheTimeSettings()
    {
        var document = MdlModels.Document(MdlModels.File("x = TIME STEP + FINAL TIME ~~|", """
            INITIAL TIME = 2 ~ Year ~ |
            FINAL TIME = INITIAL TIME + 8 ~ Year ~ |
            TIME STEP = 0.25 ~ Year ~ |
            SAVEPER = 1 ~ Year ~ |
            """));
        Assert.That((document.Time.Start, document.Time.Stop, document.Time.Dt, document.Time.SavePeriod), Is.EqualTo((2.0, 10.0, 0.25, (double?)1)));
        Assert.That(document.Variables.Select(v => v.Name), Is.EqualTo(new[] { "x" }), "control variables are the clock, not variables");
        Assert.That(document.Variables[0].Equation!.Text, Is.EqualTo("DT + STOPTIME"));
    }

    [Test]
    public void Settings_IntegrationMethodLine_ChoosesTheMethod()
    {
        string mdl = MdlModels.File("x = 1 ~~|") + ":L\u007F<%^E!@\n1:Current.vdf\n15:0,0,0,1,0,0\n19:100,0\n";
        Assert.That(MdlModels.Document(mdl).Time.Method, Is.EqualTo(IntegrationMethod.RK4));
    }

    [Test]
    public void Stock_RateOfFlows_FlowsBecomeInflowsAndOutflows()
    {
        var document = MdlModels.Document(MdlModels.File("""
            Population = INTEG(births - deaths, 100) ~ people ~ |
            births = Population * 0.1 ~~|
            deaths = Population * 0.05 ~~|
            """));
        var stock = document.Variables.Single(v => v.Name == "Population");
        Assert.Multiple(() =>
        {
            Assert.That(stock.Kind, Is.EqualTo(VariableKind.Stock));
            Assert.That(stock.Inflows.Select(f => f.Name), Is.EqualTo(new[] { "births" }));
            Assert.That(stock.Outflows.Select(f => f.Name), Is.EqualTo(new[] { "deaths" }));
            Assert.That(document.Variables.Single(v => v.Name == "births").Kind, Is.EqualTo(VariableKind.Flow));
        });
        var result = MdlModels.Run(MdlModels.File("P = INTEG(b - d, 100) ~~|\nb = P * 0.1 ~~|\nd = P * 0.05 ~~|"));
        Assert.That(result.Series("P"), Is.EqualTo(new[] { 100, 105, 110.25, 115.7625, 121.550625 }).Within(1e-9));
    }

    [Test]
    public void Stock_RateIsAnExpression_GetsANetFlowOfItsOwn()
    {
        var document = MdlModels.Document(MdlModels.File("S = INTEG(2 * Time - 1, 0) ~~|"));
        var stock = document.Variables.Single(v => v.Name == "S");
        Assert.That(stock.Inflows.Select(f => f.Name), Is.EqualTo(new[] { "S net flow" }));
        Assert.That(document.Variables.Single(v => v.Name == "S net flow").Equation!.Text, Is.EqualTo("2 * TIME - 1"));
        Assert.That(MdlModels.Run(MdlModels.File("S = INTEG(2 * Time - 1, 0) ~~|")).Series("S"), Is.EqualTo(new[] { 0.0, -1, 0, 3, 8 }));
    }

    [Test]
    public void Equation_TranslatedText_KeepsItsPlaceInTheMdlFile()
    {
        var errors = MdlModels.Errors(MdlModels.File("a = 1 ~~|\nx = IF THEN ELSE(a > 0,\n   unknwn, 2) ~~|"));
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Code, Is.EqualTo("SD2001"));
        Assert.That((errors[0].Location!.Value.Line, errors[0].Location!.Value.Column), Is.EqualTo((4, 4)), "line and column of 'unknwn' in the .mdl");
    }

    [Test]
    public void Builtins_VensimNames_TranslatedToOurs()
    {
        var document = MdlModels.Document(MdlModels.File("""
            a = 3 ~~|
            x = IF THEN ELSE(a > 2, POWER(a, 2), 0) + PULSE(1, 2) + DELAY FIXED(a, 1, 0) + SMOOTH N(a, 2, a, 3) + RANDOM NORMAL(-1, 1, 0, 1, 7) ~~|
            """));
        Assert.That(document.Variables.Single(v => v.Name == "x").Equation!.Text,
            Is.EqualTo("IF_THEN_ELSE(a > 2, (a) ^ (2), 0) + PULSE_VENSIM(1, 2) + DELAY_FIXED(a, 1, 0) + SMOOTH_N(a, 2, a, 3) + NORMAL(0, 1, -1, 1, 7)"));
    }

    [Test]
    public void Builtins_RandomFamily_KeepVensimsArguments_TheStreamAsASeed()
    {
        string mdl = MdlModels.File("""
            g = RANDOM GAMMA(0, 10, 3, 0, 1.5, 7) ~~|
            b = RANDOM BINOMIAL(10, 100, 0.3, 20, 5, 2) ~~|
            t = RANDOM TRIANGULAR(2, 5, 1, 2, 6) ~~|
            """);
        var document = MdlModels.Document(mdl);
        Assert.That(document.Variables.Single(v => v.Name == "g").Equation!.Text, Is.EqualTo("RANDOM_GAMMA(0, 10, 3, 0, 1.5, 7)"));
        Assert.That(document.Variables.Single(v => v.Name == "b").Equation!.Text, Is.EqualTo("RANDOM_BINOMIAL(10, 100, 0.3, 20, 5, 2)"));
        Assert.That(MdlModels.Diagnose(mdl), Is.Empty);
        var run = MdlModels.Run(mdl);
        Assert.Multiple(() =>
        {
            Assert.That(run.Series("g"), Is.All.InRange(0.0, 10.0));
            Assert.That(run.Series("b"), Is.All.InRange(11.0, 45.0).And.All.Matches<double>(x => (x - 5) % 2 == 0));
            Assert.That(run.Series("t"), Is.All.InRange(2.0, 5.0));
        });
    }

    [Test]
    public void SampleIfTrue_InsideAnExpression_HoldsInAVariableOfItsOwn()
    {
        // The sample starts at its initial value and takes the input at the step the condition is true: -1, -1, 2, 3, 4
        // for x; for y[d1] (from t = 1) 0, 1, 2, 3, 4 and y[d2] (from t = 3) 0, 0, 0, 3, 4, doubled.
        var run = MdlModels.Run(MdlModels.File("""
            D: d1, d2 ~~|
            k[D] = 1, 3 ~~|
            x = 10 + SAMPLE IF TRUE(Time >= 2, Time, -1) ~~|
            y[D] = 2 * SAMPLE IF TRUE(Time >= k[D], Time, 0) ~~|
            """));
        Assert.Multiple(() =>
        {
            Assert.That(run.Series("x"), Is.EqualTo(new double[] { 9, 9, 12, 13, 14 }));
            Assert.That(run.Series("y[d1]"), Is.EqualTo(new double[] { 0, 2, 4, 6, 8 }));
            Assert.That(run.Series("y[d2]"), Is.EqualTo(new double[] { 0, 0, 0, 6, 8 }));
        });
    }

    [TestCase("SINH(1) + COSH(0)", 1.1752011936438014 + 1)] // sinh 1 = (e - 1/e) / 2
    [TestCase("TANH(0.5)", 0.46211715726000974)]
    public void Builtins_Hyperbolic(string equation, double expected) => Assert.That(Value(equation), Is.EqualTo(expected).Within(1e-15));

    [Test]
    public void VectorFunctions_WrittenAlongTheLastSubscript()
    {
        string mdl = MdlModels.File("""
            R: r1, r2 ~~|
            D: d1, d2, d3 ~~|
            v[R, D] = 3, 1, 2; 1, 1, 0; ~~|
            rank[R, D] = VECTOR RANK(v[R, D], 1) ~~|
            order[R, D] = VECTOR SORT ORDER(v[R, D], 0) ~~|
            """);
        var document = MdlModels.Document(mdl);
        Assert.That(document.Variables.Single(v => v.Name == "rank").Equation!.Text, Is.EqualTo("VECTOR_RANK(v[R, *:D], 1)"));
        var run = MdlModels.Run(mdl);
        Assert.That(new[] { "rank[r1,d1]", "rank[r1,d2]", "rank[r1,d3]", "rank[r2,d1]", "rank[r2,d2]", "rank[r2,d3]" }.Select(n => run.Series(n)[0]),
            Is.EqualTo(new double[] { 3, 1, 2, 2, 3, 1 }));
        Assert.That(new[] { "order[r1,d1]", "order[r1,d2]", "order[r1,d3]", "order[r2,d1]", "order[r2,d2]", "order[r2,d3]" }.Select(n => run.Series(n)[0]),
            Is.EqualTo(new double[] { 0, 2, 1, 0, 1, 2 }));
    }

    [Test]
    public void DelayN_OrderReadAtTheStartLoweredAsVensimDoes_DelayTimeOfTheStepBefore()
    {
        string mdl = MdlModels.File("""
            in = 1 ~~|
            order = 2 + STEP(1, 2) ~~|
            short = DELAY N(in, 1.5, 0, 3) ~~|
            varying = DELAY N(in, 2 + Time, 0, order) ~~|
            """, "INITIAL TIME = 0 ~~|\nFINAL TIME = 4 ~~|\nTIME STEP = 1 ~~|");
        var document = MdlModels.Document(mdl);
        Assert.That(document.Variables.Single(v => v.Name == "short").Equation!.Text, Is.EqualTo("DELAY_N(in, 1.5, 0, 1)"), "1.5 < 2 x 1: order 1");
        Assert.That(document.Variables.Single(v => v.Name == "varying").Equation!.Text, Is.EqualTo("DELAY_N(in, PREVIOUS(2 + TIME), 0, 2)"));
        Assert.That(MdlModels.Diagnose(mdl).Count(d => d.Code == "SD1305"), Is.EqualTo(2));
    }

    [Test]
    public void SampleIfTrue_HoldsUntilTheConditionHolds()
    {
        var result = MdlModels.Run(MdlModels.File("x = SAMPLE IF TRUE(Time = 1 :OR: Time = 3, Time * 10, -1) ~~|"));
        Assert.That(result.Series("x"), Is.EqualTo(new[] { -1.0, 10, 10, 30, 30 }));
    }
}
