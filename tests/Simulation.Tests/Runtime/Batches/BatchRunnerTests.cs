using Simulation.Engine.Compilation;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Tests.Runtime.Batches;

public class BatchRunnerTests
{
    /// <summary>Exponential decay towards a goal, with the goal and the time constant as inputs.</summary>
    private const string Decay = """
        { "name": "level", "kind": "stock", "initial": 100, "outflows": ["drain"] },
        { "name": "drain", "kind": "flow", "equation": "(level - goal) / tau" },
        { "name": "goal", "kind": "auxiliary", "equation": 10, "input": true },
        { "name": "tau", "kind": "auxiliary", "equation": 4, "input": true }
        """;

    private static EvaluationPlan Plan(string time = "\"start\": 0, \"stop\": 10, \"dt\": 0.5")
    {
        var json = TestModels.Model(Decay, time);
        var bound = TestModels.Bind(json);
        return TestModels.Compile(json, [bound.FindVariable("goal")!.Elements[0], bound.FindVariable("tau")!.Elements[0]]);
    }

    private static IReadOnlyList<OutputColumn> Level(EvaluationPlan plan) => Simulator.SelectOutputs(plan, ["level"]).Columns!;

    private static ParameterTable Inputs(int runs) =>
        new(runs, 2, Enumerable.Range(0, runs).SelectMany(r => new[] { r * 0.5, 1 + r % 7 }).ToArray());

    [Test]
    public void Run_AnyThreadsAndLanes_SameValuesInRunOrder()
    {
        var plan = Plan();
        var record = RecordRequest.FinalValues(plan, Level(plan));
        var inputs = Inputs(203);
        var one = BatchResults.Collect(new BatchRunner(plan, record, new BatchOptions { Threads = 1, LanesPerBatch = 4 }), inputs);
        var many = BatchResults.Collect(new BatchRunner(plan, record, new BatchOptions { Threads = 3, LanesPerBatch = 64 }), inputs);
        Assert.That(many.Values, Is.EqualTo(one.Values));
        Assert.That(one.Values, Has.Count.EqualTo(203));
        for (int r = 0; r < 203; r += 50)
            Assert.That(one.Values[r][0], Is.EqualTo(Simulator.Run(plan, Level(plan), [r * 0.5, 1 + r % 7]).Rows[^1][0]));
    }

    [Test]
    public void AtTimes_ChosenTimes_ValuesOfThoseSteps()
    {
        var plan = Plan();
        var record = RecordRequest.AtTimes(plan, Level(plan), [5, 0, 2.5, 5]);
        Assert.That(record.Times, Is.EqualTo(new[] { 0, 2.5, 5 }), "sorted, repeats dropped");
        var results = BatchResults.Collect(new BatchRunner(plan, record), Inputs(3));
        var reference = Simulator.Run(plan, Level(plan), [1 * 0.5, 2]);
        Assert.That(results.Values[1], Is.EqualTo(new[] { reference.Rows[0][0], reference.Rows[5][0], reference.Rows[10][0] }));
    }

