using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Cli;

/// <summary>Reads and compiles an experiment file for a command, printing its diagnostics; null when it has errors.</summary>
public static class ExperimentLoader
{
    public static CompiledExperiment? Compile(string path, SweepOverrides? overrides = null)
    {
        if (Directory.Exists(path)) throw new UsageException($"'{path}' is a folder; give an experiment file");
        if (!File.Exists(path)) throw new UsageException($"the experiment file '{path}' does not exist");
        var diagnostics = new DiagnosticBag();
        var experiment = ExperimentCompiler.CompileFile(path, diagnostics, overrides);
        DiagnosticPrinter.Print(diagnostics.Items);
        return experiment;
    }
}
