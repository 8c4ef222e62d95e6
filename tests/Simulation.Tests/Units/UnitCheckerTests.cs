using Simulation.Engine.Diagnostics;
using static Simulation.Tests.Units.UnitCheck;

namespace Simulation.Tests.Units;

/// <summary>The unit checker's rules: each reported where it is broken, with the units on both sides, and silent when kept.</summary>
public class UnitCheckerTests
{
    private const string Population = """{ "name": "Population", "kind": "auxiliary", "equation": 1000, "units": "people" }""";
    private const string Mortality = """{ "name": "Mortality", "kind": "auxiliary", "equation": 0.01, "units": "1/year" }""";

    [Test]
    public void AddingUnlikeUnits_IsSD4001_AtTheOperandWithBothUnits()
    {
        var r = Run($"{Population}, {Mortality}, {Aux("Slip", "Population + Mortality", "people")}");
        var d = r.Units.Single();
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.UnlikeUnits));
        Assert.That(d.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(d.Message, Does.Contain("person").And.Contain("1/year"));
        Assert.That(d.Equation!.Text[d.Span!.Value.Start..d.Span.Value.End], Is.EqualTo("Mortality"));
        Assert.That(d.Variable, Is.EqualTo("Slip"));
    }

    [TestCase("Population * Mortality", "people/year", 0)]
    [TestCase("Population * Mortality", "people/day", 1)]
    [TestCase("Population / Population", "dimensionless", 0)]
    [TestCase("Population - Population * 0.5", "people", 0)]
    [TestCase("1 - Mortality * 1 <<year>>", "dimensionless", 0)]
    public void EquationAgainstDeclaredUnits_SD4003WhenTheyDiffer(string equation, string units, int warnings)
    {
        var r = Run($"{Population}, {Mortality}, {Aux("X", equation, units)}");
        Assert.That(r.Codes, Is.EqualTo(Enumerable.Repeat(DiagnosticCodes.EquationUnits, warnings)), r.Text);
        if (warnings > 0) Assert.That(r.Units.Single().Hint, Does.Contain("declared: person/day; inferred: person/year"));
    }

    [Test]
    public void FlowNotInStockUnitsPerTime_IsSD4002_AtTheFlowReference()
    {
        var r = Run($"{Stock("Patients", "10", "patients", "Admissions")}, {Flow("Admissions", "5", "patients/week")}");
        var d = r.Units.Single();
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.FlowUnits));
        Assert.That(d.Message, Does.Contain("'Admissions' is in patient/week").And.Contain("must be in patient/day"));
        Assert.That(d.Location, Is.Not.Null);
    }

    [Test]
    public void FlowInStockUnitsPerTime_IsClean()
    {
        var r = Run($"{Stock("Patients", "10", "patients", "Admissions", "Discharges")}, {Flow("Admissions", "5", "patients/day")}, "
            + $"{Flow("Discharges", "Patients / 4 <<days>>", "patients/day")}");
        Assert.That(r.Units, Is.Empty, r.Text);
    }

    [Test]
    public void UndeclaredVariables_AreInferredFromTheirEquationsAndFlows()
    {
        var r = Run($"{Stock("Patients", "10", "patients", "Admissions", "Discharges")}, {Flow("Admissions", "5", "patients/day")}, "
            + $"{Flow("Discharges", "Patients / Stay")}, {Aux("Stay", "4")}, {Aux("Double", "2 * Discharges")}");
        Assert.That(r.Units, Is.Empty, r.Text);
        Assert.That(r.InferredOf("Discharges"), Is.EqualTo("patient/day"), "from the stock it drains");
        Assert.That(r.InferredOf("Stay"), Is.EqualTo("day"), "Patients / Stay is patient/day");
        Assert.That(r.InferredOf("Double"), Is.EqualTo("patient/day"));
    }

    [Test]
    public void TimeUnit_InferredFromStocksAndFlowsWhenNotDeclared()
    {
        var r = Run($"{Stock("Patients", "10", "patients", "Admissions")}, {Flow("Admissions", "5", "patients/week")}", timeUnits: null);
        Assert.That(r.Units, Is.Empty, r.Text);
        Assert.That(r.Analysis.TimeUnit!.ToString(), Is.EqualTo("week"));
    }

    [Test]
    public void InlineUnitsOnALiteral_AreChecked()
    {
        var ok = Run($"{Aux("Stay", "5 <<days>>", "days")}");
        Assert.That(ok.Units, Is.Empty, ok.Text);
        var slip = Run($"{Population}, {Aux("X", "Population + 5 <<days>>", "people")}");
        Assert.That(slip.Codes, Is.EqualTo(new[] { DiagnosticCodes.UnlikeUnits }), slip.Text);
        Assert.That(slip.Units.Single().Message, Does.Contain("person and day"));
    }

    [Test]
    public void InlineUnits_DoNotChangeTheValue()
    {
        var plain = TestModels.Run(TestModels.Model(Aux("Stay", "5 * 2", "days")));
        var withUnits = TestModels.Run(TestModels.Model(Aux("Stay", "5 <<days>> * 2", "days")));
        Assert.That(withUnits.Series("Stay").ToArray(), Is.EqualTo(plain.Series("Stay").ToArray()));
    }

    [TestCase("5 <<days")]
    [TestCase("Population <<days>>")]
    public void InlineUnits_Misplaced_AreSyntaxErrors(string equation)
    {
        var diagnostics = TestModels.Diagnose(TestModels.Model($"{Population}, {Aux("X", equation)}"));
        Assert.That(diagnostics.Any(d => d.IsError && d.Code.StartsWith("SD1", StringComparison.Ordinal)), Is.True,
            DiagnosticRenderer.ToText(diagnostics));
    }

    [Test]
    public void UnreadableUnits_AreSD4005WithTheReason()
    {
        var r = Run(Aux("X", "1", "people//day"));
        Assert.That(r.Codes, Is.EqualTo(new[] { DiagnosticCodes.UnreadableUnits }));
        Assert.That(r.Units.Single().Message, Does.Contain("'people//day'").And.Contain("unexpected '/'"));
    }

    [Test]
    public void ClashesAmongUndeclaredVariables_AreNotReported()
    {
        // Vensim and Stella check declared units only: declaring units is what has them checked.
        var r = Run($"{Aux("A", "1")}, {Aux("B", "A * TIME")}, {Aux("C", "A + B")}");
        Assert.That(r.Units, Is.Empty, r.Text);
    }

    [Test]
    public void Strict_MakesUnitProblemsErrors_AndMissingUnitsToo()
    {
        var r = Run($"{Population}, {Mortality}, {Aux("Slip", "Population + Mortality", "people")}, {Aux("Twice", "2 * Population")}", strict: true);
        Assert.That(r.Units.All(d => d.Severity == Severity.Error), Is.True);
        Assert.That(r.Codes, Is.EquivalentTo(new[] { DiagnosticCodes.UnlikeUnits, DiagnosticCodes.NoUnits }));
        Assert.That(r.Units.Single(d => d.Code == DiagnosticCodes.NoUnits).Hint, Does.Contain("\"units\": \"person\""));
    }

    [Test]
    public void UnitCodes_AreInTheCatalogue()
    {
        foreach (var code in new[] { "SD4001", "SD4002", "SD4003", "SD4004", "SD4005", "SD4006" })
            Assert.That(DiagnosticCodes.Descriptions[code], Is.Not.Empty, code);
    }
}
