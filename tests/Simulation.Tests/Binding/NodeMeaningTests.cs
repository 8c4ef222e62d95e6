using System.Globalization;
using Simulation.Engine.Binding;
using Simulation.Engine.Structure.Dominance;
using Simulation.Tests.Runtime.Vector;

namespace Simulation.Tests.Binding;

/// <summary>
/// Constant folding and loop dominance's equation evaluator ask one home what each node computes (NodeMeaning); the
/// run computes it another way, by the compiled plan (folded where its operands are numbers, the rest at run time).
/// On random equations over the whole stateless language, all three must give the same bits: folding at the start,
/// the evaluator and the run at every saved time, TIME and the time functions included.
/// </summary>
public class NodeMeaningTests
{
    private static readonly string[] Numbers = ["0", "1", "2", "0.5", "3.7", "-1.5", "10", "1e300", "-0.0"];
    private static readonly string[] Unary = ["ABS", "EXP", "LN", "SQRT", "SIN", "COS", "TAN", "ARCSIN", "ARCCOS", "ARCTAN", "INT", "ROUND", "SIGN", "-", "NOT "];
    private static readonly string[] Binary = ["+", "-", "*", "/", "^", " MOD ", "=", "<>", "<", "<=", ">", ">=", " AND ", " OR "];
    private static readonly string[] Stocks = ["s0", "s1", "s2", "s3"];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void FoldingTheEvaluatorAndTheRun_GiveTheSameBits(int seed)
    {
        var rng = new Random(seed);
        var equations = Enumerable.Range(0, 150).Select(_ => Expression(rng, 4)).ToList();
        string[] initials = ["0.5", "-1", "0", "3"];
        var variables = Stocks.Select((s, k) => $$"""{ "name": "{{s}}", "kind": "stock", "initial": {{initials[k]}} }""")
            .Append("""{ "name": "g", "kind": "graphical", "graph": { "x": [-1, 0, 1, 3], "y": [2, 0.5, 1, 4] } }""")
            .Concat(equations.Select((e, k) => $$"""{ "name": "x{{k}}", "kind": "auxiliary", "equation": "{{e}}" }"""));
        string json = TestModels.Model(string.Join(",\n", variables), "\"start\": 0, \"stop\": 4, \"dt\": 0.5, \"savePeriod\": 0.5");
        var run = TestModels.Run(json);
        var model = TestModels.Bind(json);
        var evaluator = new EquationEvaluator(model);
        double StockValue(int element) => double.Parse(initials[Array.IndexOf(Stocks, model.Elements[element].DisplayName)], CultureInfo.InvariantCulture);
        int folded = 0;
        for (int k = 0; k < equations.Count; k++)
        {
            var element = model.Elements.Single(e => e.DisplayName == $"x{k}");
            var equation = element.Equation!;
            var series = run.Series($"x{k}");
            string what = $"x{k} = {equations[k]}";
            Assert.That(EquationEvaluator.CanEvaluate(equation), what);
            for (int t = 0; t < run.Times.Count; t++)
                AssertSameBits(evaluator.Evaluate(equation, StockValue, run.Times[t]), series[t], $"the evaluator at {run.Times[t]}: {what}");
            bool readsTime = equations[k].Contains("TIME") || equations[k].Contains("STEP") || equations[k].Contains("RAMP") || equations[k].Contains("PULSE");
            if (readsTime) continue;
            var value = ConstantFolder.Evaluate(equation, model, e => StockValue(e));
            Assert.That(value, Is.Not.Null, $"folded to a number: {what}");
            AssertSameBits(value!.Value, series[0], $"folding: {what}");
            folded++;
        }
        Assert.That(folded, Is.GreaterThan(equations.Count / 3), "enough equations without TIME to check folding");
    }

    private static void AssertSameBits(double actual, double expected, string what) =>
        Assert.That(DifferentialTests.SameBits(expected, actual), $"{what}: {actual:R}, the run {expected:R}");

    private static string Expression(Random rng, int depth)
    {
        T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];
        if (depth == 0 || rng.Next(5) == 0)
            return rng.Next(6) switch
            {
                0 or 1 or 2 => Pick(Stocks),
                3 => Pick(["TIME", "DT", "STARTTIME", "STOPTIME", "PI"]),
                _ => Pick(Numbers),
            };
        string E() => Expression(rng, depth - 1);
        return rng.Next(9) switch
        {
            0 or 1 or 2 => $"({E()}{Pick(Binary)}{E()})",
            3 => $"{Pick(Unary)}({E()})",
            4 => $"IF {E()} THEN {E()} ELSE {E()}",
            5 => Pick([$"MIN({E()}, {E()})", $"MAX({E()}, {E()})", $"LOG({E()}, {E()})", $"SAFEDIV({E()}, {E()})", $"ZIDZ({E()}, {E()})",
                $"XIDZ({E()}, {E()}, {E()})", $"SAFEDIV({E()}, {E()}, {E()})", $"MEAN({E()}, {E()}, {E()})"]),
            6 => Pick([$"STEP({E()}, {E()})", $"PULSE({E()}, {E()})", $"PULSE({E()}, {E()}, {E()})", $"RAMP({E()}, {E()})",
                $"RAMP({E()}, {E()}, {E()})", $"PULSE_TRAIN({E()}, {E()}, {E()}, {E()})"]),
            7 => Pick([$"g({E()})", $"LOOKUP_FORWARD(g, {E()})", $"LOOKUP_BACKWARD(g, {E()})", $"LOOKUP_INVERT(g, {E()})"]),
            _ => $"({E()}{Pick(Binary)}{E()})",
        };
    }
}
