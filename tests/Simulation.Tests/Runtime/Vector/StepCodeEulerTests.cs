using Simulation.Engine.Binding;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Tests.Runtime.Vector;

/// <summary>
/// Euler steps taken inside the compiled step code (<c>StockUpdate</c>): where a net rate is computed the code
/// stores stock + dt * rate into a second buffer, and the finiteness check reads those next stocks in place of
/// the stocks and net rates. Each case is one the random models rarely reach; each compares with the reference
/// evaluator, bits and non-finite reports (time and element), on the compiled code. The stocks are checked once,
/// at the end of a batch, and a batch that went NaN or infinite runs again with exact checks (<c>NeedsExactRun</c>):
/// the reports below come from that second run.
/// </summary>
public class StepCodeEulerTests
{
    private static bool StocksOnly(ModelElement element) => element.Kind == ElementKind.Stock;

    /// <summary>The model (input k) on the compiled code against the reference, for seeds 0 .. seeds - 1 (random inputs, batch widths, threads).</summary>
    private static void AgainstReference(string model, int seeds, int runs, Func<ModelElement, bool>? recorded = null)
    {
        for (int seed = 0; seed < seeds; seed++) DifferentialTests.CheckModel(model, ["k"], seed, runs, RatesExecution.Compiled, recorded);
    }

    /// <summary>The reference steps every stock, also one without flows: -0 + dt * 0 is +0.</summary>
    [Test]
    public void StockWithoutFlows_TakesTheStepToo()
    {
        const string model = """
            {
              "name": "still", "time": { "start": 0, "stop": 2, "dt": 0.5, "method": "euler" },
              "variables": [
                { "name": "k", "kind": "auxiliary", "input": true, "equation": 1 },
                { "name": "still", "kind": "stock", "initial": "-0" },
                { "name": "moving", "kind": "stock", "initial": "k", "inflows": ["f"] },
                { "name": "f", "kind": "flow", "equation": "moving * 0.1 + still" }
              ]
            }
            """;
        AgainstReference(model, seeds: 4, runs: 5);
    }

    /// <summary>A stock that overflows while its flow stays finite: only the stock shows it, at the step it happens.</summary>
    [Test]
    public void StockOverflowing_WhileItsFlowStaysFinite_IsReportedAtThatStep()
    {
        const string model = """
            {
              "name": "overflow", "time": { "start": 0, "stop": 4, "dt": 1, "method": "euler" },
              "variables": [
                { "name": "k", "kind": "auxiliary", "input": true, "equation": 1 },
                { "name": "big", "kind": "stock", "initial": "4e307", "inflows": ["grow"] },
                { "name": "grow", "kind": "flow", "equation": "5e307 + k" },
                { "name": "other", "kind": "stock", "initial": "k", "inflows": ["g"] },
                { "name": "g", "kind": "flow", "equation": "other * 0.5" }
              ]
            }
            """;
        AgainstReference(model, seeds: 4, runs: 5);
    }

    /// <summary>
    /// A net rate that goes NaN at one time, its flows not recorded (so the compiled code does not store them): the
    /// next stocks carry the NaN, and the report names the time and the flow as the reference does.
    /// </summary>
    [Test]
    public void NetRateGoingNaN_WithOnlyStocksRecorded_IsReportedAtItsTime()
    {
        const string model = """
            {
              "name": "pole", "time": { "start": 0, "stop": 4, "dt": 0.5, "method": "euler" },
              "variables": [
                { "name": "k", "kind": "auxiliary", "input": true, "equation": 2 },
                { "name": "s", "kind": "stock", "initial": 1, "inflows": ["f"], "outflows": ["out"] },
                { "name": "f", "kind": "flow", "equation": "0 / (ROUND(k) - TIME)" },
                { "name": "out", "kind": "flow", "equation": "s * 0.1" }
              ]
            }
            """;
        AgainstReference(model, seeds: 4, runs: 9, StocksOnly);
    }

    /// <summary>
    /// A non-negative stock driven to -infinity by its inflow is clamped to 0 after the step (outflows are limited, an
    /// inflow is not): the inflow's infinity must still be reported, at its time.
    /// </summary>
    [Test]
    public void NonNegativeStockDrivenToMinusInfinity_IsReportedThoughClamped()
    {
        const string model = """
            {
              "name": "drain", "time": { "start": 0, "stop": 4, "dt": 0.5, "method": "euler" },
              "variables": [
                { "name": "k", "kind": "auxiliary", "input": true, "equation": 2 },
                { "name": "s", "kind": "stock", "initial": 1, "nonNegative": true, "inflows": ["in"] },
                { "name": "in", "kind": "flow", "equation": "-1 / (ROUND(k) - TIME)" }
              ]
            }
            """;
        AgainstReference(model, seeds: 4, runs: 9, StocksOnly);
    }

