using System.Text.RegularExpressions;
using Simulation.Engine.Diagnostics;
using static Simulation.Tests.Units.UnitCheck;

namespace Simulation.Tests.Hardening;

/// <summary>
/// Fuzz case 53,232 of seed 1205: a model whose equation was a 20,000-term chain of sums of unlike units had
/// <c>sim check</c> print 60,032 SD4001 warnings, one per term, and spend 84 s of processor time drawing each one's
/// excerpt from the 3 MB line. Now an equation reports its first unit problem, in reading order, and counts the others;
/// and drawing an excerpt reads only the 160 characters it shows.
/// </summary>
[NonParallelizable]
public class UnitWarningFloodTests
{
    private const string Level = """{ "name": "Level", "kind": "auxiliary", "equation": 10, "units": "patients" }""";
    private const string Inflow = """{ "name": "Inflow", "kind": "auxiliary", "equation": 2, "units": "patients/day" }""";
    private const string Cost = """{ "name": "Cost", "kind": "auxiliary", "equation": 5, "units": "GBP" }""";

    private static string Spanned(Diagnostic d) => d.Equation!.Text[d.Span!.Value.Start..d.Span.Value.End];

    [Test]
    public void SumOfUnlikeTerms_OneWarningForTheEquation_CountingTheOthers()
    {
        // Level + Inflow is a mismatch; the sum carries on in patients, so the second + Inflow is one too.
        var r = Run($"{Level}, {Inflow}, {Cost}, {Aux("Slip", "Level + Inflow + Level + Inflow", "patients")}, {Aux("Other", "Cost - Level")}");
        var warnings = r.Units.OrderBy(d => d.Variable == "Slip" ? 0 : 1).ToList();
        Assert.That(warnings.Select(d => (d.Code, d.Variable)), Is.EqualTo(new[] { ("SD4001", "Slip"), ("SD4001", "Other") }), r.Text);
        Assert.That(Spanned(warnings[0]), Is.EqualTo("Inflow"));
        Assert.That(warnings[0].Span!.Value.Start, Is.EqualTo("Level + ".Length), "the first term that disagrees");
        Assert.That(warnings[0].Message, Does.EndWith("(and 1 more in this equation, not listed)"));
        Assert.That(warnings[1].Message, Does.Not.Contain("more in this equation"), "a lone problem is not counted");
    }

    [Test]
    public void ProblemsOfDifferentKinds_TheOneWrittenFirstIsReported()
    {
        // Found in this order: Inflow + Cost (SD4001), an exponent in patients/day (SD4004), then a base in patients
        // with an exponent that is not a written number (SD4004), which is written first.
        var r = Run($"{Level}, {Inflow}, {Cost}, {Aux("X", "Level ^ (Inflow + Cost)")}");
        var d = r.Units.Single();
        Assert.That((d.Code, Spanned(d)), Is.EqualTo((DiagnosticCodes.ArgumentUnits, "Level")), r.Text);
        Assert.That(d.Message, Does.StartWith("a power whose exponent is not a number").And.EndWith("(and 2 more in this equation, not listed)"));
    }

    [Test]
    public void FuzzCase53232_TwentyThousandSumsOfUnlikeUnits_OneWarning() => LongChainTests.OnSmallStack(() =>
    {
        // The shape of the case: hospital-to-community.json with one equation replaced by 20,000 copies of an
        // intake term ORed together; each copy holds three mismatches (beds - people, then two sums of people/day
        // with beds/day), so the old checker gave 60,000 warnings on this equation alone.
        const string Term = "(MAX(0, Beds - Patients) / Intake time + SUM(Step up ends[*]) + SUM(Step down ends[*]))";
        string json = TestModels.Model(
            $$"""
            { "name": "Beds", "kind": "auxiliary", "equation": 40, "units": "beds" },
            { "name": "Patients", "kind": "auxiliary", "equation": 30, "units": "people" },
            { "name": "Intake time", "kind": "auxiliary", "equation": 2, "units": "days" },
            { "name": "Step up ends", "kind": "auxiliary", "dimensions": ["Band"], "equation": 1, "units": "people/day" },
            { "name": "Step down ends", "kind": "auxiliary", "dimensions": ["Band"], "equation": 2, "units": "people/day" },
            { "name": "Open", "kind": "auxiliary", "equation": "{{string.Join(" OR ", Enumerable.Repeat(Term, 20_000))}}" }
            """,
            time: "\"start\": 0, \"stop\": 2, \"dt\": 1, \"units\": \"days\"",
            dimensions: """[{ "name": "Band", "size": 3 }]""");
        string path = Path.Combine(Path.GetTempPath(), $"fuzz-53232-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var check = InProcessSim.Run("check", path);
            Assert.That(check.ExitCode, Is.EqualTo(0), check.Stderr[..Math.Min(2000, check.Stderr.Length)]);
            var warnings = Regex.Matches(check.Stderr, @"warning SD4\d+: .*").Select(m => m.Value).ToList();
            Assert.That(warnings, Is.EqualTo(new[] { "warning SD4001: unlike units in a subtraction: bed and person (and 59,999 more in this equation, not listed)" }));
            Assert.That(check.Stderr.Length, Is.LessThan(2000), "one excerpt, cut to 160 characters");
            var run = InProcessSim.Run("run", path, "--output", Path.ChangeExtension(path, ".csv"));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr[..Math.Min(2000, run.Stderr.Length)]);
        }
        finally
        {
            File.Delete(path);
            File.Delete(Path.ChangeExtension(path, ".csv"));
        }
    });

    [Test]
    public void Excerpt_InAThreeMegabyteLine_ShowsTheWindowAroundTheSpan()
    {
        // The excerpt is the 160 characters from 40 before the span, on the span's line: computed here from the text.
        string text = string.Concat(Enumerable.Range(0, 300_000).Select(i => $"a{i % 10} + ")) + "b";
        int start = text.Length / 2 + 3;
        var d = new Diagnostic("SD4001", Severity.Warning, "m", null, "X", EquationSource.Detached(text), new TextSpan(start, 5), "h");
        string[] lines = DiagnosticRenderer.ToText(d).Split('\n');
        Assert.That(lines[1], Is.EqualTo("    " + text.Substring(start - 40, 160)));
        Assert.That(lines[2], Is.EqualTo("    " + new string(' ', 40) + "~~~~~"));

        // Near the end of the line the window is the line's last 160 characters; in a short line, the whole line.
        var end = new Diagnostic("SD4001", Severity.Warning, "m", null, "X", EquationSource.Detached(text + "\nnext line"), new TextSpan(text.Length - 1, 1));
        Assert.That(DiagnosticRenderer.ToText(end).Split('\n')[1], Is.EqualTo("    " + text[^160..]));
        var shortLine = new Diagnostic("SD4001", Severity.Warning, "m", null, "X", EquationSource.Detached("first\nx + y\tz"), new TextSpan(10, 1));
        Assert.That(DiagnosticRenderer.ToText(shortLine).Split('\n')[1..3], Is.EqualTo(new[] { "    x + y z", "        ~" }));
    }
}
