namespace Simulation.Tests.Builtins;

/// <summary>Graphical functions, LOOKUP_FORWARD/BACKWARD/INVERT, PULSE, PULSE TRAIN against hand-computed values.</summary>
public class LookupAndPulseTests
{
    /// <summary>Runs y = equation for x = TIME - 1 over x = -1, -0.5, ..., 4 and returns y.</summary>
    private static double[] Over(string equation, string graphs)
    {
        var result = TestModels.Run(TestModels.Model($$"""
            { "name": "x", "kind": "auxiliary", "equation": "TIME - 1" },
            { "name": "y", "kind": "auxiliary", "equation": "{{equation}}" }, {{graphs}}
            """, "\"start\": 0, \"stop\": 5, \"dt\": 0.5"));
        return result.Series("y");
    }

    private static string Graph(string name, string interpolation, string x = "[0, 1, 3]", string y = "[5, 10, 4]") =>
        $$"""{ "name": "{{name}}", "kind": "graphical", "graph": { "x": {{x}}, "y": {{y}}, "interpolation": "{{interpolation}}" } }""";

    //                                 x = -1,  -0.5, 0,  0.5,  1,  1.5, 2, 2.5, 3, 3.5, 4
    [TestCase("continuous", "g(x)", new[] { 5, 5, 5, 7.5, 10, 8.5, 7, 5.5, 4, 4, 4 })]
    [TestCase("extrapolate", "g(x)", new[] { 0, 2.5, 5, 7.5, 10, 8.5, 7, 5.5, 4, 2.5, 1 })]
    [TestCase("discrete", "g(x)", new[] { 5, 5, 5, 5, 10, 10, 10, 10, 4, 4, 4.0 })]
    [TestCase("continuous", "LOOKUP_EXTRAPOLATE(g, x)", new[] { 0, 2.5, 5, 7.5, 10, 8.5, 7, 5.5, 4, 2.5, 1 })] // a continuous table read extrapolating
    [TestCase("discrete", "LOOKUP_EXTRAPOLATE(g, x)", new[] { 0, 2.5, 5, 7.5, 10, 8.5, 7, 5.5, 4, 2.5, 1 })]
    [TestCase("continuous", "LOOKUP_FORWARD(g, x)", new[] { 5, 5, 5, 10, 10, 4, 4, 4, 4, 4, 4.0 })]
    [TestCase("continuous", "LOOKUP_BACKWARD(g, x)", new[] { 5, 5, 5, 5, 10, 10, 10, 10, 4, 4, 4.0 })]
    [TestCase("continuous", "LOOKUP(g, x)", new[] { 5, 5, 5, 7.5, 10, 8.5, 7, 5.5, 4, 4, 4 })]
    public void Graph_EachMode_MatchesHandComputedValues(string interpolation, string equation, double[] expected) =>
        Assert.That(Over(equation, Graph("g", interpolation)), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void LookupInvert_IncreasingAndDecreasingTables_GiveTheCrossingX()
    {
        // y = 10 x on [0, 1], then 5 x + 5 on [1, 3]; the inputs 10 x + 5 for x = -1..4 are -5, 0, 5, ..., 45.
        string increasing = Graph("up", "continuous", "[0, 1, 3]", "[0, 10, 20]");
        Assert.That(Over("LOOKUP_INVERT(up, 10 * x + 5)", increasing),
            Is.EqualTo(new[] { 0, 0, 0.5, 1, 2, 3, 3, 3, 3, 3, 3 }).Within(1e-12));
        string decreasing = Graph("down", "continuous", "[0, 1, 3]", "[20, 10, 0]");
        Assert.That(Over("LOOKUP_INVERT(down, 20 - 4 * (x + 1))", decreasing),
            Is.EqualTo(new[] { 0, 0.2, 0.4, 0.6, 0.8, 1, 1.4, 1.8, 2.2, 2.6, 3 }).Within(1e-12));
    }

    [Test]
    public void Graph_PerElementGraphs_EachElementReadsItsOwn()
    {
        var result = TestModels.Run(TestModels.Model("""
            { "name": "effect", "kind": "auxiliary", "dimensions": ["R"], "equation": "TIME",
              "elements": { "a": { "graph": { "x": [0, 2], "y": [0, 1] } }, "b": { "graph": { "x": [0, 2], "y": [10, 30] } } } }
            """, "\"start\": 0, \"stop\": 2, \"dt\": 1", """[ { "name": "R", "elements": ["a", "b"] } ]"""));
        Assert.That(result.Series("effect[a]"), Is.EqualTo(new[] { 0, 0.5, 1 }));
        Assert.That(result.Series("effect[b]"), Is.EqualTo(new[] { 10.0, 20, 30 }));
    }

    private static double[] Series(string equation, double stop, double dt) =>
        TestModels.Run(TestModels.Model($$"""{ "name": "y", "kind": "auxiliary", "equation": "{{equation}}" }""",
            $"\"start\": 0, \"stop\": {stop}, \"dt\": {dt}")).Series("y");

    [Test]
    public void PulseTrain_RepeatingPulses_OneDuringEachPulseUntilEnd()
    {
        // start 1, duration 0.5, repeat 2, end 4: on at 1, 1.25, 3, 3.25 (the one at 5 is after the end).
        var y = Series("PULSE_TRAIN(1, 0.5, 2, 4)", 6, 0.25);
        var on = y.Select((v, i) => (v, t: i * 0.25)).Where(p => p.v == 1).Select(p => p.t);
        Assert.That(on, Is.EqualTo(new[] { 1, 1.25, 3, 3.25 }));
        Assert.That(y, Is.All.EqualTo(0).Or.EqualTo(1));
    }

    [Test]
    public void PulseTrain_ZeroDuration_LastsOneDt()
    {
        var y = Series("PULSE TRAIN(1, 0, 1, 10)", 3, 0.5);
        Assert.That(y, Is.EqualTo(new double[] { 0, 0, 1, 0, 1, 0, 1 }));
    }

    [Test]
    public void Pulse_XmileForm_MagnitudeOverDtAtEachInterval()
    {
        Assert.That(Series("PULSE(20, 12, 5)", 25, 1).Select((v, t) => (v, t)).Where(p => p.v != 0),
            Is.EqualTo(new[] { (20.0, 12), (20.0, 17), (20.0, 22) }));
        Assert.That(Series("PULSE(20, 1)", 3, 0.5), Is.EqualTo(new double[] { 0, 0, 40, 0, 0, 0, 0 }));
    }

    [Test]
    public void PulseVensim_StartAndWidth_OneDuringTheWidth()
    {
        Assert.That(Series("PULSE_VENSIM(1, 1)", 3, 0.5), Is.EqualTo(new double[] { 0, 0, 1, 1, 0, 0, 0 }));
        Assert.That(Series("PULSE_VENSIM(1, 0)", 3, 0.5), Is.EqualTo(new double[] { 0, 0, 1, 0, 0, 0, 0 }));
    }
}
