namespace Simulation.Tests.Import;

/// <summary>XMILE's builtins (3.5) reach ours with their XMILE argument order and meaning.</summary>
public class XmileBuiltinTests
{
    private static Simulation.Engine.Results.SimulationResult Run(string variables) =>
        XmileModels.Run(XmileModels.File("<aux name=\"input\"><eqn>STEP(10, 1) + RAMP(2, 3)</eqn></aux>" + variables,
            "<sim_specs method=\"rk4\"><start>0</start><stop>12</stop><dt>0.25</dt></sim_specs>"));

    /// <summary>DELAYN and SMTHN take the order third and the initial value fourth (Vensim's DELAY N is the other way round).</summary>
    [TestCase("DELAYN(input, 3, 1, 7)", "DELAY1(input, 3, 7)")]
    [TestCase("DELAYN(input, 3, 3)", "DELAY3(input, 3)")]
    [TestCase("SMTHN(input, 2, 1, 4)", "SMTH1(input, 2, 4)")]
    [TestCase("SMTHN(input, 2, 3)", "SMTH3(input, 2)")]
    public void Builtin_NthOrderForms_EqualTheFixedOrderOnes(string nth, string fixedOrder)
    {
        var result = Run($"<aux name=\"a\"><eqn>{nth}</eqn></aux><aux name=\"b\"><eqn>{fixedOrder}</eqn></aux>");
        Assert.That(result.Series("a"), Is.EqualTo(result.Series("b")));
        Assert.That(result.Series("a").Distinct().Count(), Is.GreaterThan(10), "the delay moves");
    }

    [Test]
    public void Builtin_Delay_IsAPipelineWithItsInitialValue()
    {
        var result = Run("<aux name=\"late\"><eqn>DELAY(input, 2, -5)</eqn></aux>");
        var input = result.Series("input");
        var late = result.Series("late");
        Assert.That(late.Take(8), Is.All.EqualTo(-5.0), "before two time units have passed");
        for (int i = 8; i < late.Length; i++) Assert.That(late[i], Is.EqualTo(input[i - 8]).Within(1e-12), $"at {result.Times[i]}");
    }

    [Test]
    public void Builtin_InitAndPrevious_OfXmile()
    {
        var result = Run("<aux name=\"first\"><eqn>INIT(input) + 1</eqn></aux><aux name=\"before\"><eqn>PREVIOUS(input, -1)</eqn></aux>");
        Assert.That(result.Series("first"), Is.All.EqualTo(1.0));
        Assert.That(result.Series("before").Take(6), Is.EqualTo(new[] { -1.0, 0, 0, 0, 0, 10 }));
    }
}
