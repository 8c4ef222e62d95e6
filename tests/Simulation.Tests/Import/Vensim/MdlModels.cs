using Simulation.Engine;
using Simulation.Engine.Conformance;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import.Vensim;
using Simulation.Engine.Model;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Import.Vensim;

/// <summary>Builds small Vensim .mdl files inline for import tests, and reads or runs them.</summary>
public static class MdlModels
{
    public const string Control = """
        INITIAL TIME = 0 ~ Month ~ |
        FINAL TIME = 4 ~ Month ~ |
        TIME STEP = 1 ~ Month [0,?] ~ |
        SAVEPER = TIME STEP ~ Month ~ |
        """;

    /// <summary>A .mdl file: the records given, the control records, and a sketch that must be ignored.</summary>
    public static string File(string records, string control = Control) =>
        "{UTF-8}\n" + records + "\n" + control + "\n\\\\\\---/// Sketch information - do not modify anything except names\nV300  Do not put anything below this section\n*View 1\n10,1,x,1,1,1,1,0,0,0,0,0,0,0,0\n///---\\\\\\\n";

    public static ModelDocument? Read(string mdl, DiagnosticBag diagnostics, string path = "test.mdl") =>
        MdlReader.Read(new SourceFile(path, mdl), diagnostics);

    /// <summary>Every diagnostic of importing, binding and checking the file.</summary>
    public static IReadOnlyList<Diagnostic> Diagnose(string mdl, string path = "test.mdl")
    {
        var diagnostics = new DiagnosticBag();
        var document = Read(mdl, diagnostics, path);
        if (document is not null) ModelPipeline.Check(document, diagnostics);
        return diagnostics.Items;
    }

    public static IReadOnlyList<Diagnostic> Errors(string mdl, string path = "test.mdl") => Diagnose(mdl, path).Where(d => d.IsError).ToList();

    public static ModelDocument Document(string mdl, string path = "test.mdl")
    {
        var diagnostics = new DiagnosticBag();
        var document = Read(mdl, diagnostics, path);
        if (document is null || diagnostics.HasErrors) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        return document;
    }

    public static SimulationResult Run(string mdl, string path = "test.mdl")
    {
        var diagnostics = new DiagnosticBag();
        var plan = ModelPipeline.Compile(Document(mdl, path), diagnostics);
        if (plan is null || diagnostics.HasErrors) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        return Simulator.Run(plan);
    }

    /// <summary>
    /// Compares a run with a case's canonical output, column by column where both have it (control settings left out),
    /// by <paramref name="agree"/>(column, actual, expected); asserts each value and returns how many were compared.
    /// </summary>
    public static int CompareWithCanonical(SimulationResult run, string outputFile, Func<string, double, double, bool> agree)
    {
        var expected = CanonicalOutput.ReadFile(outputFile);
        int compared = 0;
        for (int j = 0; j < run.Names.Count; j++)
        {
            int k = expected.Columns.ToList().FindIndex(c => ColumnKey.Of(c) == ColumnKey.Of(run.Names[j]));
            if (k < 0 || ColumnKey.IsControlSetting(run.Names[j])) continue;
            for (int i = 0; i < expected.Times.Count; i++)
            {
                double e = expected.Rows[i][k], a = run.Rows[i][j];
                if (double.IsNaN(e)) continue;
                compared++;
                Assert.That(agree(run.Names[j], a, e), $"{run.Names[j]} at {expected.Times[i]}: expected {e}, got {a}");
            }
        }
        return compared;
    }
}
