using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;
using Simulation.Tests.Import;
using Simulation.Tests.Runtime.Vector;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Hardening;

/// <summary>
/// Issue 22, item 2: a flat chain of 15,000-20,000 terms (a + b + c ...) parses into a left-deep tree that deep, and
/// the recursive tree walks (binding, checking, folding, emitting, printing, XMILE rewriting) overflowed the stack and
/// killed the process; <c>check</c> passed models that <c>run</c> then crashed on. Every walk now follows chains in a
/// loop. Each test runs on a thread with a 1 MB stack, the smallest a caller may have, so none depends on the host's.
/// </summary>
public class LongChainTests
{
    private const int Terms = 20_000;

    /// <summary>Runs <paramref name="test"/> on a thread with a 1 MB stack and rethrows what it threw.</summary>
    public static void OnSmallStack(Action test)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { test(); }
            catch (Exception e) { failure = e; }
        }, maxStackSize: 1 << 20);
        thread.Start();
        thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }

    private static string Chain(string op, string term, int n = Terms) => string.Join($" {op} ", Enumerable.Repeat(term, n));

    /// <summary>The chain's value when every term is 1, folded left as the language defines it.</summary>
    private static double Expected(string op, int n = Terms)
    {
        double value = 1;
        for (int i = 1; i < n; i++)
            value = op switch
            {
                "+" => value + 1, "-" => value - 1, "*" or "/" => value, "MOD" => value % 1,
                "AND" => value != 0 ? 1 : 0, "OR" => 1,
                "<" => value < 1 ? 1 : 0, "=" => value == 1 ? 1 : 0, "<>" => value != 1 ? 1 : 0,
                _ => throw new ArgumentException(op),
            };
        return value;
    }

    [TestCase("+"), TestCase("-"), TestCase("*"), TestCase("/"), TestCase("MOD"), TestCase("AND"), TestCase("OR"), TestCase("<"), TestCase("="), TestCase("<>")]
    public void LongChain_ChecksRunsAndAgreesWithTheVectorEngine(string op) => OnSmallStack(() =>
    {
        // One = 1 is an input: a chain of it is time-invariant and hoisted; Level is a stock: the chain of it varies.
        string json = TestModels.Model(
            $$"""
            { "name": "One", "kind": "auxiliary", "equation": 1, "input": true, "range": [0, 2] },
            { "name": "Level", "kind": "stock", "initial": 1, "inflows": ["In"] },
            { "name": "In", "kind": "flow", "equation": "({{Chain(op, "Level")}}) * 0" },
            { "name": "Fixed", "kind": "auxiliary", "equation": "{{Chain(op, "One")}}" },
            { "name": "Folded", "kind": "auxiliary", "equation": "{{Chain(op, "1")}}" },
            { "name": "Varying", "kind": "auxiliary", "equation": "{{Chain(op, "Level")}}" }
            """, time: "\"start\": 0, \"stop\": 2, \"dt\": 1");
        Assert.That(TestModels.Diagnose(json).Where(d => d.IsError), Is.Empty, "check accepts the model");
        var result = TestModels.Run(json);
        Assert.That(result.Diagnostics.Where(d => d.IsError), Is.Empty);
        foreach (var name in new[] { "Fixed", "Folded", "Varying" })
            Assert.That(result.Rows[^1][result.Names.ToList().IndexOf(name)], Is.EqualTo(Expected(op)), name);
        if (op is "+" or "AND" or "<") DifferentialTests.CheckModel(json, ["One"], seed: 22, runs: 3); // the vector engine's bits too
    });

    [Test]
    public void LongProduct_OfFixedAndChangingFactors_IsRegroupedAsBefore() => OnSmallStack(() =>
    {
        // EmitProduct multiplies the fixed factors once per run; the vector engine must give the reference's bits.
        string factors = string.Join(" * ", Enumerable.Range(0, Terms).Select(i => i % 3 == 0 ? "Level" : "One"));
        string json = TestModels.Model(
            $$"""
            { "name": "One", "kind": "auxiliary", "equation": 1.0000001, "input": true, "range": [1, 2] },
            { "name": "Level", "kind": "stock", "initial": 1, "inflows": ["In"] },
            { "name": "In", "kind": "flow", "equation": "0.000001 * ({{factors}})" }
            """, time: "\"start\": 0, \"stop\": 2, \"dt\": 1");
        DifferentialTests.CheckModel(json, ["One"], seed: 7, runs: 2);
    });

    [Test]
    public void LongChainOfConstants_EachReadingTheLast_Checks() => OnSmallStack(() =>
    {
        // The step-size check evaluates the drain's time constant, which reads 5,000 constants one after another.
        const int Chained = 5_000;
        var constants = Enumerable.Range(1, Chained).Select(i => $$"""{ "name": "c{{i}}", "kind": "auxiliary", "equation": "c{{i - 1}} + 1" }""");
        string json = TestModels.Model(
            $$"""
            { "name": "c0", "kind": "auxiliary", "equation": 1 },
            {{string.Join(",\n", constants)}},
            { "name": "Level", "kind": "stock", "initial": 1, "outflows": ["Out"] },
            { "name": "Out", "kind": "flow", "equation": "Level / c{{Chained}}" }
            """);
        Assert.That(TestModels.Diagnose(json).Where(d => d.IsError), Is.Empty);
    });

    [Test]
    public void LongChain_PrintsAndParsesBack() => OnSmallStack(() =>
    {
        string text = Chain("+", "a") + " * b - " + Chain("/", "c");
        var tree = Parser.TryParse(text).Expression!;
        string printed = ExprPrinter.Print(tree);
        Assert.That(printed, Is.EqualTo(text));
        Assert.That(ExprEquality.AreEqual(tree, Parser.TryParse(printed).Expression), Is.True);
        Assert.That(ExprEquality.AreEqual(tree, Parser.TryParse(printed + " + a").Expression), Is.False);
    });

    [Test]
    public void LongChain_InXmile_ImportsAndRuns() => OnSmallStack(() =>
    {
        // The importer rewrites every equation's names and builtins (EquationRewriter), then writes JSON (ExprPrinter).
        string xml = XmileModels.File($"""
            <aux name="one"><eqn>1</eqn></aux>
            <aux name="total"><eqn>{Chain("+", "one")} + ABS(-1)</eqn></aux>
            """);
        var result = XmileModels.Run(xml);
        Assert.That(result.Rows[^1][result.Names.ToList().IndexOf("total")], Is.EqualTo(Terms + 1));
        string json = ModelJsonWriter.ToJson(XmileModels.Document(xml), "model-v1.schema.json");
        Assert.That(TestModels.Diagnose(json).Where(d => d.IsError), Is.Empty, "the imported JSON checks");
    });

    [Test]
    public void LongChain_InAnExperimentOutcome_Sweeps() => OnSmallStack(() =>
    {
        using var files = new ExperimentFiles();
        var experiment = files.CompileOk(ExperimentFiles.Experiment(
            $$"""
            "uncertainty": { "design": "monteCarlo", "samples": 3, "inputs": [ { "input": "Rate" } ] },
            "outcomes": [ { "name": "Long", "total": "{{Chain("+", "Stock")}}" } ]
            """));
        var reference = SweepTestRuns.Record(experiment, 0);
        var vector = SweepTestRuns.Record(experiment, 0, vector: true);
        Assert.That(vector, Is.EqualTo(reference));
    });

    [Test]
    public void FuzzCase10809_ArrayedChainOfLongTerms_ChecksAndRuns() => OnSmallStack(() =>
    {
        // Seed 2022, case 10,809: illness-to-prevention.json with a 1.3 MB equation, 20,000 copies of a heart failure
        // risk term over the model's 6 x 5 [Age, IMD] cells. It checks and compiles (13 s of processor time, 950 MB)
        // but the campaign, at nice 19 beside a load average of 34, called it a hang after 300 s of wall time; the
        // fuzzer now judges hangs by processor time. The same shape, with every cell's own values:
        const string Term = "(1 + (RR - 1) * Sick / Adults)";
        static double AdultsIn(int age, int imd) => 1000 + 10 * age + imd;
        string adultsByCell = string.Join(", ", from age in Enumerable.Range(1, 6) from imd in Enumerable.Range(1, 5) select $"\"{age},{imd}\": {AdultsIn(age, imd)}");
        string json = TestModels.Model(
            $$"""
            { "name": "RR", "kind": "auxiliary", "equation": 1.7 },
            { "name": "Adults", "kind": "auxiliary", "dimensions": ["Age", "IMD"], "equation": 0, "elements": { {{adultsByCell}} } },
            { "name": "Sick", "kind": "stock", "dimensions": ["Age", "IMD"], "initial": "Adults / 100", "inflows": ["Onset"] },
            { "name": "Onset", "kind": "flow", "dimensions": ["Age", "IMD"], "equation": "Adults * 0.001" },
            { "name": "Risk", "kind": "auxiliary", "dimensions": ["Age", "IMD"], "equation": "{{Chain("+", Term)}}" }
            """,
            time: "\"start\": 0, \"stop\": 2, \"dt\": 1",
            dimensions: """[{ "name": "Age", "size": 6 }, { "name": "IMD", "size": 5 }]""");
        Assert.That(TestModels.Diagnose(json).Where(d => d.IsError), Is.Empty, "check accepts the model");
        var result = TestModels.Run(json);
        Assert.That(result.Diagnostics.Where(d => d.IsError), Is.Empty);
        for (int age = 1; age <= 6; age++)
        for (int imd = 1; imd <= 5; imd++)
        {
            double adults = AdultsIn(age, imd), sick = adults / 100 + adults * 0.001 + adults * 0.001, term = 1 + (1.7 - 1) * sick / adults, risk = term;
            for (int i = 1; i < Terms; i++) risk += term;
            Assert.That(result.Rows[^1][result.IndexOf($"Risk[{age},{imd}]")], Is.EqualTo(risk).Within(1e-9 * risk), $"Risk[{age},{imd}]");
        }
    });

    /// <summary>
    /// Loop dominance re-evaluates each equation with one input changed: its evaluator went down a chain by one call per
    /// term, and `sim loops --dominance` overflowed the stack on a 20,000-term flow. The terms add nothing, so the one
    /// loop scores -1 throughout, as the teacup's does.
    /// </summary>
    [Test]
    public void LongChain_InALoop_ScoresItsDominance() => OnSmallStack(() =>
    {
        var r = Engine.Structure.Dominance.LoopDominance.Analyse(TestModels.Compile(TestModels.Model($$"""
            { "name": "Temperature", "kind": "stock", "initial": 100, "outflows": ["Cooling"] },
            { "name": "Cooling", "kind": "flow", "equation": "(Temperature - 20) / 10 + {{Chain("+", "0 * Temperature")}}" }
            """, "\"start\": 0, \"stop\": 5, \"dt\": 1")));
        Assert.That(r.Loops, Has.Length.EqualTo(1));
        Assert.That(r.Scores.Select(s => s[0]), Has.All.EqualTo(-1.0).Within(1e-9));
    });

    [Test]
    public void PowerTower_NestsAndIsLimited() => OnSmallStack(() =>
    {
        // ^ is right-associative, so a^b^c... nests to the right: every ^ counts against the nesting limit.
        var result = Parser.TryParse(Chain("^", "2", Parser.MaxDepth + 5));
        Assert.That(result.Error?.Code, Is.EqualTo(DiagnosticCodes.TooDeeplyNested));
        Assert.That(Parser.TryParse(Chain("^", "1", 100)).Error, Is.Null);
    });
}
