using Simulation.Engine.Runtime.Vector;

namespace Simulation.Tests.Runtime.Vector;

/// <summary>
/// Reductions over many items, which the compiled step code cuts into parts spread over the step (see
/// <c>FoldPart</c>): every kind of fold, items that are plain stocks, expressions, values other equations also
/// read, and other reductions, all of it feeding stocks. The parts must perform the uncut fold's operations in
/// its order, so the compiled code gives the reference evaluator's bits. The items' values are not integers,
/// so adding them in any other order would change the low bits.
/// </summary>
public class LongFoldTests
{
    private const string Model = """
        {
          "name": "long folds", "time": { "start": 0, "stop": 3, "dt": 0.25, "method": "euler" },
          "dimensions": [ { "name": "D", "size": 47 } ],
          "variables": [
            { "name": "k", "kind": "auxiliary", "input": true, "equation": 0.3 },
            { "name": "x", "kind": "stock", "dimensions": ["D"], "initial": "1 / (D + 2) + k", "inflows": ["grow"] },
            { "name": "grow", "kind": "flow", "dimensions": ["D"],
              "equation": "x * 0.013 * SIN(D) + total / 1000 - average * 0.001 + (lowest + highest) * 0.0007 + product / 1e9 + again * 1e-5" },
            { "name": "y", "kind": "auxiliary", "dimensions": ["D"], "equation": "x * 1.1 + D / 7 + k" },
            { "name": "w", "kind": "auxiliary", "dimensions": ["D"], "equation": "1 + x / 97" },
            { "name": "total", "kind": "auxiliary", "equation": "SUM(x[*])" },
            { "name": "average", "kind": "auxiliary", "equation": "MEAN(y[*])" },
            { "name": "lowest", "kind": "auxiliary", "equation": "VMIN(y[*] * 0.9)" },
            { "name": "highest", "kind": "auxiliary", "equation": "VMAX(x[*] / 3)" },
            { "name": "product", "kind": "auxiliary", "equation": "PROD(w[*])" },
            { "name": "spread", "kind": "auxiliary", "equation": "STDDEV(y[*])" },
            { "name": "again", "kind": "auxiliary", "equation": "SUM(x[*] * total + y[*] / 3)" },
            { "name": "s", "kind": "stock", "initial": 0, "inflows": ["in"] },
            { "name": "in", "kind": "flow", "equation": "total + average + lowest + highest + product + spread + again / 1000" }
          ]
        }
        """;

    [TestCase(1, RatesExecution.Compiled)]
    [TestCase(2, RatesExecution.Compiled)]
    [TestCase(3, RatesExecution.Compiled)]
    [TestCase(4, RatesExecution.Interpreted)]
    public void LongReductions_GiveTheReferenceBits(int seed, RatesExecution execution) =>
        DifferentialTests.CheckModel(Model, ["k"], seed, runs: 9, execution);
}
