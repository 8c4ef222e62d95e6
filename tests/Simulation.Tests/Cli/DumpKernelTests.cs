namespace Simulation.Tests.Cli;

/// <summary><c>sim run MODEL --dump-kernel</c>: the generated step code as text a modeller can read, slots named after the model.</summary>
public class DumpKernelTests
{
    [Test]
    public void DumpKernel_Sir_PrintsEachMethodWithNamedSlotsAndTheEulerStep()
    {
        var outcome = SimProcess.Run("run", "models/sir.json", "--dump-kernel");
        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Stderr);
        Assert.That(outcome.Stdout, Does.Contain("void rates_0(LookupTable[] tables, double* slots, double* constants, double time, nint toNext)"));
        Assert.That(outcome.Stdout, Does.Contain("next[\"Susceptible\"] = slots[\"Susceptible\"] + 0.125 * v"), "the step code takes the Euler step");
        Assert.That(outcome.Stdout, Does.Contain("Mul(slots[\"Susceptible\"], slots[\"Infected\"])"), "operations by their catalogue names");
        Assert.That(outcome.Stdout, Does.Not.Contain("Ldarg").And.Not.Contain("Avx"));
        Assert.That(outcome.Stdout, Does.Contain("// 0 values are read by a later method than their own"), "SIR's step code is one method");
    }

    [Test]
    public void DumpKernel_ModelThatDrawsRandomNumbers_SaysThereIsNoStepCode()
    {
        string model = Path.Combine(Path.GetTempPath(), $"dump-kernel-noise-{Environment.ProcessId}.json");
        File.WriteAllText(model, TestModels.Model("""
            { "name": "s", "kind": "stock", "initial": 0, "inflows": ["f"] },
            { "name": "f", "kind": "flow", "equation": "RANDOM(0, 1)" }
            """));
        try
        {
            var outcome = SimProcess.Run("run", model, "--dump-kernel");
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Stderr);
            Assert.That(outcome.Stdout, Does.Contain("no step code"));
        }
        finally
        {
            File.Delete(model);
        }
    }
}
