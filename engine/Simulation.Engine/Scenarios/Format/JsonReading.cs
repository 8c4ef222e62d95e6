using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>Small helpers shared by the experiment readers: typed values, locations, and the model format's own readers.</summary>
internal sealed class JsonReading(SourceFile file, DiagnosticBag diagnostics)
{
    private readonly ModelJsonReader.Reader _model = new(file, diagnostics);

    public SourceFile File => file;

    public DiagnosticBag Diagnostics => diagnostics;

    public ModelJsonReader.Reader Model => _model;

    public SourceLocation At(JsonNode node) => _model.At(node);

    public SourceLocation NameAt(JsonProperty property) => file.LocationOf(property.NameStart);

    public static string? String(JsonNode? node) => (node as JsonString)?.Value;

    public double? Number(JsonNode? node) => _model.Number(node);

    public ImmutableArray<double> Numbers(JsonNode? node) => _model.Numbers(node);

    public NameReference Name(JsonString s) => new(s.Value, At(s));

    public InputReference Reference(JsonString s) => InputReference.Parse(s.Value, At(s));

    public IEnumerable<JsonObject> Objects(JsonNode? node) => (node as JsonArray)?.Items.OfType<JsonObject>() ?? [];

    /// <summary>An equation as an outcome or override gives it: text or a number, located in this file.</summary>
    public EquationSource? Equation(JsonNode? node) => _model.Equation(node);

    /// <summary>Reports a contradiction or gap the schema cannot express (SD5020 in experiments; fit files give their own code).</summary>
    public void Invalid(string message, SourceLocation? location, string? hint = null, string code = DiagnosticCodes.InvalidExperiment) =>
        diagnostics.Error(code, message, location, hint: hint);

    /// <summary>Keys present in <paramref name="o"/> among <paramref name="keys"/>.</summary>
    public static List<JsonProperty> Present(JsonObject o, params string[] keys) => o.Properties.Where(p => keys.Contains(p.Name)).ToList();
}
