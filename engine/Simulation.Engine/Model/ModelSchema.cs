using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Model;

/// <summary>
/// The published JSON Schema of the model format (docs/schema/model-v1.schema.json, embedded in the
/// engine) and the validation of files against it, with schema errors turned into located,
/// readable diagnostics (SD1003).
/// </summary>
public static class ModelSchema
{
    public const string RelativePath = "docs/schema/model-v1.schema.json";

    private static readonly Lazy<SchemaValidator> Validator = new(() => new SchemaValidator(Text));

    public static string Text => Embedded("model-v1.schema.json");

    /// <summary>Validates a well-formed JSON file, already parsed into <paramref name="tree"/>, against the schema.</summary>
    public static void Validate(SourceFile file, JsonNode tree, DiagnosticBag diagnostics) =>
        diagnostics.AddRange(Validator.Value.Validate(file, tree));

    /// <summary>A schema embedded in the engine, as text.</summary>
    public static string Embedded(string name)
    {
        using var stream = typeof(ModelSchema).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"the schema {name} is not embedded in the engine");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