    [TestCase(-1)]
    [TestCase(10.5)]
    [TestCase(0.3)]
    [TestCase(double.NaN)]
    public void AtTimes_TimeOutsideRunOrBetweenSteps_Throws(double time)
    {
        var plan = Plan();
        Assert.That(plan.Clock.TryStepOf(time, out _), Is.False);
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordRequest.AtTimes(plan, Level(plan), [time]));
    }

    [Test]
    public void Run_InputsOfTheWrongWidth_Throws()
    {
        var plan = Plan();
        var runner = new BatchRunner(plan, RecordRequest.FinalValues(plan, Level(plan)));
        Assert.Throws<ArgumentException>(() => runner.Run(new ParameterTable(2, 1, [1, 2]), new BatchResults()));
    }

    [TestCase(0)]
    [TestCase(6)]
    public void Options_LanesNotAPositiveMultipleOfFour_Throws(int lanes)
    {
        var plan = Plan();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ = new BatchRunner(plan, RecordRequest.FinalValues(plan, Level(plan)), new BatchOptions { LanesPerBatch = lanes }));
    }

    [Test]
    public void Run_SinkThrows_ExceptionReachesCaller()
    {
        var plan = Plan();
        var runner = new BatchRunner(plan, RecordRequest.FinalValues(plan, Level(plan)), new BatchOptions { Threads = 2, LanesPerBatch = 4 });
        var sink = new CountingSink { ThrowAt = 30 };
        Assert.Throws<InvalidOperationException>(() => runner.Run(Inputs(100), sink));
    }

    [Test]
    public void Run_Cancelled_ThrowsOperationCanceled()
    {
        var plan = Plan();
        var runner = new BatchRunner(plan, RecordRequest.FinalValues(plan, Level(plan)), new BatchOptions { Threads = 2, LanesPerBatch = 4 });
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => runner.Run(Inputs(100), new CountingSink(), cancel.Token));
    }

    [Test]
    public void Run_NaNInOneRun_ReportedForThatRunOnly()
    {
        var plan = Plan();
        var results = BatchResults.Collect(new BatchRunner(plan, RecordRequest.FinalValues(plan, Level(plan))),
            new ParameterTable(3, 2, [1, 2, 1, 0, 1, 2])); // tau = 0 in run 1
        Assert.Multiple(() =>
        {
            Assert.That(results.Problems[0], Is.Null);
            Assert.That(results.Problems[1], Is.EqualTo(new RunProblem(0, plan.Model.FindVariable("drain")!.Elements[0])));
            Assert.That(results.Problems[2], Is.Null);
            Assert.That(results.Values[2], Is.EqualTo(results.Values[0]));
        });
    }

    /// <summary>With only final values kept and results streamed to a sink, a run costs no memory: 100,000 runs allocate what 10,000 do.</summary>
    [Test]
    public void Run_HundredThousandRuns_MemoryStaysFlat()
    {
        var plan = Plan("\"start\": 0, \"stop\": 2, \"dt\": 0.5");
        // One thread: the runner works on the calling thread, so the thread's own allocation count is exact and no other
        // test running at the same time can add to it (the process-wide count made this test fail on a busy machine).
        var runner = new BatchRunner(plan, RecordRequest.FinalValues(plan, Level(plan)), new BatchOptions { Threads = 1, LanesPerBatch = 16 });
        runner.Run(new GeneratedInputs(1000), new CountingSink()); // compile and warm up
        long Allocated(int runs)
        {
            var sink = new CountingSink();
            long before = GC.GetAllocatedBytesForCurrentThread();
            runner.Run(new GeneratedInputs(runs), sink);
            long used = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(sink.Count, Is.EqualTo(runs));
            return used;
        }
        long Least(int runs) => Enumerable.Range(0, 2).Min(_ => Allocated(runs));
        long tenThousand = Least(10_000), hundredThousand = Least(100_000);
        Assert.That(hundredThousand, Is.LessThan(2 * tenThousand + 256 * 1024), $"10,000 runs allocated {tenThousand} bytes, 100,000 runs {hundredThousand}");
    }

    /// <summary>Inputs computed from the run number: nothing stored per run.</summary>
    private sealed class GeneratedInputs(int runs) : IRunInputs
    {
        public int RunCount => runs;

        public int ParameterCount => 2;

        public void Fill(int run, Span<double> values)
        {
            values[0] = run % 100;
            values[1] = 1 + run % 13;
        }
    }

    private sealed class CountingSink : IRunSink
    {
        public int Count { get; private set; }

        public int ThrowAt { get; init; } = -1;

        public void Accept(RunResult result)
        {
            if (result.Run != Count) throw new InvalidOperationException("out of order");
            if (Count == ThrowAt) throw new InvalidOperationException("the sink failed");
            Count++;
        }
    }
}
