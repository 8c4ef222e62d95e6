using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Ops;
using static Simulation.Tests.Units.UnitCheck;

namespace Simulation.Tests.Units;

/// <summary>
/// Each builtin's unit rule (carried by its operation in the Ops/ catalogue, or by its builtin signature): one use
/// that keeps it, and one that breaks it, in a model whose time is in days.
/// </summary>
public class BuiltinUnitRuleTests
{
    private static readonly string Givens = string.Join(", ",
        Aux("Inflow", "5", "patients/day"), Aux("Level", "100", "patients"), Aux("Wait", "4", "days"), Aux("Frac", "0.5", "dimensionless"),
        Aux("Cost", "3", "GBP"), Aux("Area", "9", "m^2"), Aux("Slope", "2", "patients/day"),
        """{ "name": "Curve", "kind": "graphical", "graph": { "x": [0, 10], "y": [0, 1], "xUnits": "days" }, "units": "dimensionless" }""",
        """{ "name": "Ages", "kind": "auxiliary", "dimensions": ["A"], "equation": 1, "units": "patients" }""");

    private const string Dims = """[ { "name": "A", "elements": ["x", "y"] } ]""";

    private static UnitCheck.Outcome Check(string equation, string units) =>
        Run($"{Givens}, {Aux("Result", equation, units)}", dimensions: Dims);

    [TestCase("SMTH1(Inflow, Wait)", "patients/day")]
    [TestCase("SMTH3(Level, Wait, 50)", "patients")]
    [TestCase("SMTHN(Level, Wait, 4)", "patients")]
    [TestCase("DELAY1(Inflow, Wait)", "patients/day")]
    [TestCase("DELAY3(Inflow, Wait, Inflow)", "patients/day")]
    [TestCase("DELAYN(Inflow, Wait, 3)", "patients/day")]
    [TestCase("DELAY(Inflow, Wait)", "patients/day")]
    [TestCase("TREND(Level, Wait)", "1/day")]
    [TestCase("FORCST(Level, Wait, 10)", "patients")]
    [TestCase("TIME", "days")]
    [TestCase("DT", "days")]
    [TestCase("STEP(Level, 5)", "patients")]
    [TestCase("STEP(Level, Wait)", "patients")]
    [TestCase("PULSE(Level, 5)", "patients/day")]
    [TestCase("RAMP(Slope, 2, 8)", "patients")]
    [TestCase("EXP(Frac)", "dimensionless")]
    [TestCase("LN(Level / Level)", "dimensionless")]
    [TestCase("SQRT(Area)", "m")]
    [TestCase("Area^0.5", "m")]
    [TestCase("ABS(Cost)", "GBP")]
    [TestCase("MIN(Level, 10)", "patients")]
    [TestCase("MAX(Inflow, Slope)", "patients/day")]
    [TestCase("IF_THEN_ELSE(Frac > 0.2, Level, 0)", "patients")]
    [TestCase("SUM(Ages[*])", "patients")]
    [TestCase("MEAN(Level, Level, 3)", "patients")]
    [TestCase("VMAX(Ages[*])", "patients")]
    [TestCase("SIZE(Ages)", "dimensionless")]
    [TestCase("Curve(Wait)", "dimensionless")]
    [TestCase("LOOKUP(Curve, TIME)", "dimensionless")]
    [TestCase("INIT(Level)", "patients")]
    [TestCase("PREVIOUS(Level)", "patients")]
    [TestCase("RANDOM(0, Cost)", "GBP")]
    [TestCase("NORMAL(Cost, Cost)", "GBP")]
    [TestCase("INT(Level)", "patients")]
    [TestCase("MOD(TIME, 7)", "days")]
    [TestCase("Level * 1 <<day>> / Wait", "patients")]
    [TestCase("2 * Level", "patients")]
    [TestCase("Level / 4", "patients")]
    [TestCase("(Level + 1) * Frac", "patients")]
    public void Rule_Kept_NoWarning(string equation, string units)
    {
        var r = Check(equation, units);
        Assert.That(r.Units, Is.Empty, r.Text);
    }

