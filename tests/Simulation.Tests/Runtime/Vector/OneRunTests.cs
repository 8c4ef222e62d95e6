using Simulation.Engine.Binding;
using Simulation.Engine.Compilation;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Tests.Runtime.Vector;

/// <summary>
/// One run on its own, with array elements in the vector lanes (<see cref="OneRunProgram"/>), against the reference
/// evaluator: the same bits for every element at every saved time, on the bundled models and on models whose arrays
/// depend on their own elements (packs that would depend on themselves must be left unpacked).
/// </summary>
public class OneRunTests
{
    [TestCase("hospital-to-community.json", true)]
    [TestCase("illness-to-prevention.json", true)]
    [TestCase("ageing-chain.json", true)]
    [TestCase("hospital-beds.json", false)]
    [TestCase("flu-sir.json", false)]
    [TestCase("teacup.json", false)]
    public void BundledModel_OneRun_GivesTheReferenceBits(string file, bool hasArrays)
    {
        var plan = TestModels.Compile(File.ReadAllText(TestModels.PathOf("models", file)));
        var program = CompareWithReference(plan, plan.Model.Elements);
        if (hasArrays) Assert.That(program.PackCount, Is.GreaterThan(0), "array elements were not put in the lanes");
        // Recording only the stocks leaves the step code free to keep every other element in registers.
        CompareWithReference(plan, plan.Model.Elements.Where(e => e.Kind == ElementKind.Stock).ToList());
    }

    /// <summary>Random models (arrays of 2 to 40 elements, every operation, awkward inputs, NaN on the way) one run at a time.</summary>
    [Test]
    public void RandomModels_OneRunEach_GiveTheReferenceBitsAndReports()
    {
        for (int k = 0; k < 120; k++) DifferentialTests.CheckModel(unchecked(20261205 + 7919 * k), runs: 1);
    }

    [Test]
    public void ElementsThatReadEachOther_StayOutOfOnePack()
    {
        const string json = """
            { "name": "chain", "time": { "start": 0, "stop": 20, "dt": 0.25 }, "dimensions": [ { "name": "D", "size": 9 } ],
              "variables": [
                { "name": "Rate", "kind": "auxiliary", "dimensions": ["D"], "equation": "0.01 * (1 + D)" },
                { "name": "Running", "kind": "auxiliary", "dimensions": ["D"], "equation": "Running[D.prev] + Rate[D] * Stock[D]" },
                { "name": "Scaled", "kind": "auxiliary", "dimensions": ["D"], "equation": "EXP(-Running[D]) * Stock[D] / (1 + TIME)" },
                { "name": "Flow", "kind": "flow", "dimensions": ["D"], "equation": "Scaled[D] - Rate[D] * SUM(Stock[*]) / 9" },
                { "name": "Stock", "kind": "stock", "dimensions": ["D"], "initial": "10 + D", "inflows": ["Flow"] }
              ] }
            """;
        var plan = TestModels.Compile(json);
        var program = CompareWithReference(plan, plan.Model.Elements);
        Assert.That(program.PackCount, Is.GreaterThan(0));
    }

    /// <summary>
    /// An input per age read by every element of an age x deprivation array (as the levers app makes every input a run
    /// parameter): packs that straddle two ages read four inputs from four places, which the kernel gathers into a row
    /// once a run (<see cref="CompiledSection.FixedRows"/>) instead of lane by lane at every step.
    /// </summary>
    [Test]
    public void InputsFixedWithinTheRun_AreGatheredOnceAndGiveTheReferenceBits()
    {
        const string json = """
            { "name": "ages", "time": { "start": 0, "stop": 30, "dt": 0.25 },
              "dimensions": [ { "name": "Age", "size": 3 }, { "name": "IMD", "size": 5 } ],
              "variables": [
                { "name": "Rate", "kind": "auxiliary", "dimensions": ["Age"], "equation": "0.013 * (1 + Age)" },
                { "name": "Scale", "kind": "auxiliary", "equation": "1.7" },
                { "name": "Exit", "kind": "flow", "dimensions": ["Age", "IMD"], "equation": "Stock[Age, IMD] * Rate[Age] / Scale" },
                { "name": "Stock", "kind": "stock", "dimensions": ["Age", "IMD"], "initial": "100 + 7 * IMD - Age", "outflows": ["Exit"] }
              ] }
            """;
        var bound = TestModels.Bind(json);
        var inputs = bound.FindVariable("Rate")!.Elements.Append(bound.FindVariable("Scale")!.Elements[0]).ToList();
        var plan = TestModels.Compile(json, inputs);
        var program = CompareWithReference(plan, plan.Model.Elements);
        Assert.That(program.Rates.FixedRows, Is.Not.Empty, "no row of inputs was gathered once a run");
    }

