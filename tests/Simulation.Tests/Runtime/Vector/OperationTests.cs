using System.Collections.Immutable;
using Simulation.Engine.Compilation;
using Simulation.Engine.Model;
using Simulation.Engine.Ops;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Tests.Runtime.Vector;

/// <summary>
/// Every operation of the catalogue, on every combination of awkward values (zeros of both signs, NaN,
/// infinities, a subnormal, huge values, halves), through the compiled step code and the vector
/// interpreter against the reference evaluator: the same bits, NaN payloads included.
/// </summary>
public class OperationTests
{
    private static readonly double[] Specials =
        [0.0, -0.0, 1, -1, 0.5, 2.5, -2.5, 3, 0.7, 1e-310, 1e308, -1e308, double.PositiveInfinity, double.NegativeInfinity, double.NaN];

    /// <summary>Fewer values where operations take four operands (PULSE TRAIN), to keep the grid small.</summary>
    private static readonly double[] Timings = [0, 0.25, 0.5, 1, 2, -1, double.NaN];

    /// <summary>Operations of one run's values (stateful ones, delays and random draws, are held to the reference by the differential tests).</summary>
    public static IEnumerable<TestCaseData> Values => Operations.All
        .Where(op => op.Kind is not (OperationKind.Const or OperationKind.Copy or OperationKind.Param or OperationKind.Pipeline or OperationKind.Random))
        .Select(op => new TestCaseData(op.Name).SetName($"Operation_OnAwkwardValues_MatchesReferenceBitForBit({op.Name})"));

    [Test]
    public void EveryPureOperation_HasAVectorMeaningToCall()
    {
        foreach (var op in Operations.All.Where(o => o.Kind is OperationKind.Pure or OperationKind.Timed or OperationKind.Lookup))
            Assert.That(op.VectorMethod, Is.Not.Null, $"{op} has no vector meaning for the step code to call");
    }

    [TestCaseSource(nameof(Values))]
    public void Operation_OnAwkwardValues_MatchesReferenceBitForBit(string name)
    {
        var op = Operations.Named(name)!;
        int operands = op.Kind is OperationKind.Fold or OperationKind.Choose ? 3 : op.Kind == OperationKind.Lookup ? 1 : op.Arity;
        var values = operands == 4 ? Timings : Specials;
        foreach (int table in op.Kind == OperationKind.Lookup ? [0, 1, 2] : new[] { 0 })
        {
            var plan = SinglePlan(op, operands, table);
            var runs = Grid(values, operands);
            AssertSameAsReference(plan, runs, operands, $"{op} table {table}");
            AssertOneRunSameAsReference(plan, runs, operands, $"{op} table {table}");
        }
    }

    /// <summary>
    /// Each run alone on a one-run program, whose step code computes a value that is not an array element as one double
    /// (scalar instructions, or the AVX form on the lowest lane, or the scalar meaning called). A run whose result goes
    /// NaN or infinite stops there and is run again on the batch engine (as <c>BatchRunner</c> does), so the finite runs
    /// are the ones its step code answers for; most of the grid is.
    /// </summary>
    private static void AssertOneRunSameAsReference(EvaluationPlan plan, List<double[]> runs, int operands, string what)
    {
        if (OneRunProgram.Create(plan, [ResultSlot(operands)]) is not { } program) return; // no AVX2: the batch engine runs it
        var output = new OutputColumn("result", ResultSlot(operands), 0);
        var work = new OneRunWorkspace(program, plan.StepCount + 1);
        int[] steps = Enumerable.Range(0, plan.StepCount + 1).ToArray();
        int answered = 0;
        foreach (var run in runs)
        {
            run.CopyTo(work.Parameters, 0);
            if (!OneRunKernel.Run(work, steps, 0, 0)) continue;
            answered++;
            var reference = Simulator.Run(plan, [output], run, continueOnNonFinite: true);
            for (int s = 0; s < reference.Rows.Count; s++)
            {
                double expected = reference.Rows[s][0], actual = work.Recorded[s];
                if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                    Assert.Fail($"{what} (one run) on ({string.Join(", ", run.Select(v => v.ToString("R")))}) at step {s}: " +
                                $"reference {expected:R} ({BitConverter.DoubleToInt64Bits(expected):X}), one run {actual:R} ({BitConverter.DoubleToInt64Bits(actual):X})");
            }
        }
        Assert.That(answered, Is.GreaterThan(runs.Count / 4), $"{what}: too few runs stayed finite to test the one-run step code");
    }

