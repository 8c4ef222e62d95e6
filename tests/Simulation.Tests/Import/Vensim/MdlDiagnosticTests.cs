using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Import.Vensim;

/// <summary>Bad .mdl input gives located diagnostics naming the problem, never an exception.</summary>
public class MdlDiagnosticTests
{
    private static Diagnostic Single(string mdl, string code)
    {
        var errors = MdlModels.Errors(mdl);
        Assert.That(errors.Select(e => e.Code), Does.Contain(code), DiagnosticRenderer.ToText(errors));
        return errors.First(e => e.Code == code);
    }

    [Test]
    public void Truncated_RecordNeverEnds_LocatedAtItsStart()
    {
        var error = Single("{UTF-8}\nx = 1 ~~|\ny = x *\n", "SD1301");
        Assert.That(error.Location!.Value.Line, Is.EqualTo(3));
    }

    [Test]
    public void Binary_Reported()
    {
        var error = Single("\u0001\u0002\0\0PK\u0003", "SD1301");
        Assert.That(error.Message, Does.Contain("not a text file"));
    }

    [Test]
    public void SyntaxError_PointsAtTheToken()
    {
        var error = Single(MdlModels.File("x = (1 + ~~|"), "SD1101");
        Assert.That(error.Location!.Value.Line, Is.EqualTo(2));
    }

    [Test]
    public void UnknownFunction_LocatedInTheMdl()
    {
        var error = Single(MdlModels.File("a = 1 ~~|\nx = 2 * FROBNICATE(a) ~~|"), "SD2002");
        Assert.That((error.Location!.Value.Line, error.Location.Value.Column), Is.EqualTo((3, 9)));
        Assert.That(error.Message, Does.Contain("FROBNICATE"));
    }

    [TestCase("x = A FUNCTION OF(y) ~~|\ny = 1 ~~|", "A FUNCTION OF")]
    [TestCase("x = 1 + INTEG(1, 0) ~~|", "INTEG must be the whole equation")]
    [TestCase("x = FIND MARKET PRICE(1, 2) ~~|", "FIND MARKET PRICE")]
    [TestCase("x ~~|\ny = x ~~|", "data variable without an equation")]
    public void UnsupportedConstruct_NamedAndLocated(string records, string named)
    {
        var error = Single(MdlModels.File(records), "SD1302");
        Assert.That(error.Message, Does.Contain(named));
        Assert.That(error.Location!.Value.Line, Is.EqualTo(2));
    }

    [Test]
    public void ChangingFinalTime_Reported()
    {
        var error = Single(MdlModels.File("x = 1 ~~|", "INITIAL TIME = 0 ~~|\nFINAL TIME = 10 + STEP(5, 3) ~~|\nTIME STEP = 1 ~~|"), "SD1302");
        Assert.That(error.Message, Does.Contain("FINAL TIME"));
    }

    [Test]
    public void RealityCheck_IgnoredWithAWarning()
    {
        var diagnostics = MdlModels.Diagnose(MdlModels.File("x = 1 ~~|\ncheck :THE CONDITION: x > 0 :IMPLIES: x < 2 ~~|"));
        Assert.That(diagnostics.Where(d => d.IsError), Is.Empty);
        Assert.That(diagnostics.Any(d => d.Code == "SD1305" && !d.IsError), Is.True);
    }

    [Test]
    public void MixedLevelAndAuxiliary_Reported()
    {
        Single(MdlModels.File("D: a, b ~~|\ns[a] = INTEG(1, 0) ~~|\ns[b] = 3 ~~|"), "SD1302");
    }
}
