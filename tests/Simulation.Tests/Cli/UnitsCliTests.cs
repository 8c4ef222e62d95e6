namespace Simulation.Tests.Cli;

/// <summary><c>sim units</c> and <c>sim check --strict-units</c> from the command line.</summary>
public class UnitsCliTests
{
    [Test]
    public void Units_ListsDeclaredAndInferredUnits()
    {
        var r = SimProcess.Run("units", "models/sir.json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.StartWith("time unit: day\n"));
        Assert.That(r.Stdout.Split('\n').Single(l => l.StartsWith("Infection ")), Does.Match(@"^Infection\s+flow\s+people/day\s+person/day\s+ok$"));
        Assert.That(r.Stdout, Does.Contain("11 ok"));
    }

    [Test]
    public void Units_Json_GivesEachVariableWithStatus()
    {
        var r = SimProcess.Run("units", "models/teacup.json", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var json = Newtonsoft.Json.Linq.JObject.Parse(r.Stdout);
        Assert.That((string?)json["timeUnit"], Is.EqualTo("minute"));
        var cooling = json["variables"]!.Single(v => (string?)v["variable"] == "Heat Loss to Room");
        Assert.That((string?)cooling["inferred"], Is.EqualTo("degree fahrenheit/minute"));
        Assert.That((string?)cooling["status"], Is.EqualTo("ok"));
    }

    [Test]
    public void Check_StrictUnits_TurnsAUnitSlipIntoAnError()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sim-units-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string model = Path.Combine(dir, "slip.json");
            File.WriteAllText(model, File.ReadAllText(TestModels.PathOf("models", "sir.json"))
                .Replace("\"Infected / Duration of Illness\"", "\"Infected / Duration of Illness + Population\""));
            var lenient = SimProcess.Run("check", model);
            Assert.That(lenient.ExitCode, Is.EqualTo(0), lenient.Stderr);
            Assert.That(lenient.Stderr, Does.Contain("warning SD4001: unlike units in an addition: person/day and person"));
            var strict = SimProcess.Run("check", model, "--strict-units");
            Assert.That(strict.ExitCode, Is.EqualTo(1), strict.Stderr);
            Assert.That(strict.Stderr, Does.Contain("error SD4001"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
