using Simulation.Engine.Runtime;

namespace Simulation.Tests.Models;

/// <summary>
/// models/ageing-chain.json: its expected output (models/expected/ageing-chain.csv, checked against the
/// independent implementation models/expected/ageing-chain.check.py) is compared by BundledModelTests;
/// these tests check what the example is there to show.
/// </summary>
public class AgeingChainTests
{
    private static Simulation.Engine.Results.SimulationResult Run() =>
        Simulator.Run(TestModels.Compile(File.ReadAllText(TestModels.PathOf("models", "ageing-chain.json"))));

    [Test]
    public void Run_AgeingChain_FirstBandReceivesNobodyFromBelow()
    {
        var result = Run();
        Assert.That(result.Series("Ageing In[0-17,Q3]"), Is.All.EqualTo(0));
        Assert.That(result.Series("Ageing In[18-44,Q3]"), Is.EqualTo(result.Series("Ageing Out[0-17,Q3]")));
    }

    [Test]
    public void Run_AgeingChain_OutputColumnsNamedPerElement()
    {
        var names = Run().Names;
        Assert.That(names, Does.Contain("Population[65-74,Q1]").And.Contain("Older People[Q5]").And.Contain("Total Population"));
        Assert.That(names.Count(n => n.StartsWith("Population[")), Is.EqualTo(25));
    }
}