    /// <summary>
    /// Values of TIME and inputs fixed within the run only (a growth index, a seasonal COS, a lookup and a STEP of TIME)
    /// are kept for every step by the second run with the same inputs (<see cref="TimeTable"/>) and copied by later ones:
    /// every run, with and without the table, with the inputs they read moved and not, gives the reference's bits.
    /// </summary>
    [Test]
    public void ValuesOfTimeAlone_KeptForLaterRuns_GiveTheReferenceBits()
    {
        const string json = """
            { "name": "seasons", "time": { "start": 0, "stop": 730, "dt": 0.5 }, "dimensions": [ { "name": "D", "size": 5 } ],
              "variables": [
                { "name": "growth", "kind": "auxiliary", "input": true, "equation": 0.03 },
                { "name": "k", "kind": "auxiliary", "input": true, "equation": 0.01 },
                { "name": "Index", "kind": "auxiliary", "equation": "(1 + growth) ^ (TIME / 365)" },
                { "name": "Season", "kind": "auxiliary", "equation": "1 + 0.2 * COS(6.283185307179586 * TIME / 365)" },
                { "name": "Ramp up", "kind": "auxiliary", "equation": "1 + STEP(0.5, 200)" },
                { "name": "Shape", "kind": "auxiliary", "equation": "TIME / 365", "graph": { "xRange": [0, 2], "y": [0, 0.4, 0.7, 1] } },
                { "name": "Flow", "kind": "flow", "dimensions": ["D"], "equation": "Stock[D] * k * Index * Season * Ramp up * (1 + Shape) * (1 + D) / 10" },
                { "name": "Stock", "kind": "stock", "dimensions": ["D"], "initial": "100 + D", "outflows": ["Flow"] }
              ] }
            """;
        var bound = TestModels.Bind(json);
        var plan = TestModels.Compile(json, [bound.FindVariable("growth")!.Elements[0], bound.FindVariable("k")!.Elements[0]]);
        var outputs = Outputs(plan, plan.Model.Elements);
        var record = RecordRequest.AtTimes(plan, outputs, Enumerable.Range(0, plan.StepCount + 1).Select(plan.Clock.TimeOf));
        var program = OneRunProgram.Create(plan, outputs.Select(o => o.Slot).ToArray()) ?? throw new IgnoreException("no AVX2 here");
        Assert.That(program.Time, Is.Not.Null, "no value of TIME alone was taken out of the step code");
        var work = new OneRunWorkspace(program, record.Steps.Length);
        double[][] runs = [[0.03, 0.01], [0.03, 0.02], [0.03, 0.03], [0.05, 0.03], [0.03, 0.04], [0.05, 0.01], [0.05, 0.01], [0.05, 0.02]];
        // The second run with a growth makes its table; later runs with that growth copy it, whatever k.
        bool[] tabled = [false, false, true, false, true, false, true, true];
        for (int r = 0; r < runs.Length; r++)
        {
            runs[r].CopyTo(work.Parameters, 0);
            int served = program.Time!.RunsServed;
            Assert.That(OneRunKernel.Run(work, record.Steps.ToArray(), 0, 0), Is.True, "the run went NaN or infinite");
            Assert.That(program.Time.RunsServed - served, Is.EqualTo(tabled[r] ? 1 : 0), $"run {r}: whether the table served it");
            var (rows, problem) = Reference(plan, outputs, record, runs[r]);
            Assert.That(problem, Is.Null);
            for (int s = 0; s < rows.Count; s++)
                for (int j = 0; j < outputs.Count; j++)
                    if (!DifferentialTests.SameBits(rows[s][j], work.Recorded[s * outputs.Count + j]))
                        Assert.Fail($"run {r}: {outputs[j].Name} at recorded step {s}: reference {rows[s][j]:R}, one run {work.Recorded[s * outputs.Count + j]:R}");
        }
    }

