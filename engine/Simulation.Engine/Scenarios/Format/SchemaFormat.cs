using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>
/// A file format that names a model and says what to do with it, written as JSON with a published JSON Schema
/// (docs/schema/NAME, embedded in the engine): experiments and fit files. Every reader of such a file starts the
/// same way, here: refuse a binary file, parse, report every departure from the schema (located, SD1003), check the
/// format version, and hand over the root object as a <see cref="SchemaFile"/>, which reads the members the formats
/// share. What is particular to each format stays in its own reader.
/// </summary>
public sealed class SchemaFormat
{
    public static readonly SchemaFormat Experiment = new("experiment-v1.schema.json", "an experiment file", "docs/experiment-format.md");

    public static readonly SchemaFormat Fit = new("fit-v1.schema.json", "a fit file", "docs/calibration.md");

    private readonly string _schema, _what, _guide;
    private readonly Lazy<SchemaValidator> _validator;

    private SchemaFormat(string schema, string what, string guide)
    {
        (_schema, _what, _guide) = (schema, what, guide);
        _validator = new(() => new SchemaValidator(Text));
    }

    /// <summary>Where the schema is published, relative to the repository's root.</summary>
    public string RelativePath => "docs/schema/" + _schema;

    /// <summary>The schema, as embedded in the engine.</summary>
    public string Text => ModelSchema.Embedded(_schema);

    /// <summary>The file's root object, checked against the schema; null (reported) when it is not JSON or not an object.</summary>
    internal SchemaFile? Open(SourceFile file, DiagnosticBag diagnostics)
    {
        if (file.IsBinary(diagnostics, DiagnosticCodes.MalformedJson, $"{_what} is UTF-8 JSON; see {_guide}")) return null;
        var root = JsonParser.Parse(file, diagnostics);
        if (root is null) return null;
        diagnostics.AddRange(_validator.Value.Validate(file, root));
        if (root is not JsonObject obj) return null; // the schema has said so
        var json = new JsonReading(file, diagnostics);
        if (obj["formatVersion"] is JsonNumber v && v.Value != 1)
            diagnostics.Error(DiagnosticCodes.UnsupportedFormatVersion, $"format version {v.Raw} is not supported; this engine reads version 1", json.At(v));
        return new SchemaFile(obj, json);
    }

    /// <summary>
    /// A path written in a file, relative to that file's folder; shown relative to the working folder when it lies
    /// below it, so diagnostics read like the paths users type.
    /// </summary>
    public static string ResolvePath(string filePath, string written)
    {
        string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(filePath)) ?? "", written));
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}

/// <summary>The root object of an experiment or fit file, and the members both formats have.</summary>
internal sealed class SchemaFile(JsonObject root, JsonReading json)
{
    public JsonObject Root => root;

    public JsonReading Json => json;

    public SourceLocation Location => json.At(root);

    /// <summary>"name", else the file's name without its extension.</summary>
    public string Name => JsonReading.String(root["name"]) ?? Path.GetFileNameWithoutExtension(json.File.Path);

    public string? Description => JsonReading.String(root["description"]);

    /// <summary>"seed" (0 when absent).</summary>
    public ulong Seed => root["seed"] is JsonNumber { Value: >= 0 } seed ? (ulong)seed.Value : 0;

    /// <summary>A path the file gives (the model, data, a design table), resolved against the file's folder.</summary>
    public string PathOf(JsonString written) => SchemaFormat.ResolvePath(json.File.Path, written.Value);

    /// <summary>The "time" block: the model's time settings it replaces (null when absent).</summary>
    public TimeOverride? Time => root["time"] is JsonObject t
        ? new TimeOverride
        {
            Start = json.Number(t["start"]),
            Stop = json.Number(t["stop"]),
            Dt = json.Number(t["dt"]),
            SavePeriod = json.Number(t["savePeriod"]),
            Method = JsonReading.String(t["method"]) switch
            {
                "euler" => IntegrationMethod.Euler,
                "rk2" => IntegrationMethod.RK2,
                "rk4" => IntegrationMethod.RK4,
                _ => null,
            },
            Location = json.At(t),
        }
        : null;
}
