using Simulation.Engine.Conformance;
using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Units;

/// <summary>The unit checker on real models: the bundled ones check clean, broken copies do not, and no false alarms on SDXorg.</summary>
public class BundledModelUnitTests
{
    [TestCase("sir.json")]
    [TestCase("teacup.json")]
    [TestCase("ageing-chain.json")]
    [TestCase("hospital-beds.json")]
    [TestCase("flu-sir.json")]
    [TestCase("hospital-to-community.json")]
    [TestCase("illness-to-prevention.json")]
    public void BundledModel_ChecksCleanEvenStrict(string model)
    {
        var r = UnitCheck.RunFile(TestModels.PathOf("models", model), strict: true)!;
        Assert.That(r.Units, Is.Empty, r.Text);
        Assert.That(r.Analysis.Listing().Where(l => l.Declared is null), Is.Empty, "every variable states its units");
    }

    [Test]
    public void BrokenCopyOfSir_EachSlipReportedWhereItIs()
    {
        string json = File.ReadAllText(TestModels.PathOf("models", "sir.json"))
            .Replace("\"Infected / Duration of Illness\"", "\"Infected / Duration of Illness + Population\"")
            .Replace("\"equation\": 10, \"units\": \"people\"", "\"equation\": 10, \"units\": \"people/day\"");
        var r = UnitCheck.RunJson(json, path: "sir.json");
        Assert.That(r.Units.Select(d => (d.Code, d.Variable)), Is.EquivalentTo(new[]
        {
            (DiagnosticCodes.UnlikeUnits, "Recovery"), (DiagnosticCodes.UnlikeUnits, "Susceptible"), (DiagnosticCodes.EquationUnits, "Infected"),
        }), r.Text);
        var slip = r.Units.Single(d => d.Variable == "Recovery");
        Assert.That(slip.Message, Does.Contain("person/day and person"));
        var initial = r.Units.Single(d => d.Code == DiagnosticCodes.EquationUnits);
        Assert.That(initial.Variable, Is.EqualTo("Infected"), "its initial value is Initial Infected, now person/day");
    }

    [Test]
    public void BrokenCopyOfHospitalBeds_FlowInWrongTimeUnit_IsSD4002()
    {
        string json = File.ReadAllText(TestModels.PathOf("models", "hospital-beds.json"))
            .Replace("\"units\": \"patients/day\"\n    },\n    {\n      \"name\": \"Becoming", "\"units\": \"patients/week\"\n    },\n    {\n      \"name\": \"Becoming");
        var r = UnitCheck.RunJson(json, path: "hospital-beds.json");
        Assert.That(r.Codes, Does.Contain(DiagnosticCodes.FlowUnits), r.Text);
    }

    [Test]
    public void BrokenCopyOfHospitalToCommunity_ADayYearSlipAndABedCountedAsAPerson_AreReported()
    {
        string json = File.ReadAllText(TestModels.PathOf("models", "hospital-to-community.json"))
            .Replace("\"TIME / 365 <<day/year>>\"", "\"TIME / 365\"")
            .Replace("MAX(0, Care home beds * 1 <<person/bed>> - SUM", "MAX(0, Care home beds - SUM");
        Assert.That(json, Does.Contain("\"TIME / 365\"").And.Contain("MAX(0, Care home beds - SUM"), "the copy is broken as intended");
        var r = UnitCheck.RunJson(json, path: "hospital-to-community.json");
        Assert.That(r.Units.Select(d => (d.Code, d.Variable)), Is.SupersetOf(new[]
        {
            (DiagnosticCodes.EquationUnits, "Years elapsed"), (DiagnosticCodes.UnlikeUnits, "Care home intake capacity"),
        }), r.Text);
        Assert.That(r.Units.Single(d => d.Variable == "Years elapsed").Message, Does.Contain("gives day"));
    }

    [Test]
    public void SdxorgCases_NoFalseAlarms()
    {
        var cases = ConformanceCase.Discover(TestModels.PathOf("tests", "conformance", "sdxorg"));
        int withUnits = 0, checkedCases = 0;
        foreach (var c in cases)
        {
            var r = UnitCheck.RunFile(c.ModelPath);
            if (r is null) continue;
            checkedCases++;
            if (r.Analysis.Listing().Any(l => l.Declared is not null)) withUnits++;
            Assert.That(r.Units, Is.Empty, $"{c.Name}: {r.Text}");
        }
        Assert.That(withUnits, Is.GreaterThan(30), $"{checkedCases} cases checked");
    }
}