    [Test]
    public void RunThatGoesNonFinite_IsReportedAsTheReferenceReportsIt()
    {
        const string json = """
            { "name": "blow-up", "time": { "start": 0, "stop": 10, "dt": 1 }, "dimensions": [ { "name": "D", "size": 8 } ],
              "variables": [
                { "name": "Growth", "kind": "flow", "dimensions": ["D"], "equation": "Stock[D] * Stock[D] * 1e100" },
                { "name": "Stock", "kind": "stock", "dimensions": ["D"], "initial": "1 + D", "inflows": ["Growth"] }
              ] }
            """;
        var plan = TestModels.Compile(json);
        var outputs = Outputs(plan, plan.Model.Elements);
        var record = RecordRequest.AtTimes(plan, outputs, Enumerable.Range(0, plan.StepCount + 1).Select(plan.Clock.TimeOf));
        var program = OneRunProgram.Create(plan, outputs.Select(o => o.Slot).ToArray())!;
        var work = new OneRunWorkspace(program, record.Steps.Length);
        Assert.That(OneRunKernel.Run(work, record.Steps.ToArray(), 0, 0), Is.False, "the one-run program should stop at the infinity");

        var results = BatchResults.Collect(new BatchRunner(plan, record), new ParameterTable(1, 0, []));
        var (_, problem) = Reference(plan, outputs, record, []);
        Assert.That(problem, Is.Not.Null);
        Assert.That(results.Problems[0], Is.EqualTo(problem));
    }

    /// <summary>
    /// With Euler steps the one-run program sums at every step only the stored values whose NaN or infinity reaches no
    /// stock (<c>NonFiniteReach.Sinks</c>); one that reaches a stock is seen in the stocks at the end of the run. Either way
    /// the run is stopped as non-finite and the batch engine reports it: the same time and element as the reference, for
    /// an element that reaches a stock going NaN at the first step, mid-run, at the last step but one and at the last step
    /// (its stock then never takes the NaN: the net rates are summed at the end too), and for one that reaches none.
    /// </summary>
    [TestCase(0.0, 100.0)]
    [TestCase(3.0, 100.0)]
    [TestCase(9.5, 100.0)]
    [TestCase(10.0, 100.0)]
    [TestCase(100.0, 0.0)]
    [TestCase(100.0, 4.5)]
    [TestCase(100.0, 10.0)]
    public void ElementGoingNonFinite_IsReportedAsTheReferenceReportsIt(double reachingAt, double sinkAt)
    {
        const string json = """
            { "name": "blip", "time": { "start": 0, "stop": 10, "dt": 0.5 }, "dimensions": [ { "name": "D", "size": 6 } ],
              "variables": [
                { "name": "k", "kind": "auxiliary", "input": true, "equation": 3 },
                { "name": "j", "kind": "auxiliary", "input": true, "equation": 3 },
                { "name": "Blip", "kind": "auxiliary", "dimensions": ["D"], "equation": "1 / (k + D - 1 - TIME) - 1 / (k + D - 1 - TIME)" },
                { "name": "Flow", "kind": "flow", "dimensions": ["D"], "equation": "Stock[D] * 0.01 + 0 * Blip[D]" },
                { "name": "Stock", "kind": "stock", "dimensions": ["D"], "initial": "10 + D", "inflows": ["Flow"] },
                { "name": "Note", "kind": "auxiliary", "equation": "SUM(Stock[*]) * 0 / (j - TIME)" }
              ] }
            """;
        var bound = TestModels.Bind(json);
        var plan = TestModels.Compile(json, [bound.FindVariable("k")!.Elements[0], bound.FindVariable("j")!.Elements[0]]);
        double[] parameters = [reachingAt, sinkAt];
        foreach (var recorded in new IReadOnlyList<ModelElement>[] { plan.Model.Elements, plan.Model.Elements.Where(e => e.Kind == ElementKind.Stock).ToList() })
        {
            var outputs = Outputs(plan, recorded);
            var record = RecordRequest.AtTimes(plan, outputs, Enumerable.Range(0, plan.StepCount + 1).Select(plan.Clock.TimeOf));
            var program = OneRunProgram.Create(plan, outputs.Select(o => o.Slot).ToArray()) ?? throw new IgnoreException("no AVX2 here");
            var work = new OneRunWorkspace(program, record.Steps.Length);
            parameters.CopyTo(work.Parameters);
            Assert.That(OneRunKernel.Run(work, record.Steps.ToArray(), 0, 0), Is.False, "the one-run program should stop as non-finite");

            var results = BatchResults.Collect(new BatchRunner(plan, record), new ParameterTable(1, 2, parameters));
            var (rows, problem) = Reference(plan, outputs, record, parameters);
            Assert.That(problem, Is.Not.Null);
            Assert.That(results.Problems[0], Is.EqualTo(problem), $"recording {outputs.Count} elements");
            for (int s = 0; s < rows.Count; s++)
                for (int c = 0; c < outputs.Count; c++)
                    Assert.That(DifferentialTests.SameBits(rows[s][c], results.Values[0][s * outputs.Count + c]), $"{outputs[c].Name} at recorded step {s}");
        }
    }

