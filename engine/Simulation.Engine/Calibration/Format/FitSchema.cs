using NJsonSchema;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Calibration.Format;

/// <summary>The published JSON Schema of the fit format (docs/schema/fit-v1.schema.json, embedded in the engine).</summary>
public static class FitSchema
{
    public const string RelativePath = "docs/schema/fit-v1.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(Text).GetAwaiter().GetResult());

    public static string Text
    {
        get
        {
            using var stream = typeof(FitSchema).Assembly.GetManifestResourceStream("fit-v1.schema.json")
                               ?? throw new InvalidOperationException("the fit schema is not embedded in the engine");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Reports every way the (well-formed) file departs from the schema, located (SD1003), as for models.</summary>
    public static void Validate(SourceFile file, JsonNode tree, DiagnosticBag diagnostics) =>
        ModelSchema.Validate(file, tree, Schema, diagnostics);
}
