using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime;
using static Simulation.Tests.TestModels;

namespace Simulation.Tests.Runtime;

public class RuntimeDiagnosticTests
{
    private const string Blowup =
        "{ \"name\": \"S\", \"kind\": \"stock\", \"initial\": 2, \"outflows\": [\"out\"] }, { \"name\": \"out\", \"kind\": \"flow\", \"equation\": 1 }, " +
        "{ \"name\": \"ratio\", \"kind\": \"auxiliary\", \"equation\": \"1 / S\" }, { \"name\": \"cost\", \"kind\": \"auxiliary\", \"equation\": \"ratio * 2\" }, " +
        "{ \"name\": \"L\", \"kind\": \"stock\", \"initial\": 0, \"inflows\": [\"acc\"] }, { \"name\": \"acc\", \"kind\": \"flow\", \"equation\": \"cost\" }";

    [Test]
    public void Run_DivisionByZero_ReportsTheFirstVariableAndTime()
    {
        var result = Run(Model(Blowup));
        var d = result.Diagnostics.Single();
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.NotFinite));
        Assert.That(d.Message, Is.EqualTo("'ratio' became NaN or infinite at time 2"));
        Assert.That(result.Times[^1], Is.EqualTo(2), "the run stops there");
    }

    [Test]
    public void Run_AuxiliaryNothingReads_IsCheckedToo()
    {
        var result = Run(Model("{ \"name\": \"x\", \"kind\": \"auxiliary\", \"equation\": \"LN(5 - TIME)\" }"));
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo("'x' became NaN or infinite at time 5"));
    }

    [Test]
    public void Run_ContinueOnNonFinite_RunsToTheEnd()
    {
        var result = Simulator.Run(Compile(Model(Blowup)), continueOnNonFinite: true);
        Assert.That(result.Diagnostics, Has.Count.EqualTo(1));
        Assert.That(result.Times[^1], Is.EqualTo(10));
    }
}
