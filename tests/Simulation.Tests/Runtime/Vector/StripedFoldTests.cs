using Simulation.Engine.Binding;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Tests.Runtime.Vector;

/// <summary>
/// Sums over packed arrays and over stock rows added four items at a time as vectors (<see cref="StripedFolds"/>): every
/// reduction keeps the reference evaluator's bits (<see cref="Engine.Ops.SumOrder"/>'s order for sums, left to right for
/// the rest), whatever the kind (SUM, MEAN, and PROD, VMIN, VMAX beside them), the length (whole blocks of four and a
/// last block of one, two or three items, and sums too short for vectors) and the values (signed zeros, subnormals,
/// values far apart in magnitude, where a different order of additions gives different bits); and a sum of another
/// sum's items waits for it.
/// </summary>
public class StripedFoldTests
{
    [TestCase(30)]
    [TestCase(7)]
    [TestCase(6)]
    [TestCase(5)]
    [TestCase(2)]
    public void ReductionsOfPackedArrays_InTheLanes_GiveTheReferenceBits(int size)
    {
        var plan = TestModels.Compile(Model(size));
        var program = OneRunTests.CompareWithReference(plan, plan.Model.Elements);
        int vectors = size >= 5 ? 9 : 0; // six SUMs, two MEANs and the SUM of the stocks; shorter sums stay doubles
        Assert.That(program.StripedCount, Is.EqualTo(vectors), "the sums were not added as vectors");
        // Recording only the stocks: the packs the sums read live in registers only.
        program = OneRunTests.CompareWithReference(plan, plan.Model.Elements.Where(e => e.Kind == ElementKind.Stock).ToList());
        Assert.That(program.StripedCount, Is.EqualTo(vectors));
    }

    [Test]
    public void SumOfAnotherSumsItems_WaitsForIt()
    {
        // Later reads Early through every item.
        const string json = """
            { "name": "waits", "time": { "start": 0, "stop": 5, "dt": 0.5 }, "dimensions": [ { "name": "D", "size": 8 } ],
              "variables": [
                { "name": "A", "kind": "auxiliary", "dimensions": ["D"], "equation": "Stock[D] / 3" },
                { "name": "Early", "kind": "auxiliary", "equation": "SUM(A[*])" },
                { "name": "B", "kind": "auxiliary", "dimensions": ["D"], "equation": "Stock[D] * Early / 1000" },
                { "name": "Later", "kind": "auxiliary", "equation": "SUM(B[*])" },
                { "name": "Flow", "kind": "flow", "dimensions": ["D"], "equation": "0.01 * Stock[D] - Later / 1e4 + Early / 1e5" },
                { "name": "Stock", "kind": "stock", "dimensions": ["D"], "initial": "10 + D * 1.37", "inflows": ["Flow"] }
              ] }
            """;
        var plan = TestModels.Compile(json);
        var program = OneRunTests.CompareWithReference(plan, plan.Model.Elements);
        Assert.That(program.StripedCount, Is.EqualTo(2));
    }

    /// <summary>
    /// Age x IMD when <paramref name="size"/> is 30 (a pack straddles two ages), otherwise one dimension: thirteen
    /// reductions of as many packed arrays, the values chosen so that the order of operations shows in the bits.
    /// </summary>
    private static string Model(int size)
    {
        bool twoDimensions = size == 30;
        string dims = twoDimensions
            ? """[ { "name": "Age", "size": 6 }, { "name": "IMD", "size": 5 } ]"""
            : $$"""[ { "name": "D", "size": {{size}} } ]""";
        string over = twoDimensions ? "\"Age\", \"IMD\"" : "\"D\"";
        string at = twoDimensions ? "[Age, IMD]" : "[D]";
        string all = twoDimensions ? "[*, *]" : "[*]";
        string index = twoDimensions ? "(Age * 5 + IMD)" : "D";
        string Arrayed(string name, string equation, string kind = "auxiliary") =>
            $$"""{ "name": "{{name}}", "kind": "{{kind}}", "dimensions": [{{over}}], "equation": "{{equation}}" }""";
        string Scalar(string name, string equation) => $$"""{ "name": "{{name}}", "kind": "auxiliary", "equation": "{{equation}}" }""";
        var variables = new List<string>
        {
            Arrayed("Big", $"Stock{at} * 1e16 * (1 + {index} MOD 3)"),
            Arrayed("Small", $"Stock{at} / 7 - 0.3 * TIME"),
            Arrayed("Tiny", $"Stock{at} * 1e-310"),
            Arrayed("Zeroes", $"-0 * Stock{at}"),
            Arrayed("Mixed", $"Stock{at} * (1 - 2 * ({index} MOD 2)) * 1e15 + 0.1"),
            Arrayed("Near", $"1 + Stock{at} / 1e9"),
            Scalar("S1", $"SUM(Big{all})"),
            Scalar("S2", $"SUM(Small{all})"),
            Scalar("S3", $"SUM(Tiny{all})"),
            Scalar("S4", $"SUM(Zeroes{all})"),
            Scalar("S5", $"SUM(Mixed{all})"),
            Scalar("S6", $"SUM(Stock{all})"),
            Scalar("S7", $"SUM(Small{all} * Near{all})"), // products no array holds: packed from the sum's items
            Scalar("M1", $"MEAN(Small{all})"),
            Scalar("M2", $"MEAN(Mixed{all})"),
            Scalar("P1", $"PROD(Near{all})"),
            Scalar("P2", $"PROD(Zeroes{all})"),
            Scalar("X1", $"VMAX(Zeroes{all})"),
            Scalar("X2", $"VMIN(Small{all})"),
            Arrayed("Flow", $"0.01 * Stock{at} - (S1 / 1e18 + S2 / 1e3 + S3 * 1e300 + S4 + S5 / 1e18 + M1 / 1e3 + M2 / 1e18 + S6 / 1e3 + S7 / 1e3 + P1 / 1e3 + P2 + X1 + X2 / 1e3) / 100", "flow"),
            $$"""{ "name": "Stock", "kind": "stock", "dimensions": [{{over}}], "initial": "10 + {{index}} * 1.37", "inflows": ["Flow"] }""",
        };
        return $$"""
            { "name": "reductions", "time": { "start": 0, "stop": 8, "dt": 0.25 }, "dimensions": {{dims}},
              "variables": [ {{string.Join(",\n", variables)}} ] }
            """;
    }
}