    private static void AssertSameAsReference(EvaluationPlan plan, List<double[]> runs, int operands, string what)
    {
        var output = new OutputColumn("result", ResultSlot(operands), 0);
        var times = Enumerable.Range(0, plan.StepCount + 1).Select(plan.Clock.TimeOf);
        var record = RecordRequest.AtTimes(plan, [output], times);
        var references = runs.Select(run => Simulator.Run(plan, [output], run, continueOnNonFinite: true)).ToList();
        // Each run once, then each four times over so that all four lanes of a group hold the same values (as a single
        // run's group does): operations called lane by lane then compute once for the group (SameLanes).
        foreach (int copies in new[] { 1, 4 })
        foreach (var execution in new[] { RatesExecution.Compiled, RatesExecution.Interpreted })
        {
            var inputs = new ParameterTable(runs.Count * copies, operands, runs.SelectMany(r => Enumerable.Repeat(r, copies)).SelectMany(r => r).ToArray());
            var results = BatchResults.Collect(new BatchRunner(plan, record, new BatchOptions { Threads = 1, LanesPerBatch = 16, Execution = execution }), inputs);
            for (int r = 0; r < runs.Count * copies; r++)
            {
                var reference = references[r / copies];
                for (int s = 0; s < reference.Rows.Count; s++)
                {
                    double expected = reference.Rows[s][0], actual = results.Values[r][s];
                    if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                        Assert.Fail($"{what} ({execution}, {copies} copies) on ({string.Join(", ", runs[r / copies].Select(v => v.ToString("R")))}) at step {s}: " +
                                    $"reference {expected:R} ({BitConverter.DoubleToInt64Bits(expected):X}), vector {actual:R} ({BitConverter.DoubleToInt64Bits(actual):X})");
                }
            }
        }
    }

    private static List<double[]> Grid(double[] values, int operands)
    {
        var runs = new List<double[]> { Array.Empty<double>() };
        for (int k = 0; k < operands; k++)
            runs = runs.SelectMany(prefix => values.Select(v => prefix.Append(v).ToArray())).ToList();
        return runs;
    }

    private static int ResultSlot(int operands) => 1 + operands;

    /// <summary>A plan that loads its operands from parameters (slots 1..n) and computes one operation into slot n + 1 every evaluation.</summary>
    private static EvaluationPlan SinglePlan(Operation op, int operands, int table)
    {
        var host = TestModels.Compile(TestModels.Model("""{ "name": "x", "kind": "auxiliary", "equation": "1" }"""));
        var setup = Enumerable.Range(0, operands).Select(p => new Instruction(Operations.Param, 1 + p, Aux: p)).ToImmutableArray();
        int dst = ResultSlot(operands);
        var instruction = op.Kind switch
        {
            OperationKind.Fold => new Instruction(op, dst, Aux: 0, Count: 3),
            OperationKind.Choose => new Instruction(op, dst, A: 1, Aux: 1, Count: 2),
            OperationKind.Lookup => new Instruction(op, dst, A: 1, Aux: table),
            _ when op.ReadsPool => new Instruction(op, dst, Aux: 0, Count: 4),
            _ => new Instruction(op, dst, A: 1, B: op.Arity > 1 ? 2 : 0, C: op.Arity > 2 ? 3 : 0), // an operand left out is slot 0, as the compiler leaves it
        };
        ImmutableArray<double> xs = [0, 1, 2, 4], ys = [1, 3, 2, 5];
        return new EvaluationPlan
        {
            SlotCount = dst + 1,
            StockBase = 1,
            StockCount = 0,
            RateBase = 1,
            Setup = setup,
            Initial = [],
            Rates = [instruction],
            Capture = [],
            Commit = [],
            ArgumentPool = [1, 2, 3, 4],
            Tables = [new LookupTable("t", xs, ys, GraphInterpolation.Continuous), new LookupTable("e", xs, ys, GraphInterpolation.Extrapolate),
                new LookupTable("d", xs, ys, GraphInterpolation.Discrete)],
            NonNegativeStocks = [],
            ElementSlots = [dst],
            Parameters = [.. Enumerable.Range(0, operands)],
            ParameterDefaults = [.. Enumerable.Repeat(0.0, operands)],
            Time = new TimeSettings { Start = 0, Stop = 2, Dt = 0.25 },
            Model = host.Model,
        };
    }
}
