namespace Simulation.Tests.Cli;

/// <summary>
/// Every <c>sim</c> command README.md prints (as <c>dotnet run --project engine/Simulation.Cli [-c Release] -- ...</c>)
/// runs as printed, in order, from a folder laid out like the repository's root, and leaves nothing in that root but
/// the <c>results/</c> folder (which git ignores). Commands that need minutes or run until stopped are named below.
/// </summary>
[NonParallelizable]
public class ReadmeExampleTests
{
    /// <summary>Commands not run, by their first words, each with its reason.</summary>
    private static readonly Dictionary<string, string> NotRun = new()
    {
        ["serve"] = "starts a web server that runs until stopped (tests/Simulation.Tests/Web covers it)",
        ["sweep scenarios/hospital-to-community.json"] = "1,000 ten-year runs of the NHS model (the NHS model tests run its pack)",
        ["sweep scenarios/illness-to-prevention.json"] = "2,000 runs of 25 years (the NHS model tests run its pack)",
        ["summary results/illness-to-prevention"] = "reads the prevention sweep, not run here",
        ["sensitivity"] = "a Sobol' sweep of 1024 samples is minutes (tests/Simulation.Tests/Analysis covers it)",
        ["calibrate"] = "a fit of minutes (tests/Simulation.Tests/Calibration runs the bundled fits)",
    };

    private const string Prefix = "dotnet run --project engine/Simulation.Cli";

    /// <summary>README's sim commands, as words after <c>--</c>.</summary>
    internal static List<string[]> Commands() =>
        [.. File.ReadAllLines(TestModels.PathOf("README.md"))
            .Where(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(l => HelpExampleTests.ShellWords("sim " + l[(l.IndexOf(" -- ", StringComparison.Ordinal) + 4)..])[1..])];

    [Test]
    public void Readme_EveryCommandRunsAsPrinted_AndLeavesOnlyResultsInTheRoot()
    {
        var commands = Commands();
        Assert.That(commands, Has.Count.GreaterThan(10), "README's commands are found");
        using var scratch = new ExampleFolder();
        int ran = 0;
        foreach (var args in commands)
        {
            string line = string.Join(' ', args);
            if (NotRun.Keys.Any(k => line.StartsWith(k, StringComparison.Ordinal))) continue;
            var r = SimProcess.RunIn(scratch.Path, [.. args]);
            Assert.That(r.ExitCode, Is.EqualTo(0), $"sim {line}\n{r.Stderr}");
            ran++;
        }
        Assert.That(ran, Is.GreaterThanOrEqualTo(8));
        Assert.That(scratch.Written(), Is.SubsetOf(new[] { "results" }), "README's commands write only under results/");
    }

    [Test]
    public void Readme_EveryCommandNotRun_IsStillInTheReadme()
    {
        var lines = Commands().Select(a => string.Join(' ', a)).ToList();
        foreach (var key in NotRun.Keys)
            Assert.That(lines.Any(l => l.StartsWith(key, StringComparison.Ordinal)), $"'{key}' is no longer in README.md: drop it from NotRun");
    }
}
