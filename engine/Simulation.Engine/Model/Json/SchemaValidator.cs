using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using Simulation.Engine.Diagnostics;
using Stj = System.Text.Json.Nodes;

namespace Simulation.Engine.Model.Json;

/// <summary>
/// Validates a file's own tree (<see cref="JsonNode"/>, parsed once by <see cref="JsonParser"/>) against a published
/// JSON Schema with JsonSchema.Net, and turns its findings into located, readable diagnostics (SD1003): an unknown
/// property with the nearest known one, a missing property, a value outside an enumeration, a wrong type. The tree is
/// handed to the validator as System.Text.Json nodes built from it, so the file's text is read once.
/// A tree is first put to <see cref="SchemaConformance"/>, which passes a conforming file in milliseconds; only a file it
/// cannot pass is evaluated here (and the schema built for that, about 0.1 s, on first need).
/// </summary>
public sealed class SchemaValidator
{
    private readonly SchemaConformance _quick;
    private readonly Lazy<(JsonSchema Schema, Stj.JsonNode Document)> _full;

    /// <param name="schemaText">The schema as JSON text (embedded in the engine).</param>
    public SchemaValidator(string schemaText)
    {
        _quick = new SchemaConformance(schemaText);
        _full = new(() => (JsonSchema.FromText(schemaText), Stj.JsonNode.Parse(schemaText) ?? throw new InvalidOperationException("the schema is empty")));
    }

    private JsonSchema Schema => _full.Value.Schema;
    private Stj.JsonNode SchemaDocument => _full.Value.Document;

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    /// <summary>Every way the (well-formed) tree departs from the schema, once each, in the file's order of findings.</summary>
    public IReadOnlyList<Diagnostic> Validate(SourceFile file, JsonNode tree)
    {
        if (_quick.Check(tree) == SchemaConformance.Verdict.Conforms) return [];
        return ValidateFully(file, tree);
    }

    /// <summary>Whether the full validator passes the tree, asked without the quick check (the tests compare the two).</summary>
    internal bool PassesFully(JsonNode tree) => Schema.Evaluate(ToSystemTextJson(tree), new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;

    /// <summary>The quick check alone (<see cref="SchemaConformance"/>).</summary>
    internal SchemaConformance.Verdict QuickVerdict(JsonNode tree) => _quick.Check(tree);

    private IReadOnlyList<Diagnostic> ValidateFully(SourceFile file, JsonNode tree)
    {
        var results = Schema.Evaluate(ToSystemTextJson(tree), Options);
        if (results.IsValid) return [];
        var findings = (results.HasDetails ? results.Details : [results])
            .Where(d => d.HasErrors && !UnderNot(d.EvaluationPath.ToString()))
            .SelectMany(d => d.Errors!.Select(e =>
                new Finding(d.InstanceLocation.ToString(), d.EvaluationPath.ToString(), e.Key, e.Value)))
            .ToList();
        var diagnostics = new DiagnosticBag();
        var seen = new HashSet<(int, int, string)>();
        // Findings inside a oneOf's branches explain why the oneOf failed (if it did), not problems of their own.
        foreach (var finding in findings.Where(f => !f.EvaluationPath.Contains("/oneOf/", StringComparison.Ordinal)))
            foreach (var (offset, message, hint) in Describe(tree, finding, findings))
            {
                var location = file.LocationOf(offset);
                if (seen.Add((location.Line, location.Column, message)))
                    diagnostics.Error(DiagnosticCodes.SchemaViolation, message, location, hint: hint);
            }
        return diagnostics.Items;
    }

    /// <summary>
    /// One error: where in the file (a JSON pointer), the path the validator took through the schema to the keyword's
    /// schema (through $refs), the keyword and the validator's message.
    /// </summary>
    private sealed record Finding(string Instance, string EvaluationPath, string Keyword, string Message);

    private IEnumerable<(int Offset, string Message, string? Hint)> Describe(JsonNode tree, Finding f, List<Finding> all)
    {
        var (node, offset) = Locate(tree, f.Instance, atName: false);
        string where = Where(f.Instance);
        var schema = Along(f.EvaluationPath);
        switch (f.Keyword)
        {
            case "oneOf":
                string prefix = f.EvaluationPath + "/oneOf/";
                var branches = all.Where(b => b.EvaluationPath.StartsWith(prefix, StringComparison.Ordinal) && Within(b.Instance, f.Instance))
                    .GroupBy(b => Branch(prefix, b.EvaluationPath)).ToDictionary(g => g.Key, g => g.ToList());
                int count = (schema?[f.Keyword] as Stj.JsonArray)?.Count ?? 0;
                // Each branch's own findings (those of a oneOf inside it are described through that oneOf).
                var failed = Enumerable.Range(0, count)
                    .Select(k => (branches.GetValueOrDefault(k) ?? []).Where(b => !b.EvaluationPath[(prefix.Length + 1)..].Contains("/oneOf/")).ToList())
                    .ToList();
                if (MatchingBranches(f.Message) > 1)
                {
                    yield return (offset, $"{where} matches more than one allowed form", OneOfHint(f.Instance, node));
                    yield break;
                }
                // A branch without findings failed its "not": properties given together that exclude each other.
                if (failed.Any(b => b.Count == 0) && node is JsonObject)
                {
                    yield return (offset, $"{where} has properties that cannot be given together", null);
                    yield break;
                }
                var structural = failed.Where(b => b.All(e => e.Keyword != "type")).OrderBy(b => b.Count).FirstOrDefault();
                if (structural is not null && node is JsonObject)
                {
                    foreach (var inner in structural)
                        foreach (var described in Describe(tree, inner, all)) yield return described;
                    yield break;
                }
                yield return (offset, $"{where} is not in any allowed form", OneOfHint(f.Instance, node));
                yield break;
            case "" when f.EvaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal): // additionalProperties: false
                var (_, nameOffset) = Locate(tree, f.Instance, atName: true);
                string property = Unescape(f.Instance[(f.Instance.LastIndexOf('/') + 1)..]);
                var parentSchema = Along(f.EvaluationPath[..f.EvaluationPath.LastIndexOf('/')]);
                var allowed = (parentSchema?["properties"] as Stj.JsonObject)?.Select(p => p.Key).ToList() ?? [];
                string? suggestion = NameSuggester.Suggest(property, allowed);
                yield return (nameOffset, $"unknown property \"{property}\" in {Where(Parent(f.Instance))}",
                    suggestion is not null ? $"did you mean \"{suggestion}\"?" : $"allowed here: {string.Join(", ", allowed)}");
                yield break;
            case "required":
                var present = node is JsonObject o ? o.Properties.Select(p => p.Name).ToHashSet() : [];
                foreach (var name in (schema?["required"] as Stj.JsonArray ?? []).Select(r => r!.GetValue<string>()).Where(r => !present.Contains(r)))
                    yield return (offset, $"{where} is missing the required property \"{name}\"", null);
                yield break;
            case "enum":
                var options = (schema?["enum"] as Stj.JsonArray ?? []).Select(o => o is Stj.JsonValue v && v.TryGetValue(out string? s) ? s : o?.ToJsonString()).ToList();
                string given = node is null ? "this value" : Text(node);
                string? near = node is JsonString str ? NameSuggester.Suggest(str.Value, options.OfType<string>()) : null;
                yield return (offset, $"{where} is {given}, which is not one of: {string.Join(", ", options)}", near is not null ? $"did you mean \"{near}\"?" : null);
                yield break;
            default:
                yield return (offset, $"{where} {KindText(f.Keyword, schema, node)}", null);
                yield break;
        }
    }