    [TestCase("SMTH1(Inflow, Wait)", "patients", DiagnosticCodes.EquationUnits)]
    [TestCase("SMTH1(Inflow, Level)", "patients/day", DiagnosticCodes.ArgumentUnits)]
    [TestCase("DELAY1(Inflow, Cost)", "patients/day", DiagnosticCodes.ArgumentUnits)]
    [TestCase("DELAY1(Inflow, Wait, Level)", "patients/day", DiagnosticCodes.UnlikeUnits)]
    [TestCase("DELAY(Level, Cost)", "patients", DiagnosticCodes.ArgumentUnits)]
    [TestCase("TREND(Level, Wait)", "patients/day", DiagnosticCodes.EquationUnits)]
    [TestCase("TIME", "patients", DiagnosticCodes.EquationUnits)]
    [TestCase("DT", "GBP", DiagnosticCodes.EquationUnits)]
    [TestCase("STEP(Level, Cost)", "patients", DiagnosticCodes.ArgumentUnits)]
    [TestCase("PULSE(Level, 5)", "patients", DiagnosticCodes.EquationUnits)]
    [TestCase("RAMP(Slope, Cost)", "patients", DiagnosticCodes.ArgumentUnits)]
    [TestCase("RAMP(Slope, 2)", "patients/day", DiagnosticCodes.EquationUnits)]
    [TestCase("EXP(Level)", "dimensionless", DiagnosticCodes.ArgumentUnits)]
    [TestCase("SIN(Wait)", "dimensionless", DiagnosticCodes.ArgumentUnits)]
    [TestCase("SQRT(Area)", "m^2", DiagnosticCodes.EquationUnits)]
    [TestCase("Frac^Level", "dimensionless", DiagnosticCodes.ArgumentUnits)]
    [TestCase("Level^Frac", "dimensionless", DiagnosticCodes.ArgumentUnits)]
    [TestCase("MIN(Level, Cost)", "patients", DiagnosticCodes.UnlikeUnits)]
    [TestCase("IF_THEN_ELSE(Frac > 0.2, Level, Cost)", "patients", DiagnosticCodes.UnlikeUnits)]
    [TestCase("Level > Cost", "dimensionless", DiagnosticCodes.UnlikeUnits)]
    [TestCase("Level - Inflow", "patients", DiagnosticCodes.UnlikeUnits)]
    [TestCase("SUM(Ages[*])", "GBP", DiagnosticCodes.EquationUnits)]
    [TestCase("MEAN(Level, Cost)", "patients", DiagnosticCodes.UnlikeUnits)]
    [TestCase("Curve(Level)", "dimensionless", DiagnosticCodes.ArgumentUnits)]
    [TestCase("LOOKUP(Curve, Cost)", "dimensionless", DiagnosticCodes.ArgumentUnits)]
    [TestCase("Curve(Wait)", "patients", DiagnosticCodes.EquationUnits)]
    [TestCase("PREVIOUS(Level, Cost)", "patients", DiagnosticCodes.UnlikeUnits)]
    [TestCase("MOD(TIME, Cost)", "days", DiagnosticCodes.UnlikeUnits)]
    [TestCase("2 * Level", "GBP", DiagnosticCodes.EquationUnits)]
    public void Rule_Broken_Reported(string equation, string units, string code)
    {
        var r = Check(equation, units);
        Assert.That(r.Codes, Is.EqualTo(new[] { code }), r.Text);
        var d = r.Units.Single();
        Assert.That(d.Variable, Is.EqualTo("Result"));
        Assert.That(d.Span, Is.Not.Null, "points into the equation");
    }

    [Test]
    public void EveryBuiltin_CarriesAUnitRule()
    {
        var missing = BuiltinCatalog.All.Where(b => b.Units is null).Select(b => b.Name);
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void EveryOperationWithASpelling_HasItsRuleInTheCatalogue()
    {
        var missing = Operations.All.Where(o => o.Info.Spellings.Length > 0 && o.Info.Units is null).Select(o => o.Name);
        Assert.That(missing, Is.Empty);
        Assert.That(BuiltinCatalog.Find("SMTH1")!.Units!.Text, Is.EqualTo("(a, time, a) -> a"), "a smooth keeps its input's units");
        Assert.That(BuiltinCatalog.Find("MIN")!.Units, Is.SameAs(Operations.Min.Info.Units), "one home: the operation's rule");
    }
}
