using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Model.Json;

/// <summary>Reading a JSON input file (a model, an experiment): file errors and binary files are diagnostics, never exceptions.</summary>
public static class JsonFile
{
    /// <summary>The file's text, or null with a diagnostic when it cannot be read.</summary>
    /// <param name="what">What the file is, for the message: "model", "experiment".</param>
    public static SourceFile? Read(string path, string what, DiagnosticBag diagnostics)
    {
        try
        {
            return new SourceFile(path, File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(DiagnosticCodes.MalformedJson, $"cannot read the {what} file: {e.Message}", new SourceLocation(path, 1, 1));
            return null;
        }
    }

    /// <summary>The file parsed as JSON, or null with a diagnostic (also for a binary file).</summary>
    /// <param name="format">The documentation of the file's format, for the hint: "docs/model-format.md".</param>
    public static JsonNode? Parse(SourceFile file, string what, string format, DiagnosticBag diagnostics)
    {
        if (file.Text.Contains('\0'))
        {
            diagnostics.Error(DiagnosticCodes.MalformedJson, "this is not a text file (it contains NUL bytes)", file.LocationOf(file.Text.IndexOf('\0')),
                hint: $"a {what} file is UTF-8 JSON; see {format}");
            return null;
        }
        return JsonParser.Parse(file, diagnostics);
    }
}