    /// <summary>Runs the plan at its defaults on the one-run program and on the reference evaluator; fails at the first difference.</summary>
    internal static OneRunProgram CompareWithReference(EvaluationPlan plan, IReadOnlyList<ModelElement> recorded)
    {
        var outputs = Outputs(plan, recorded);
        var times = Enumerable.Range(0, plan.StepCount + 1).Where(s => s % plan.SaveEvery == 0 || s == plan.StepCount).Select(plan.Clock.TimeOf);
        var record = RecordRequest.AtTimes(plan, outputs, times);
        var program = OneRunProgram.Create(plan, outputs.Select(o => o.Slot).ToArray()) ?? throw new IgnoreException("no AVX2 here");
        var work = new OneRunWorkspace(program, record.Steps.Length);
        plan.ParameterDefaults.AsSpan().CopyTo(work.Parameters);
        Assert.That(OneRunKernel.Run(work, record.Steps.ToArray(), 0, 0), Is.True, "the run went NaN or infinite");
        var (rows, problem) = Reference(plan, outputs, record, plan.ParameterDefaults.ToArray());
        Assert.That(problem, Is.Null);
        Assert.That(rows, Has.Count.EqualTo(record.Steps.Length));
        for (int s = 0; s < rows.Count; s++)
            for (int j = 0; j < outputs.Count; j++)
            {
                double expected = rows[s][j], actual = work.Recorded[s * outputs.Count + j];
                if (!DifferentialTests.SameBits(expected, actual))
                    Assert.Fail($"{outputs[j].Name} at recorded step {s}: reference {expected:R}, one run {actual:R}");
            }
        return program;
    }

    private static List<OutputColumn> Outputs(EvaluationPlan plan, IEnumerable<ModelElement> elements) =>
        elements.Select(e => new OutputColumn(e.DisplayName, plan.ElementSlots[e.Id], e.Id)).ToList();

    /// <summary>The reference evaluator's values at the recorded steps, going on after NaN, with its first non-finite report.</summary>
    private static (List<double[]> Rows, RunProblem? Problem) Reference(EvaluationPlan plan, IReadOnlyList<OutputColumn> outputs, RecordRequest record,
        double[] parameters)
    {
        var recorder = new Recorder(outputs, record.Steps.ToHashSet());
        var kernel = new ReferenceEvaluator(plan, parameters, recorder, stopOnNonFinite: false);
        Integrator.Run(ref kernel, plan.Time, plan.StepCount, saveEvery: 1);
        return (recorder.Rows, recorder.Problem);
    }

    private sealed class Recorder(IReadOnlyList<OutputColumn> outputs, HashSet<int> steps) : IRunRecorder
    {
        public List<double[]> Rows { get; } = new();

        public RunProblem? Problem { get; private set; }

        public void Record(int step, double time, ReadOnlySpan<double> slots)
        {
            if (!steps.Contains(step)) return;
            var row = new double[outputs.Count];
            for (int j = 0; j < row.Length; j++) row[j] = slots[outputs[j].Slot];
            Rows.Add(row);
        }

        public void NonFinite(double time, int element) => Problem ??= new RunProblem(time, element);
    }
}
