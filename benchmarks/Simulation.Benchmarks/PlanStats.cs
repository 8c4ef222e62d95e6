using System.Globalization;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Levers;
using Simulation.Engine.Ops;

namespace Simulation.Benchmarks;

/// <summary>
/// <c>planstats [pack ...]</c>: what a pack's step (Rates) instructions are made of, for the sweep's plan of the
/// baseline and for the levers app's plan of it (every lever a run parameter): operations, divisions (and those by a
/// power of two), instructions whose operands never change within a run (constants, parameters, what Setup and Initial
/// compute) and those that depend on TIME and such values only.
/// </summary>
public static class PlanStats
{
    public static void Run(string[] args)
    {
        string[] packs = args.Length > 0 ? args : ["hospital-to-community", "illness-to-prevention"];
        foreach (string name in packs)
        {
            var pack = new NhsPack(name);
            Print($"{name}, sweep plan", pack.Scenario.Plan);
            var diagnostics = new DiagnosticBag();
            var levers = LeverModel.Load(Path.Combine(BenchModels.Root, "scenarios", name + ".json"), diagnostics)
                         ?? throw new InvalidOperationException(DiagnosticRenderer.ToText(diagnostics.Items));
            Print($"{name}, levers plan", levers.BaselinePlan);
            StepCode(levers.BaselinePlan);
        }
    }

    private static void Print(string title, EvaluationPlan plan)
    {
        var rates = plan.Rates;
        var pool = plan.ArgumentPool.AsSpan();
        var writtenEachStep = new HashSet<int>();
        foreach (var section in new[] { plan.Rates, plan.Capture, plan.Commit })
            foreach (var i in section) writtenEachStep.Add(i.Dst);
        int state = plan.RateBase + plan.StockCount;
        bool Fixed(int slot) => slot >= state && !writtenEachStep.Contains(slot);
        // Temporaries' current kind while walking the section: 0 fixed, 1 TIME-only, 2 varying.
        var current = new Dictionary<int, int>();
        int KindOf(int slot) => slot == EvaluationPlan.TimeSlot ? 1 : Fixed(slot) ? 0 : current.GetValueOrDefault(slot, 2);
        int invariant = 0, timeOnly = 0, divisions = 0, byPowerOfTwo = 0, invariantDivisions = 0;
        var reads = new List<int>();
        var constants = plan.Setup.Where(i => i.Op.Kind == OperationKind.Const).ToDictionary(i => i.Dst, i => i.Imm);
        foreach (var i in rates)
        {
            reads.Clear();
            i.Reads(pool, reads);
            int kind = i.Op.Kind is OperationKind.Random or OperationKind.Pipeline ? 2 : reads.Count == 0 ? 0 : reads.Max(KindOf);
            if (i.Op.Kind == OperationKind.Timed) kind = Math.Max(kind, 1);
            if (kind == 0) invariant++;
            else if (kind == 1) timeOnly++;
            if (i.Op == Operations.Div)
            {
                divisions++;
                if (kind == 0) invariantDivisions++;
                if (constants.TryGetValue(i.B, out double d) && Simulation.Engine.Runtime.Vector.ExactReciprocal.IsNormalPowerOfTwo(d)) byPowerOfTwo++;
            }
            current[i.Dst] = kind;
        }
        var ops = rates.GroupBy(i => i.Op.Name).OrderByDescending(g => g.Count()).Take(10).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}: {rates.Length} step instructions ({string.Join(", ", ops)}); {plan.Parameters.Length} parameters"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  operands fixed within a run: {invariant} ({invariantDivisions} divisions); TIME and fixed operands only: {timeOnly}; divisions {divisions}, by a constant power of two {byPowerOfTwo}"));
    }

    /// <summary>Counts the one-run step code's operations (from its listing): packed (x4) and lone, by operation.</summary>
    private static void StepCode(EvaluationPlan plan)
    {
        var text = new StringWriter();
        var program = Simulation.Engine.Runtime.Vector.OneRunProgram.Create(plan, [], text) ?? throw new InvalidOperationException("no one-run program");
        var ops = System.Text.RegularExpressions.Regex.Matches(text.ToString(), @"\b([A-Z][A-Za-z]*)(x4)?\(")
            .GroupBy(m => m.Groups[1].Value + m.Groups[2].Value).OrderByDescending(g => g.Count()).Take(24).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine($"  one-run step code: {program.PackCount} packs, {program.StripedCount} sums four items at a time; operations: {string.Join(", ", ops)}");
        if (Environment.GetEnvironmentVariable("SIM_LISTING") is { } file) File.WriteAllText(file, text.ToString());
        // What a request's futures run: a batch of 4 lanes (one future each), every instruction once for all four.
        var batch = new StringWriter();
        Simulation.Engine.Runtime.Vector.VectorProgram.Create(plan, 4, [], listing: batch);
        var batchOps = System.Text.RegularExpressions.Regex.Matches(batch.ToString(), @"\b([A-Z][A-Za-z]*)\(")
            .GroupBy(m => m.Groups[1].Value).OrderByDescending(g => g.Count()).Take(24).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine($"  4-lane batch step code (futures): operations: {string.Join(", ", batchOps)}");
    }
}
