using Simulation.Engine.Diagnostics;

namespace Simulation.Cli;

/// <summary>Prints diagnostics compiler-style to standard error, or as JSON to standard output for tools.</summary>
public static class DiagnosticPrinter
{
    public static void Print(IReadOnlyList<Diagnostic> diagnostics, bool json = false)
    {
        if (json)
        {
            Console.Out.WriteLine(DiagnosticRenderer.ToJson(diagnostics));
            return;
        }
        var ordered = diagnostics.OrderBy(d => d.Location?.Path).ThenBy(d => d.Location?.Line ?? 0).ThenBy(d => d.Location?.Column ?? 0);
        foreach (var d in ordered) Console.Error.Write(DiagnosticRenderer.ToText(d));
        int errors = diagnostics.Count(d => d.IsError), warnings = diagnostics.Count - errors;
        if (diagnostics.Count > 0)
            Console.Error.WriteLine($"{errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}");
    }
}
