namespace Simulation.Tests.Import.Vensim;

/// <summary>
/// Vensim functions read since the first import: each run on a small model and checked against values worked out
/// here by hand from the function's definition in Vensim's reference manual.
/// </summary>
public class MdlBuiltinTests
{
    [Test]
    public void Reinitial_IsTheValueAtTheInitialTime_AsInitialIs()
    {
        var run = MdlModels.Run(MdlModels.File("""
            x = 3 + 2 * Time ~~|
            r = REINITIAL(x) ~~|
            i = INITIAL(x) ~~|
            """));
        Assert.That(run.Series("r"), Is.All.EqualTo(3.0));
        Assert.That(run.Series("r"), Is.EqualTo(run.Series("i")));
    }
}