    /// <summary>How many of a failed oneOf's branches matched, as the validator counts them ("... but found 2").</summary>
    private static int MatchingBranches(string message)
    {
        int at = message.LastIndexOf(' ');
        return int.TryParse(message[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int found) ? found : 0;
    }

    private static int Branch(string prefix, string path)
    {
        string rest = path[prefix.Length..];
        int slash = rest.IndexOf('/');
        return int.Parse(slash < 0 ? rest : rest[..slash], CultureInfo.InvariantCulture);
    }

    /// <summary>The pointer is <paramref name="ancestor"/> or below it.</summary>
    private static bool Within(string pointer, string ancestor) =>
        pointer == ancestor || pointer.StartsWith(ancestor + "/", StringComparison.Ordinal);

    private static string KindText(string keyword, Stj.JsonNode? schema, JsonNode? value) => keyword switch
    {
        "type" => schema?["type"] is Stj.JsonValue t ? t.GetValue<string>() switch
        {
            "string" => $"must be text, not {TypeOf(value)}",
            "number" => $"must be a number, not {TypeOf(value)}",
            "integer" => $"must be a whole number, not {TypeOf(value)}",
            "boolean" => $"must be true or false, not {TypeOf(value)}",
            "object" => $"must be an object {{ ... }}, not {TypeOf(value)}",
            "array" => $"must be a list [ ... ], not {TypeOf(value)}",
            _ => $"has the wrong type ({TypeOf(value)})",
        } : $"has the wrong type ({TypeOf(value)})",
        "minLength" => "must not be empty",
        "minItems" => $"has too few items (at least {schema?["minItems"]} needed)",
        "maxItems" => $"has too many items (at most {schema?["maxItems"]})",
        "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" => $"is out of range ({(value is null ? "" : Text(value))})",
        "not" => "has properties that cannot be given together",
        _ => $"is not valid ({keyword})",
    };

    private static string? OneOfHint(string pointer, JsonNode? value)
    {
        if (pointer.Contains("/dimensions/")) return "a dimension has either \"elements\": [\"a\", \"b\"] or \"size\": n, not both";
        if (pointer.EndsWith("/graph", StringComparison.Ordinal)) return "a graph has \"y\" and either \"x\" (a list) or \"xRange\": [min, max], not both";
        if (pointer.Contains("/elements/")) return "an element entry is an equation (text or number) or { \"equation\": ..., \"graph\": ... }";
        return value is null ? null : $"the value given is {TypeOf(value)}";
    }

    /// <summary>The node a JSON pointer names in our tree, and its file offset (or its property name's); the deepest node that exists otherwise.</summary>
    private static (JsonNode? Node, int Offset) Locate(JsonNode root, string pointer, bool atName)
    {
        JsonNode node = root;
        int offset = root.Start;
        foreach (var raw in Segments(pointer))
        {
            string segment = Unescape(raw);
            if (node is JsonArray array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < array.Items.Count)
            {
                node = array.Items[i];
                offset = node.Start;
            }
            else if (node is JsonObject obj && obj.Find(segment) is { } property)
            {
                node = property.Value;
                offset = atName ? property.NameStart : node.Start;
            }
            else return (null, offset);
        }
        return (node, offset);
    }

    /// <summary>A pointer as the path users read: <c>/variables/3/kind</c> is <c>'variables[3].kind'</c>, the root "the file".</summary>
    private static string Where(string pointer)
    {
        var text = new System.Text.StringBuilder();
        foreach (var raw in Segments(pointer))
        {
            string segment = Unescape(raw);
            if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _)) text.Append('[').Append(segment).Append(']');
            else text.Append(text.Length == 0 ? "" : ".").Append(segment);
        }
        return text.Length == 0 ? "the file" : $"'{text}'";
    }

    private static string Parent(string pointer) => pointer[..Math.Max(0, pointer.LastIndexOf('/'))];

    private static IEnumerable<string> Segments(string pointer) => pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

    /// <summary>Findings inside a "not" are what made it match, not errors.</summary>
    private static bool UnderNot(string evaluationPath) => evaluationPath.Contains("/not", StringComparison.Ordinal)
        && evaluationPath.Split('/').Contains("not");

    /// <summary>
    /// The schema's own node that the validator reached along <paramref name="evaluationPath"/> (for its properties,
    /// enumerations and bounds), following each <c>$ref</c> on the way as the validator did.
    /// </summary>
    private Stj.JsonNode? Along(string evaluationPath)
    {
        Stj.JsonNode? node = SchemaDocument;
        foreach (var raw in Segments(evaluationPath))
        {
            string segment = Unescape(raw);
            node = segment == "$ref" && node?["$ref"] is Stj.JsonValue reference ? Along(reference.GetValue<string>().TrimStart('#'))
                : node switch
                {
                    Stj.JsonObject o => o[segment],
                    Stj.JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < a.Count => a[i],
                    _ => null,
                };
            if (node is null) return null;
        }
        return node;
    }

    private static string TypeOf(JsonNode? node) => node switch
    {
        JsonString => "text",
        JsonNumber => "a number",
        JsonBoolean => "true/false",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonNull => "null",
        _ => "something else",
    };

    /// <summary>A value as written, compactly: strings quoted, numbers as given.</summary>
    private static string Text(JsonNode node) => node switch
    {
        JsonString s => Stj.JsonValue.Create(s.Value).ToJsonString(),
        JsonNumber n => n.Raw,
        JsonBoolean b => b.Value ? "true" : "false",
        JsonNull => "null",
        _ => ToSystemTextJson(node)?.ToJsonString() ?? "null",
    };

    /// <summary>
    /// Our tree as System.Text.Json nodes, for the validator. Numbers are the values our reader read (doubles) as
    /// decimals, which is how the validator compares them; magnitudes past the decimals' range (1e300, a literal too
    /// large for a double) are held at its edge, where every bound the schemas give judges them as it would the value.
    /// </summary>
    private static Stj.JsonNode? ToSystemTextJson(JsonNode node) => node switch
    {
        JsonObject o => new Stj.JsonObject(o.Properties.Select(p => KeyValuePair.Create(p.Name, ToSystemTextJson(p.Value)))),
        JsonArray a => new Stj.JsonArray(a.Items.Select(ToSystemTextJson).ToArray()),
        JsonString s => Stj.JsonValue.Create(s.Value),
        JsonNumber n => Stj.JsonValue.Create(AsValidatorNumber(n.Value)),
        JsonBoolean b => Stj.JsonValue.Create(b.Value),
        _ => null,
    };

    /// <summary>A number as the validator is given it: the decimal of the value read, held within the decimals' range.</summary>
    internal static decimal AsValidatorNumber(double value) => (decimal)Math.Clamp(value, -DecimalEdge, DecimalEdge);

    private const double DecimalEdge = 7.9e27;
}
