using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Units;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// Every bundled experiment names its outcomes by one convention, "NAME, WHEN" (docs/experiment-format.md, "Naming
/// outcomes"): an outcome over one year of the run is "NAME, year N" and spans exactly that year; a value read at one
/// time other than the stop says it ("Infected, day 30"); the engine names each time of a value read at several times;
/// nothing else ends in a time, and no name uses the old "NAME @ t".
/// </summary>
public class PackOutcomeNamingTests
{
    public static IEnumerable<string> Experiments() =>
        Directory.GetFiles(TestModels.PathOf("scenarios"), "*.json")
            .Concat(Directory.GetFiles(TestModels.PathOf("benchmarks"), "*.json", SearchOption.AllDirectories)
                .Where(f => File.ReadAllText(f).Contains("\"outcomes\"")))
            .Select(f => Path.GetRelativePath(TestModels.Root, f).Replace('\\', '/'))
            .Order();

    [TestCaseSource(nameof(Experiments))]
    public void BundledExperiment_NamesEveryOutcomeByTheConvention(string experiment)
    {
        var compiled = Compile(TestModels.PathOf(experiment));
        Assert.That(Departures(compiled), Is.Empty);
        var columns = compiled.Measurement.Columns.Select(c => c.Outcome).Distinct().ToList();
        Assert.That(columns.Where(c => c.Contains('@')), Is.Empty, "no column is named the old way");
    }

    [Test]
    public void TheRules_FindEveryKindOfDeparture()
    {
        using var files = new ExperimentFiles();
        var compiled = files.CompileOk(ExperimentFiles.Experiment("""
            "outcomes": [
              { "name": "Out, year 1", "total": "Out", "from": 0, "to": 1 },
              { "name": "Out, year 2", "total": "Out", "from": 0, "to": 2 },
              { "name": "Out in year 3", "total": "Out", "from": 2, "to": 3 },
              { "name": "Stock at year 5", "value": "Stock", "at": 5 },
              { "name": "Stock @ 4", "value": "Stock" },
              { "name": "Stock, year 6", "value": "Stock" },
              { "name": "Stock, year 7", "value": "Stock", "at": 7 },
              { "name": "Levels, year 9", "value": "Stock", "at": [8, 9] }
            ]
            """));
        var departures = Departures(compiled);
        string all = string.Join("\n", departures);
        Assert.That(departures, Has.Count.EqualTo(6), all);
        Assert.That(all, Does.Contain("'Out, year 2'").And.Contain("'Out in year 3'").And.Contain("'Stock at year 5'")
            .And.Contain("'Stock @ 4'").And.Contain("'Stock, year 6'").And.Contain("'Levels, year 9'"));
        Assert.That(all, Does.Not.Contain("'Out, year 1'").And.Not.Contain("'Stock, year 7'"));
    }

    [Test]
    public void AValueOutcomesTime_MayNotTakeAnotherOutcomesName()
    {
        using var files = new ExperimentFiles();
        var (compiled, diagnostics) = files.Compile(ExperimentFiles.Experiment("""
            "outcomes": [ { "name": "Out, year 2", "total": "Out", "from": 1, "to": 2 }, { "name": "Out", "value": "Out", "at": [1, 2] } ]
            """));
        Assert.That(compiled, Is.Null);
        var error = diagnostics.Single(d => d.Code == DiagnosticCodes.DuplicateExperimentName);
        Assert.That(error.Message, Does.Contain("'Out' read at 2 is called 'Out, year 2'"));
    }

    [TestCase("days", "day")]
    [TestCase("Years", "year")]
    [TestCase("yr", "year")]
    [TestCase("Months", "month")]
    [TestCase(null, "time")]
    [TestCase("0.25 year", "time")]
    public void TheTimeWord_IsTheModelsTimeUnit_Singular(string? units, string word) =>
        Assert.That(OutcomeNames.At("X", 2.5, units), Is.EqualTo($"X, {word} 2.5"));

    [Test]
    public void Family_IsTheNameBeforeATime_AndOnlyATime()
    {
        Assert.That(OutcomeNames.Family("Deaths, year 10"), Is.EqualTo("Deaths"));
        Assert.That(OutcomeNames.Family("Discounted cost, all payers, year 10"), Is.EqualTo("Discounted cost, all payers"));
        Assert.That(OutcomeNames.Family("Discounted cost, all payers, over 25 years"), Is.Null);
        Assert.That(OutcomeNames.Family("Deaths over 10 years"), Is.Null);
        Assert.That(OutcomeNames.IsTimeOf("NCTR patients, day 91.25", "nctr patients"), Is.True);
        Assert.That(OutcomeNames.IsTimeOf("NCTR patients, day ninety", "NCTR patients"), Is.False);
    }

    private static CompiledExperiment Compile(string path)
    {
        var diagnostics = new DiagnosticBag();
        return ExperimentCompiler.CompileFile(path, diagnostics) ?? throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
    }

    /// <summary>Each outcome whose name departs from the convention, and how.</summary>
    public static List<string> Departures(CompiledExperiment experiment)
    {
        var time = experiment.Model.Time;
        string word = OutcomeNames.TimeWord(time.Units);
        double? year = UnitNames.Canonical(time.Units ?? "") switch { "year" => 1, "day" => 365, _ => null };
        var byName = experiment.Document.Outcomes.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
        var found = new List<string>();
        foreach (var o in experiment.Document.Outcomes)
        {
            string? when = OutcomeNames.Family(o.Name) is { } family ? o.Name[(family.Length + OutcomeNames.Separator.Length)..] : null;
            bool window = o.Kind is OutcomeKind.Total or OutcomeKind.Mean && ((o.From ?? time.Start) != time.Start || (o.To ?? time.Stop) != time.Stop);
            bool oneTime = o.Kind == OutcomeKind.Value && o.At.Length == 1 && o.At[0] != time.Stop;
            if (o.Name.Contains('@') || o.Name.Contains(" at year ") || o.Name.Contains(" in year ") || o.Name.Contains($" at {word} "))
                found.Add($"'{o.Name}' says when in another way than \"NAME, WHEN\"");
            else if (window)
            {
                double from = o.From ?? time.Start, to = o.To ?? time.Stop;
                double n = year is { } y ? (to - time.Start) / y : double.NaN;
                bool oneYear = year is { } y1 && Math.Abs(to - from - y1) < 1e-9 && Math.Abs(n - Math.Round(n)) < 1e-9;
                string expected = oneYear ? $"year {Math.Round(n).ToString(CultureInfo.InvariantCulture)}" : "(a year of the run)";
                if (when != expected) found.Add($"'{o.Name}' spans [{from}, {to}]: its name ends \", {expected}\"");
            }
            else if (oneTime)
            {
                string expected = OutcomeNames.At("", o.At[0], time.Units)[OutcomeNames.Separator.Length..];
                if (when != expected) found.Add($"'{o.Name}' is read at {o.At[0]}: its name ends \", {expected}\"");
            }
            else if (when is not null && !o.Operands.Any())
                found.Add($"'{o.Name}' ends in a time, \"{when}\", but is {(o.At.Length > 1 ? "read at several times (the engine adds each)" : "over the whole run")}");
            else if (when is not null && o.Operands.Any(x => !x.Name.EndsWith(OutcomeNames.Separator + when, StringComparison.OrdinalIgnoreCase)))
                found.Add($"'{o.Name}' ends in \"{when}\" but comes from outcomes of other times");
        }
        return found;
    }
}
