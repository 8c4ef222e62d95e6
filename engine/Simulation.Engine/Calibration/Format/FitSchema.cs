using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Calibration.Format;

/// <summary>The published JSON Schema of the fit format (docs/schema/fit-v1.schema.json, embedded in the engine).</summary>
public static class FitSchema
{
    public const string RelativePath = "docs/schema/fit-v1.schema.json";

    private static readonly Lazy<SchemaValidator> Validator = new(() => new SchemaValidator(Text));

    public static string Text => ModelSchema.Embedded("fit-v1.schema.json");

    /// <summary>Reports every way the (well-formed) file departs from the schema, located (SD1003).</summary>
    public static void Validate(SourceFile file, JsonNode tree, DiagnosticBag diagnostics) =>
        diagnostics.AddRange(Validator.Value.Validate(file, tree));
}
