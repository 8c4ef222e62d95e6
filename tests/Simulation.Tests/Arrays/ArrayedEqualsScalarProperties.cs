using System.Globalization;
using System.Text;
using FsProperty = FsCheck.NUnit.PropertyAttribute;

namespace Simulation.Tests.Arrays;

/// <summary>
/// An arrayed model and the same model written out element by element, as scalar variables with
/// explicit references, give identical results, over random dimension sizes and values.
/// </summary>
public class ArrayedEqualsScalarProperties
{
    private static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// SUM written out in its order (<see cref="Engine.Ops.SumOrder"/>): lane l adds terms l, l + 4, ..., then
    /// (p0 + p1) + (p2 + p3), a lane with no term left out. The lanes' start (0) is left out too: the terms here are
    /// populations, never -0, and 0 + x is x for every other x.
    /// </summary>
    private static string WrittenOutSum(IReadOnlyList<string> terms)
    {
        var lanes = Enumerable.Range(0, Math.Min(4, terms.Count))
            .Select(l => "(" + string.Join(" + ", terms.Where((_, k) => k % 4 == l)) + ")").ToList();
        string Pair(int first) => lanes.Count > first + 1 ? $"({lanes[first]} + {lanes[first + 1]})" : lanes[first];
        return lanes.Count > 2 ? $"{Pair(0)} + {Pair(2)}" : Pair(0);
    }

    /// <summary>
    /// Population S[D, E] with births into the first D element, ageing from each D element to the next
    /// (S[D.prev, E]), deaths at a rate per E, and a reduction over D per E feeding back into births.
    /// </summary>
    private static (string Arrayed, string Scalar) Models(int n, int m, Random random)
    {
        var init = Enumerable.Range(0, n * m).Select(_ => Math.Round(random.NextDouble() * 1000, 3)).ToArray();
        var death = Enumerable.Range(0, m).Select(_ => Math.Round(random.NextDouble() * 0.2, 4)).ToArray();
        double ageing = Math.Round(0.05 + random.NextDouble() * 0.3, 4), birth = Math.Round(random.NextDouble() * 0.1, 4);
        string time = "\"start\": 0, \"stop\": 5, \"dt\": 0.25, \"method\": \"rk4\"";

        string dims = $$"""[ { "name": "D", "size": {{n}} }, { "name": "E", "size": {{m}} } ]""";
        var initElements = string.Join(", ", Enumerable.Range(0, n * m).Select(k => $"\"{k / m + 1},{k % m + 1}\": {N(init[k])}"));
        var deathElements = string.Join(", ", Enumerable.Range(0, m).Select(j => $"\"{j + 1}\": {N(death[j])}"));
        string arrayed = TestModels.Model($$"""
            { "name": "S", "kind": "stock", "dimensions": ["D", "E"], "initial": "S0", "inflows": ["births", "ageing in"], "outflows": ["ageing out", "deaths"] },
            { "name": "S0", "kind": "auxiliary", "dimensions": ["D", "E"], "elements": { {{initElements}} } },
            { "name": "death rate", "kind": "auxiliary", "dimensions": ["E"], "elements": { {{deathElements}} } },
            { "name": "total", "kind": "auxiliary", "dimensions": ["E"], "equation": "SUM(S[*, E])" },
            { "name": "births", "kind": "flow", "dimensions": ["D", "E"], "equation": "IF D = 1 THEN {{N(birth)}} * total ELSE 0" },
            { "name": "ageing out", "kind": "flow", "dimensions": ["D", "E"], "equation": "IF D = {{n}} THEN 0 ELSE S * {{N(ageing)}}" },
            { "name": "ageing in", "kind": "flow", "dimensions": ["D", "E"], "equation": "ageing out[D.prev, E]" },
            { "name": "deaths", "kind": "flow", "dimensions": ["D", "E"], "equation": "S * death rate" }
            """, time, dims);

        var v = new StringBuilder();
        for (int j = 1; j <= m; j++)
        {
            v.Append($$"""{ "name": "death rate_{{j}}", "kind": "auxiliary", "equation": {{N(death[j - 1])}} },""");
            v.Append($$"""{ "name": "total_{{j}}", "kind": "auxiliary", "equation": "{{WrittenOutSum(Enumerable.Range(1, n).Select(i => $"S_{i}_{j}").ToList())}}" },""");
        }
        for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++)
        {
            v.Append($$"""{ "name": "S_{{i}}_{{j}}", "kind": "stock", "initial": "S0_{{i}}_{{j}}", "inflows": ["births_{{i}}_{{j}}", "ageing in_{{i}}_{{j}}"], "outflows": ["ageing out_{{i}}_{{j}}", "deaths_{{i}}_{{j}}"] },""");
            v.Append($$"""{ "name": "S0_{{i}}_{{j}}", "kind": "auxiliary", "equation": {{N(init[(i - 1) * m + j - 1])}} },""");
            v.Append($$"""{ "name": "births_{{i}}_{{j}}", "kind": "flow", "equation": "{{(i == 1 ? $"{N(birth)} * total_{j}" : "0")}}" },""");
            v.Append($$"""{ "name": "ageing out_{{i}}_{{j}}", "kind": "flow", "equation": "{{(i == n ? "0" : $"S_{i}_{j} * {N(ageing)}")}}" },""");
            v.Append($$"""{ "name": "ageing in_{{i}}_{{j}}", "kind": "flow", "equation": "{{(i == 1 ? "0" : $"ageing out_{i - 1}_{j}")}}" },""");
            v.Append($$"""{ "name": "deaths_{{i}}_{{j}}", "kind": "flow", "equation": "S_{{i}}_{{j}} * death rate_{{j}}" },""");
        }
        string scalar = TestModels.Model(v.ToString().TrimEnd(','), time);
        return (arrayed, scalar);
    }

    [FsProperty(MaxTest = 40)]
    public void ArrayedModel_WrittenOutElementByElement_GivesIdenticalResults(byte a, byte b, int seed)
    {
        int n = 1 + a % 5, m = 1 + b % 4;
        var (arrayed, scalar) = Models(n, m, new Random(seed));
        var x = TestModels.Run(arrayed);
        var y = TestModels.Run(scalar);
        for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++)
            Assert.That(x.Series($"S[{i},{j}]"), Is.EqualTo(y.Series($"S_{i}_{j}")), $"S[{i},{j}] (n = {n}, m = {m})");
        for (int j = 1; j <= m; j++)
            Assert.That(x.Series($"total[{j}]"), Is.EqualTo(y.Series($"total_{j}")), $"total[{j}]");
    }
}
