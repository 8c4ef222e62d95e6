using Simulation.Engine.Binding;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Tests.Runtime.Vector;

/// <summary>
/// The compiled step code computes a value once when the plan computes it several times (the same operation on the
/// same operands: a lookup every element of an array reads, a subexpression two equations share, the same constant
/// written twice). Reusing it must give the reference evaluator's bits and its reports of where a run went NaN or
/// infinite, also when the shared value is the one that goes bad and when only stocks are recorded.
/// </summary>
public class SharedValueTests
{
    private const string Model = """
        {
          "name": "shared", "time": { "start": 0, "stop": 6, "dt": 0.25, "method": "euler" },
          "dimensions": [ { "name": "D", "size": 5 } ],
          "variables": [
            { "name": "k", "kind": "auxiliary", "input": true, "equation": 0.3 },
            { "name": "g", "kind": "graphical", "graph": { "x": [0, 1, 3, 6], "y": [0.2, 0.9, 0.4, 0.7], "interpolation": "continuous" } },
            { "name": "x", "kind": "stock", "dimensions": ["D"], "initial": "D / 3 + k", "inflows": ["grow"] },
            { "name": "grow", "kind": "flow", "dimensions": ["D"], "equation": "x * g(TIME) / 10 - x * k / 100 + EXP(-x / (k + 1)) * 0.01" },
            { "name": "same", "kind": "auxiliary", "dimensions": ["D"], "equation": "x * g(TIME) / 10 + LN(k - 0.5)" },
            { "name": "s", "kind": "stock", "initial": 0, "inflows": ["in"] },
            { "name": "in", "kind": "flow", "equation": "SUM(same[*]) * 0.01 + (1 + k / 100) ^ (TIME / 365) + (1 + k / 100) ^ (TIME / 365)" }
          ]
        }
        """;

    /// <summary>Inputs below 0.5 make LN(k - 0.5), which every element of <c>same</c> shares, NaN: the report must be the reference's.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void SharedValues_GiveTheReferenceBitsAndReports(int seed)
    {
        DifferentialTests.CheckModel(Model, ["k"], seed, runs: 9, RatesExecution.Compiled);
        DifferentialTests.CheckModel(Model, ["k"], seed, runs: 9, RatesExecution.Compiled, e => e.Kind == ElementKind.Stock);
    }

    /// <summary>The step code reads table g once per evaluation, not once per element of x and of same (ten times).</summary>
    [Test]
    public void RepeatedLookup_IsComputedOnce()
    {
        var plan = TestModels.Compile(Model, [TestModels.Bind(Model).FindVariable("k")!.Elements[0]]);
        var listing = new StringWriter();
        VectorProgram.Create(plan, 4, [plan.StockBase], RatesExecution.Compiled, listing);
        int lookups = plan.Rates.Count(i => i.Op.Kind == Simulation.Engine.Ops.OperationKind.Lookup);
        Assert.That(lookups, Is.GreaterThanOrEqualTo(10), "the plan itself repeats the lookup");
        Assert.That(listing.ToString().Split("tables[").Length - 1, Is.EqualTo(1), listing.ToString());
    }
}
