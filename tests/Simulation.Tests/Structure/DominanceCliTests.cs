using System.Globalization;
using Newtonsoft.Json.Linq;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Structure;

/// <summary><c>sim loops MODEL --dominance</c> from the command line: text, CSV and JSON, each saying the same.</summary>
public class DominanceCliTests
{
    [Test]
    public void Sir_Text_SaysWhichLoopDominatesWhen()
    {
        var r = SimProcess.Run("loops", "models/sir.json", "--dominance");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("2  reinforcing  Infected -> Infection -> Infected"));
        Assert.That(r.Stdout, Does.Contain("which loop dominates (days):"));
        Assert.That(r.Stdout, Does.Match(@"\n\s+0 to 50\.5\s+loop 2 \(reinforcing\)\n"), "infection first");
        Assert.That(r.Stdout, Does.Match(@"to 100\s+loop 3 \(balancing\)\n"), "recovery last");
    }

    /// <summary>--set changes the run scored: with Contact Rate 8, R0 = 8 x 0.05 x 5 = 2, and infection's score over recovery's is R0 S/N.</summary>
    [TestCase(new string[0], 1.5)]
    [TestCase(new[] { "--set", "Contact Rate=8" }, 2.0)]
    public void Sir_Set_ScoresTheRunWithThatInput(string[] set, double r0)
    {
        var r = SimProcess.Run(["loops", "models/sir.json", "--dominance", "--format", "json", .. set]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var loops = (JArray)JObject.Parse(r.Stdout)["loops"]!;
        double ratio = (double)loops[1]["score"]![0]! / -(double)loops[2]["score"]![0]!;
        Assert.That(ratio, Is.InRange(r0 * 9975 / 10000, r0 * 9990 / 10000), "S/N is just under (10000 - 10)/10000 on day 1");
    }

    [TestCase(".svg", "<svg")]
    [TestCase(".png", "PNG")]
    public void Sir_OutputAnImage_IsAChartOfTheRelativeScores(string extension, string signature)
    {
        string file = Path.Combine(Path.GetTempPath(), $"sim-dominance-{Guid.NewGuid():N}{extension}");
        try
        {
            var r = SimProcess.Run("loops", "models/sir.json", "--dominance", "--output", file);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            Assert.That(r.Stderr, Does.Contain($"drew the relative scores of 3 loops to {file}"));
            Assert.That(File.ReadAllText(file)[..200], Does.Contain(signature));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Sir_CsvAndJson_CarryTheSameScores()
    {
        string file = Path.Combine(Path.GetTempPath(), $"sim-dominance-{Guid.NewGuid():N}.csv");
        try
        {
            var csv = SimProcess.Run("loops", "models/sir.json", "--dominance", "--format", "csv", "--output", file);
            Assert.That(csv.ExitCode, Is.EqualTo(0), csv.Stderr);
            Assert.That(csv.Stderr, Does.Contain($"wrote the loop scores to {file}"));
            var rows = File.ReadAllLines(file);
            Assert.That(rows[0], Is.EqualTo("time,loop 1 score,loop 2 score,loop 3 score,loop 1 relative,loop 2 relative,loop 3 relative,dominant"));
            Assert.That(rows, Has.Length.EqualTo(101), "one row per saved time after the start, days 1 to 100");
            var json = JObject.Parse(SimProcess.Run("loops", "models/sir.json", "--dominance", "--format", "json").Stdout);
            var loops = (JArray)json["loops"]!;
            Assert.That(loops.Select(l => (string?)l["polarity"]), Is.EqualTo(new[] { "balancing", "reinforcing", "balancing" }));
            for (int k = 1; k < rows.Length; k += 25)
            {
                var cells = rows[k].Split(',');
                Assert.That((double)json["times"]![k - 1]!, Is.EqualTo(double.Parse(cells[0], CultureInfo.InvariantCulture)));
                for (int l = 0; l < 3; l++)
                {
                    Assert.That((double)loops[l]["score"]![k - 1]!, Is.EqualTo(double.Parse(cells[1 + l], CultureInfo.InvariantCulture)));
                    Assert.That((double)loops[l]["relative"]![k - 1]!, Is.EqualTo(double.Parse(cells[4 + l], CultureInfo.InvariantCulture)));
                }
                Assert.That((int?)json["dominant"]![k - 1], Is.EqualTo(int.Parse(cells[7], CultureInfo.InvariantCulture)));
            }
            var periods = (JArray)json["periods"]!;
            Assert.That(((double)periods[0]!["from"]!, (double)periods[^1]!["to"]!), Is.EqualTo((0.0, 100.0)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>--through names a variable or an element; a name the model does not have is a usage error with a hint.</summary>
    [Test]
    public void Through_NamesTheLoopsToScore()
    {
        var r = SimProcess.Run("loops", "models/sir.json", "--dominance", "--through", "recovery");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("   1  balancing    Infected -> Recovery -> Infected\n\n"));
        var wrong = SimProcess.Run("loops", "models/sir.json", "--dominance", "--through", "Recovry");
        Assert.That(wrong.ExitCode, Is.Not.EqualTo(0));
        Assert.That(wrong.Stderr, Does.Contain("--through: the model has no variable or element 'Recovry'"));
    }
}
