using NJsonSchema;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>The published JSON Schema of the experiment format (docs/schema/experiment-v1.schema.json, embedded in the engine).</summary>
public static class ExperimentSchema
{
    public const string RelativePath = "docs/schema/experiment-v1.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(Text).GetAwaiter().GetResult());

    public static string Text
    {
        get
        {
            using var stream = typeof(ExperimentSchema).Assembly.GetManifestResourceStream("experiment-v1.schema.json")
                               ?? throw new InvalidOperationException("the experiment schema is not embedded in the engine");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Reports every way the (well-formed) file departs from the schema, located (SD1003); on another thread, as for models.</summary>
    public static void Validate(SourceFile file, JsonNode tree, DiagnosticBag diagnostics) =>
        ModelSchema.Validate(file, tree, Schema, diagnostics);
}
