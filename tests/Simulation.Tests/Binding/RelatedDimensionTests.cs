namespace Simulation.Tests.Binding;

/// <summary>Variables over a dimension and a subrange of it at once (found importing Vensim models).</summary>
public class RelatedDimensionTests
{
    private const string Dimensions = """[ { "name": "D", "elements": ["A", "B", "C"] }, { "name": "Sub", "subrangeOf": "D", "elements": ["A", "B"] } ]""";

    [Test]
    public void StockOverDimensionAndItsSubrange_EachElementGetsItsOwnFlow()
    {
        // The flow's third index must come from the stock's third position (Sub), not from its first (D), which Sub is related to.
        string json = TestModels.Model("""
            { "name": "S", "kind": "stock", "dimensions": ["D", "Sub"], "initial": 0, "inflows": ["f"] },
            { "name": "f", "kind": "flow", "dimensions": ["D", "Sub"], "equation": "10 * D + Sub" }
            """, "\"start\": 0, \"stop\": 1, \"dt\": 1", Dimensions);
        var result = TestModels.Run(json);
        Assert.That(new[] { result.Final("S[A,B]"), result.Final("S[C,A]"), result.Final("S[B,A]") }, Is.EqualTo(new[] { 12.0, 31, 21 }));
    }

    [Test]
    public void GraphicalFunctionWithSubscriptsUsedAsAValue_ReportedNotCrashed()
    {
        string json = TestModels.Model("""
            { "name": "tbl", "kind": "graphical", "dimensions": ["D"], "elements": { "*": { "graph": { "x": [0, 1], "y": [0, 1] } } } },
            { "name": "x", "kind": "auxiliary", "equation": "tbl[A]" }
            """, dimensions: Dimensions);
        var errors = TestModels.Diagnose(json).Where(d => d.IsError).ToList();
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { "SD2008" }));
    }
}
