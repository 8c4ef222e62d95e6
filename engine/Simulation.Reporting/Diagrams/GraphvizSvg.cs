using System.Diagnostics;

namespace Simulation.Reporting.Diagrams;

/// <summary>
/// The optional second layout: Graphviz's <c>dot</c>, when it is installed, lays out the Graphviz text of a diagram
/// and writes the SVG itself. Nothing requires it (the built-in layout is MSAGL's); it is there for those who prefer
/// Graphviz's look or already post-process its output.
/// </summary>
public static class GraphvizSvg
{
    /// <summary>The SVG <c>dot -Tsvg</c> makes of <paramref name="dotText"/>; null when <c>dot</c> is not on the PATH.</summary>
    public static string? Render(string dotText, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dot", "-Tsvg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ReportingException("could not start Graphviz's dot");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dotText);
            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new ReportingException($"Graphviz's dot took longer than {timeout.TotalSeconds:0} s");
            }
            if (process.ExitCode != 0) throw new ReportingException($"Graphviz's dot failed: {errors.Result.Trim()}");
            return output.Result;
        }
    }
}
