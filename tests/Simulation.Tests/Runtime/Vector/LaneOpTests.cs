using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Compilation;
using Simulation.Engine.Model;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Tests.Runtime.Vector;

/// <summary>
/// Every plan operation, on every combination of awkward values (zeros of both signs, NaN,
/// infinities, a subnormal, huge values, halves), through the compiled kernel and the vector
/// interpreter against the reference evaluator: the same bits, NaN payloads included.
/// </summary>
public class LaneOpTests
{
    private static readonly double[] Specials =
        [0.0, -0.0, 1, -1, 0.5, 2.5, -2.5, 3, 0.7, 1e-310, 1e308, -1e308, double.PositiveInfinity, double.NegativeInfinity, double.NaN];

    /// <summary>Fewer values where operations take four operands (PULSE TRAIN), to keep the grid small.</summary>
    private static readonly double[] Timings = [0, 0.25, 0.5, 1, 2, -1, double.NaN];

    /// <summary>Operations of one run's values (stateful ones, delays and random draws, are held to the reference by the differential tests).</summary>
    public static IEnumerable<OpCode> Operations => Enum.GetValues<OpCode>()
        .Where(op => op is not (OpCode.Const or OpCode.Copy or OpCode.Param) && LaneOp.Of(op).Kind != LaneOpKind.Stateful);

    [Test]
    public void EveryOpCode_HasAVectorDefinition()
    {
        foreach (var op in Enum.GetValues<OpCode>())
            Assert.DoesNotThrow(() => LaneOp.Of(op), $"{op} has no vector definition: add it to LaneOp.Of and LaneMath");
    }

    [TestCaseSource(nameof(Operations))]
    public void Operation_OnAwkwardValues_MatchesReferenceBitForBit(OpCode op)
    {
        var lane = LaneOp.Of(op); // throws for an operation the vector engine does not know
        int operands = lane.Kind switch
        {
            LaneOpKind.PulseTrain => 4,
            LaneOpKind.Reduce or LaneOpKind.Choose => 3,
            _ => lane.Arity,
        };
        var values = operands == 4 ? Timings : Specials;
        foreach (int table in op is OpCode.Lookup or OpCode.LookupForward or OpCode.LookupBackward or OpCode.LookupInvert ? [0, 1, 2] : new[] { 0 })
        {
            var plan = SinglePlan(op, lane, operands, table);
            var runs = Grid(values, operands);
            AssertSameAsReference(plan, runs, operands, $"{op} table {table}");
        }
    }

    private static void AssertSameAsReference(EvaluationPlan plan, List<double[]> runs, int operands, string what)
    {
        var output = new OutputColumn("result", ResultSlot(operands), 0);
        var times = Enumerable.Range(0, plan.StepCount + 1).Select(s => RecordRequest.StepTime(plan, s));
        var record = RecordRequest.AtTimes(plan, [output], times);
        var inputs = new ParameterTable(runs.Count, operands, runs.SelectMany(r => r).ToArray());
        foreach (var execution in new[] { RatesExecution.Compiled, RatesExecution.Interpreted })
        {
            var results = BatchResults.Collect(new BatchRunner(plan, record, new BatchOptions { Threads = 1, LanesPerBatch = 16, Execution = execution }), inputs);
            for (int r = 0; r < runs.Count; r++)
            {
                var reference = Simulator.Run(plan, [output], runs[r], continueOnNonFinite: true);
                for (int s = 0; s < reference.Rows.Count; s++)
                {
                    double expected = reference.Rows[s][0], actual = results.Values[r][s];
                    if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                        Assert.Fail($"{what} ({execution}) on ({string.Join(", ", runs[r].Select(v => v.ToString("R")))}) at step {s}: " +
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
    private static EvaluationPlan SinglePlan(OpCode op, LaneOp lane, int operands, int table)
    {
        var host = TestModels.Compile(TestModels.Model("""{ "name": "x", "kind": "auxiliary", "equation": "1" }"""));
        var setup = Enumerable.Range(0, operands).Select(p => new Instruction(OpCode.Param, 1 + p, Aux: p)).ToImmutableArray();
        int dst = ResultSlot(operands);
        var instruction = lane.Kind switch
        {
            LaneOpKind.PulseTrain => new Instruction(op, dst, Aux: 0, Count: 4),
            LaneOpKind.Reduce => new Instruction(op, dst, Aux: 0, Count: 3),
            LaneOpKind.Choose => new Instruction(op, dst, A: 1, Aux: 1, Count: 2),
            LaneOpKind.Lookup => new Instruction(op, dst, A: 1, Aux: table),
            _ => new Instruction(op, dst, A: 1, B: 2, C: 3),
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