    /// <summary>A recorded auxiliary that is NaN at one time only, feeding no stock: reported at that time.</summary>
    [Test]
    public void RecordedAuxiliaryNaNForOneStep_IsReported()
    {
        const string model = """
            {
              "name": "blip", "time": { "start": 0, "stop": 4, "dt": 0.5, "method": "euler" },
              "variables": [
                { "name": "k", "kind": "auxiliary", "input": true, "equation": 2 },
                { "name": "s", "kind": "stock", "initial": 1, "inflows": ["f"] },
                { "name": "f", "kind": "flow", "equation": "s * 0.1" },
                { "name": "blip", "kind": "auxiliary", "equation": "0 / (ROUND(k) - TIME)" }
              ]
            }
            """;
        AgainstReference(model, seeds: 4, runs: 9, e => e.DisplayName != "f");
    }

    /// <summary>
    /// Elements the compiled code would keep in registers, whose NaN or infinity nothing stored would show: one read
    /// only through a comparison (an IF's condition), one through MIN, one as a divisor (x / infinity is 0), one that
    /// nothing reads. The reference checks every element; so must the compiled code (<c>NonFiniteReach</c>).
    /// </summary>
    [Test]
    public void NonFiniteElementsHiddenOnTheirWay_AreStillReported()
    {
        const string model = """
            {
              "name": "hidden", "time": { "start": 0, "stop": 4, "dt": 0.5, "method": "euler" },
              "variables": [
                { "name": "k", "kind": "auxiliary", "input": true, "equation": 2 },
                { "name": "s", "kind": "stock", "initial": 1, "inflows": ["f"] },
                { "name": "f", "kind": "flow",
                  "equation": "s * 0.1 + IF_THEN_ELSE(masked > 5, 1, 0) + 0 * MIN(clipped, 1) + 1 / divisor" },
                { "name": "masked", "kind": "auxiliary", "equation": "0 / (ROUND(k) - TIME)" },
                { "name": "clipped", "kind": "auxiliary", "equation": "1 / (ROUND(k) + 1 - TIME)" },
                { "name": "divisor", "kind": "auxiliary", "equation": "1 / (ROUND(k) + 0.5 - TIME)" },
                { "name": "unread", "kind": "auxiliary", "equation": "LN(ROUND(k) - 1 - TIME)" }
              ]
            }
            """;
        AgainstReference(model, seeds: 6, runs: 9, StocksOnly);
    }

    /// <summary>
    /// The Euler step's dt has one route, the integrator's: the step code stores stocks + dt * rates for the plan's dt,
    /// and a step asked with another dt takes that dt instead of adopting them (it once ignored its dt).
    /// </summary>
    [Test]
    public void EulerStep_WithAnotherDt_TakesThatDt()
    {
        var plan = TestModels.Compile("""
            { "name": "decay", "time": { "start": 0, "stop": 2, "dt": 0.5, "method": "euler" },
              "variables": [
                { "name": "s", "kind": "stock", "initial": 1, "outflows": ["out"] },
                { "name": "out", "kind": "flow", "equation": "s * 0.3" } ] }
            """);
        var program = VectorProgram.Create(plan, 4, [plan.StockBase]);
        Assume.That(program.UpdatesStocks, Is.True, "the step code takes the Euler step (needs AVX)");
        var halved = plan.Time with { Dt = plan.Dt / 2 };
        int steps = 2 * plan.StepCount;

        var reference = new Engine.Runtime.ReferenceEvaluator(plan, [], new LastStock(plan));
        Engine.Runtime.Integrator.Run(ref reference, halved, steps, saveEvery: 1);
        var work = new BatchWorkspace(program, recordedSteps: 1) { ActiveLanes = 4 };
        var kernel = new VectorKernel(work, [steps]);
        Engine.Runtime.Integrator.Run(ref kernel, halved, steps, saveEvery: 1);

        Assert.That(work.Recorded.Row(0)[0], Is.EqualTo(reference.Slots[plan.StockBase]));
        Assert.That(work.Recorded.Row(0)[0], Is.EqualTo(Math.Pow(1 - 0.3 * 0.25, steps)).Within(1e-15), "s(2) = (1 - 0.3 dt)^steps");
    }

    private sealed class LastStock(Engine.Compilation.EvaluationPlan plan) : Engine.Runtime.IRunRecorder
    {
        public void Record(int step, double time, ReadOnlySpan<double> slots) { }

        public void NonFinite(double time, int element) => Assert.Fail($"{plan.Model.Elements[element]} went non-finite at {time}");
    }
}
