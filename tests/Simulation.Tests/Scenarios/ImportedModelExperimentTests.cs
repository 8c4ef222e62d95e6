using Simulation.Tests.Import;
using Simulation.Tests.Import.Vensim;

namespace Simulation.Tests.Scenarios;

/// <summary>An experiment's model may be our JSON, XMILE or a Vensim .mdl: all three are one document, swept alike.</summary>
public class ImportedModelExperimentTests
{
    private const string Json = """
        { "name": "drain", "time": { "start": 0, "stop": 10, "dt": 0.5 },
          "variables": [
            { "name": "Stock", "kind": "stock", "initial": 100, "outflows": ["Out"] },
            { "name": "Out", "kind": "flow", "equation": "Stock * Rate" },
            { "name": "Rate", "kind": "auxiliary", "equation": 0.1, "input": true, "range": [0.05, 0.2] }
          ] }
        """;

    private const string Mdl = """
        {UTF-8}
        Stock = INTEG(-Out, 100) ~ widgets ~ |
        Out = Stock * Rate ~ widgets/year ~ |
        Rate = 0.1 ~ 1/year [0.05, 0.2] ~ The fraction drained each year. |
        INITIAL TIME = 0 ~ year ~ |
        FINAL TIME = 10 ~ year ~ |
        TIME STEP = 0.5 ~ year ~ |
        SAVEPER = TIME STEP ~ year ~ |
        """;

    private static readonly string Xmile = XmileModels.File("""
        <stock name="Stock"><eqn>100</eqn><outflow>Out</outflow></stock>
        <flow name="Out"><eqn>Stock * Rate</eqn></flow>
        <aux name="Rate"><eqn>0.1</eqn><range min="0.05" max="0.2"/></aux>
        """, "<sim_specs><start>0</start><stop>10</stop><dt>0.5</dt></sim_specs>");

    private static string Experiment(string model) => $$"""
        { "name": "test", "model": "{{model}}", "seed": 7, "baseline": "baseline",
          "scenarios": [ { "name": "baseline" }, { "name": "faster", "interventions": [ { "input": "Rate", "from": 5, "to": 6, "set": 0.2 } ] } ],
          "uncertainty": { "design": "latinHypercube", "samples": 5, "inputs": [ { "input": "Rate" } ] },
          "outcomes": [ { "name": "final", "value": "Stock" } ],
          "outputs": { "series": ["Stock"] } }
        """;

    [TestCase("model.mdl")]
    [TestCase("model.xmile")]
    public void Experiment_ModelInAnotherFormat_SweptExactlyAsTheJsonModel(string model)
    {
        using var files = new ExperimentFiles(Json);
        files.Write("model.mdl", Mdl);
        files.Write("model.xmile", Xmile);
        var fromJson = files.CompileOk(Experiment("model.json"));
        var other = files.CompileOk(Experiment(model));
        for (int scenario = 0; scenario < 2; scenario++)
        {
            var expected = SweepTestRuns.Record(fromJson, scenario);
            var actual = SweepTestRuns.Record(other, scenario);
            Assert.That(actual, Has.Count.EqualTo(5));
            for (int future = 0; future < expected.Count; future++)
                Assert.That(actual[future], Is.EqualTo(expected[future]), $"scenario {scenario}, future {future}");
        }
        var stock = SweepTestRuns.Series(other, SweepTestRuns.Record(other, 1)[0], "Stock");
        Assert.That(stock.Distinct().Count(), Is.GreaterThan(10), "the runs move");
    }
}
