namespace Simulation.Tests.Cli;

/// <summary>What a new user meets first: sim alone, --version, and a --set outside an input's plausible range.</summary>
public class CommandLineBasicsTests
{
    [Test]
    public void NoArguments_PrintsHelpButFails()
    {
        var r = SimProcess.Run();
        Assert.That(r.ExitCode, Is.EqualTo(2), "a script that calls sim without a command has a bug");
        Assert.That(r.Stdout, Does.Contain("EXAMPLES:"));
        Assert.That(r.Stderr, Does.Contain("name a command"));
    }

    [Test]
    public void Version_NamesTheVersionAndTheCommit()
    {
        var r = SimProcess.Run("--version");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout.Trim(), Does.Match(@"^sim \d+\.\d+\.\d+(\+[0-9a-f]{7,40})? \(\.NET \d+\.\d+"));
    }

    [Test]
    public void Set_OutsideTheDeclaredRange_WarnsOnceAndRuns()
    {
        var r = SimProcess.Run("run", "models/sir.json", "--set", "Contact Rate=50", "--set", "Population=20000", "--vars", "Infected");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("--set Contact Rate: warning SD2302: 50 is outside the declared range of 'Contact Rate', [2, 12]"));
        Assert.That(r.Stderr.Split('\n').Count(l => l.Contains("SD2302")), Is.EqualTo(1), "Population=20000 is inside [1000, 100000]");
    }

    [Test]
    public void Set_DivisionByZero_ThroughANonNegativeStocksLimit_StopsWithSD6001()
    {
        // Recovery = Infected / Duration of Illness drains a non-negative stock: its limit must not hide the infinity
        var r = SimProcess.Run("run", "models/sir.json", "--set", "Duration of Illness=0");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Does.Contain("error SD6001: 'Recovery' became NaN or infinite at time 0"));
    }

    [Test]
    public void Set_OneElementOutsideItsRange_NamesTheElement()
    {
        var r = SimProcess.Run("run", "models/hospital-to-community.json", "--set", "Mortality rate[85+]=400", "--stop", "91.25", "--vars", "Total population");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("400 is outside the declared range of 'Mortality rate[85+]', [120, 180]"));
    }

    [Test]
    public void Run_ArrayedModelWithoutVars_ShowsEachStocksTotal()
    {
        var r = SimProcess.Run("run", "models/hospital-to-community.json", "--stop", "365");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("Population").And.Contain("(total)").And.Contain("Virtual ward"));
        Assert.That(r.Stdout, Does.Not.Contain("Population[0-17"), "one column per stock, not the first band's elements");
    }

    [Test]
    public void Run_ArrayedTotals_AddUpTheElements()
    {
        string csv = Path.Combine(Path.GetTempPath(), $"sim-totals-{Guid.NewGuid():N}.csv");
        try
        {
            var written = SimProcess.Run("run", "models/ageing-chain.json", "--vars", "Population", "--output", csv);
            Assert.That(written.ExitCode, Is.EqualTo(0), written.Stderr);
            var last = File.ReadAllLines(csv).Last().Split(',').Skip(1).Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture));
            var r = SimProcess.Run("run", "models/ageing-chain.json");
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            var header = r.Stdout.Split('\n').First(l => l.Contains("Population (total)"));
            int column = header.Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).ToList().IndexOf("Population (total)");
            var lastRow = r.Stdout.Split('\n').Last(l => l.Trim().Length > 0 && char.IsDigit(l.Trim()[0]));
            double shown = double.Parse(lastRow.Split(' ', StringSplitOptions.RemoveEmptyEntries)[column], System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(shown, Is.EqualTo(last.Sum()).Within(1e-3).Percent, "the table shows 6 significant digits", r.Stdout);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Test]
    public void Sweep_DefaultFolder_IsWhatItsHelpSays()
    {
        Assert.That(SimProcess.Run("sweep", "--help").Stdout, Does.Contain("gives").And.Contain("hospital-beds-sweep"));
        string scratch = Path.Combine(Path.GetTempPath(), "sim-default-folder-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var r = SimProcess.RunIn(scratch, "sweep", TestModels.PathOf("scenarios", "hospital-beds.json"), "--samples", "4", "--threads", "1");
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            Assert.That(Directory.Exists(Path.Combine(scratch, "hospital-beds-sweep")), r.Stderr);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
