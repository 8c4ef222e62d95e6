using System.Text;

namespace Simulation.Tests.Cli;

/// <summary>
/// Every example that <c>sim --help</c> and <c>sim COMMAND --help</c> print runs as printed, copied into a shell: the
/// examples are split as a shell splits them (quotes included) and run, in order, in a scratch folder that sees the
/// repository's models, scenarios and conformance cases. Examples that need what only a user has are named below.
/// </summary>
[NonParallelizable]
public class HelpExampleTests
{
    /// <summary>Examples not run, each with its reason.</summary>
    private static readonly Dictionary<string, string> NotRun = new()
    {
        ["serve"] = "starts a web server that runs until stopped (tests/Simulation.Tests/Serve covers it)",
        ["evaluate"] = "names the user's own experiment, fit and observed data",
        ["merge"] = "joins the shards of sweeps run with --shard on other machines",
        ["calibrate"] = "minutes of fitting (tests/Simulation.Tests/Calibration runs the bundled fit)",
        ["sensitivity"] = "a Sobol' sweep of 1024 samples is minutes; the correlation example is run",
        ["conformance"] = "every SDXorg case (tests/Simulation.Tests/Conformance runs them); the second writes into docs/",
    };

    [Test]
    public void Help_EveryExampleRunsAsPrinted()
    {
        using var scratch = new ExampleFolder();
        string help = SimProcess.Run("--help").Stdout;
        var examples = Examples(help).ToList();
        var commands = help.Split('\n').SkipWhile(l => !l.StartsWith("COMMANDS:")).Skip(1).Where(l => l.StartsWith("    "))
            .Select(l => l.Trim().Split(' ')[0]).ToList();
        Assert.That(examples, Is.Not.Empty, "sim --help lists examples");
        Assert.That(commands, Does.Contain("run").And.Contain("sweep").And.Contain("graph"));
        foreach (string command in commands)
            examples.AddRange(Examples(SimProcess.Run(command, "--help").Stdout).Where(e => e[0] == command));
        int ran = 0;
        foreach (var args in examples.DistinctBy(e => string.Join('\u0001', e)))
        {
            if (NotRun.ContainsKey(args[0]) && !(args[0] == "sensitivity" && args.Contains("correlation"))) continue;
            var r = SimProcess.RunIn(scratch.Path, [.. args]);
            Assert.That(r.ExitCode, Is.EqualTo(0), $"sim {string.Join(' ', args)}\n{r.Stderr}");
            ran++;
        }
        Assert.That(ran, Is.GreaterThan(20));
    }

    /// <summary>
    /// Every command's help prints whole: option descriptions are console markup, so a stray "[x]" in one (an element
    /// name, a JSON example) stopped `sim loops --help` and `sim discover --help` half-way with an internal error.
    /// </summary>
    [Test]
    public void Help_EveryCommand_PrintsItsOptionsWithoutError()
    {
        string help = SimProcess.Run("--help").Stdout;
        var commands = help.Split('\n').SkipWhile(l => !l.StartsWith("COMMANDS:")).Skip(1)
            .Where(l => l.Length > 4 && l.StartsWith("    ") && l[4] != ' ') // a command's line, not a description's wrapped line
            .Select(l => l.Trim().Split(' ')[0]).ToList();
        Assert.That(commands, Has.Count.GreaterThan(15).And.Contain("loops").And.Contain("discover"));
        Assert.Multiple(() =>
        {
            foreach (string command in commands)
            {
                var r = SimProcess.Run(command, "--help");
                Assert.That(r.ExitCode, Is.EqualTo(0), $"sim {command} --help\n{r.Stderr}");
                Assert.That(r.Stdout, Does.Contain("OPTIONS:").And.Contain("--help"), $"sim {command} --help");
                Assert.That(r.Stderr, Does.Not.Contain("internal error"), $"sim {command} --help");
            }
        });
    }

    [TestCase("sim run models/sir.json --set \"Contact Rate=8\"", new[] { "run", "models/sir.json", "--set", "Contact Rate=8" })]
    [TestCase("sim plot x --outcome 'a b' --vars A,B", new[] { "plot", "x", "--outcome", "a b", "--vars", "A,B" })]
    public void ShellWords_SplitAsAShellDoes(string line, string[] expected) => Assert.That(ShellWords(line)[1..], Is.EqualTo(expected));

    /// <summary>The lines under EXAMPLES: that start with "sim", as words.</summary>
    private static IEnumerable<string[]> Examples(string help) =>
        help.Split('\n').SkipWhile(l => !l.StartsWith("EXAMPLES:")).Skip(1).TakeWhile(l => l.Trim().Length > 0)
            .Select(l => ShellWords(l.Trim())).Where(w => w.Length > 1 && w[0] == "sim").Select(w => w[1..]);

    /// <summary>A line split into words as a POSIX shell splits it: spaces separate, quotes group (and are removed).</summary>
    internal static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in line)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
            }
            else if (c is '"' or '\'') (quote, inWord) = (c, true);
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                (word, inWord) = (new StringBuilder(), false);
            }
            else (inWord, _) = (true, word.Append(c));
        }
        Assert.That(quote, Is.EqualTo('\0'), $"unclosed quote in: {line}");
        if (inWord) words.Add(word.ToString());
        return [.. words];
    }
}
