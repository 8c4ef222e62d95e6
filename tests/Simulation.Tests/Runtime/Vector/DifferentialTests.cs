using FsCheck;
using FsCheck.Fluent;
using Simulation.Engine.Binding;
using Simulation.Engine.Compilation;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Tests.Runtime.Vector;

/// <summary>
/// The vector engine against the reference evaluator on random models and random inputs: every
/// run, every saved time, every element, the same bits (both back ends perform the same IEEE
/// operations in the same order per run; see <see cref="SameBits"/> for NaN), whatever the batch
/// width and thread count, compiled or interpreted; and the same report of where a run first went
/// NaN or infinite.
/// </summary>
public class DifferentialTests
{
    private static readonly double[] AwkwardInputs = [0, 1, -1, 0.5, 2, 1e300, -0.0];

    [TestCase(1, 40)]
    [TestCase(7, 40)]
    [TestCase(64, 25)]
    [TestCase(1000, 6)]
    public void RandomModels_OnBothBackEnds_GiveIdenticalBits(int runs, int models)
    {
        var seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();
        var config = Config.QuickThrowOnFailure.WithMaxTest(models).WithReplay(new Replay(new Rnd(20261127UL + (ulong)runs, 77UL),
            Microsoft.FSharp.Core.FSharpOption<int>.None));
        Prop.ForAll(seeds, seed => CheckModel(seed, runs)).Check(config);
    }

    /// <summary>Runs one random model both ways; fails with the model and the first difference.</summary>
    public static void CheckModel(int seed, int runs)
    {
        var model = RandomModels.Generate(seed);
        CheckModel(model.Json, model.Inputs, seed, runs);
        // Recording only the stocks leaves the compiled code free to keep every other element in registers: the
        // reports of where a run went NaN or infinite must still be the reference's.
        CheckModel(model.Json, model.Inputs, seed, runs, RatesExecution.Compiled, e => e.Kind == ElementKind.Stock);
    }

    /// <summary>Runs a model both ways (random inputs, batch width and threads from <paramref name="seed"/>); fails with the model and the first difference.</summary>
    /// <param name="recorded">The elements to record and compare (every element when null); the rest the compiled code may keep in registers only.</param>
    public static void CheckModel(string json, IReadOnlyList<string> inputNames, int seed, int runs, RatesExecution? execution = null,
        Func<ModelElement, bool>? recorded = null)
    {
        var model = (Json: json, Inputs: inputNames);
        var rng = new System.Random(seed);
        var plan = Compile(json, inputNames);
        var outputs = plan.Model.Elements.Where(recorded ?? (_ => true))
            .Select(e => new OutputColumn(e.DisplayName, plan.ElementSlots[e.Id], e.Id)).ToList();
        var inputs = RandomInputs(rng, runs, plan.Parameters.Length);
        var record = RecordRequest.AtTimes(plan, outputs, Enumerable.Range(0, plan.StepCount + 1).Select(plan.Clock.TimeOf));
        var options = new BatchOptions
        {
            Seed = (ulong)rng.Next(3),
            Threads = rng.Next(1, 4),
            LanesPerBatch = new[] { 4, 8, 16, 64 }[rng.Next(4)],
            Execution = execution ?? (rng.Next(3) == 0 ? RatesExecution.Interpreted : RatesExecution.Compiled),
        };
        var vector = BatchResults.Collect(new BatchRunner(plan, record, options), inputs);

        var values = new double[plan.Parameters.Length];
        for (int r = 0; r < runs; r++)
        {
            inputs.Fill(r, values);
            var (rows, problem) = Reference(plan, outputs, values, options.Seed, (ulong)r);
            string where = $"model {seed} ({options}), run {r} of {runs}, inputs ({string.Join(", ", values.Select(v => v.ToString("R")))})";
            Assert.That(vector.Problems[r], Is.EqualTo(problem), $"non-finite report differs: {where}\n{model.Json}");
            for (int s = 0; s < rows.Count; s++)
                for (int j = 0; j < outputs.Count; j++)
                {
                    double expected = rows[s][j], actual = vector.Values[r][s * outputs.Count + j];
                    if (!SameBits(expected, actual))
                        Assert.Fail($"{outputs[j].Name} at step {s}: reference {expected:R}, vector {actual:R}; {where}\n{model.Json}");
                }
        }
    }

    /// <summary>
    /// Identical bits, except that any NaN equals any NaN: when both operands of + or * are NaN,
    /// which payload (and sign) the result carries is left open by IEEE 754, and the JIT may swap
    /// the operands of these commutative operations differently in the two back ends.
    /// </summary>
    public static bool SameBits(double expected, double actual) =>
        BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual));

    private static EvaluationPlan Compile(string json, IReadOnlyList<string> inputNames)
    {
        var bound = TestModels.Bind(json);
        var parameters = inputNames.Select(name => bound.FindVariable(name)!.Elements[0]).ToList();
        return TestModels.Compile(json, parameters);
    }

    private static ParameterTable RandomInputs(System.Random rng, int runs, int parameters)
    {
        var values = new double[runs * parameters];
        for (int i = 0; i < values.Length; i++)
            values[i] = rng.Next(4) == 0 ? AwkwardInputs[rng.Next(AwkwardInputs.Length)] : Math.Round(rng.NextDouble() * 10 - 5, 3);
        return new ParameterTable(runs, parameters, values);
    }

    /// <summary>One run on the reference evaluator, going on after NaN (as the vector engine does), with its first non-finite report.</summary>
    private static (IReadOnlyList<double[]> Rows, RunProblem? Problem) Reference(EvaluationPlan plan, IReadOnlyList<OutputColumn> outputs, double[] values,
        ulong seed, ulong run)
    {
        var recorder = new ProblemRecorder(outputs);
        var kernel = new ReferenceEvaluator(plan, values.ToArray(), recorder, stopOnNonFinite: false, seed, run);
        Integrator.Run(ref kernel, plan.Time, plan.StepCount, plan.SaveEvery);
        return (recorder.Rows, recorder.Problem);
    }

    private sealed class ProblemRecorder(IReadOnlyList<OutputColumn> outputs) : IRunRecorder
    {
        public List<double[]> Rows { get; } = new();

        public RunProblem? Problem { get; private set; }

        public void Record(int step, double time, ReadOnlySpan<double> slots)
        {
            var row = new double[outputs.Count];
            for (int j = 0; j < row.Length; j++) row[j] = slots[outputs[j].Slot];
            Rows.Add(row);
        }

        public void NonFinite(double time, int element) => Problem ??= new RunProblem(time, element);
    }
}
