using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Model;

/// <summary>
/// The published JSON Schema of the model format (docs/schema/model-v1.schema.json, embedded in the
/// engine) and the validation of files against it, with schema errors turned into located,
/// readable diagnostics (SD1003).
/// </summary>
public static class ModelSchema
{
    public const string RelativePath = "docs/schema/model-v1.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(ModelSchema).Assembly.GetManifestResourceStream("model-v1.schema.json")
                           ?? throw new InvalidOperationException("the model schema is not embedded in the engine");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    });

    /// <summary>
    /// Starts loading the schema on a thread-pool thread. Loading it (NJsonSchema builds its object model, much of
    /// it JIT-compiled on first use) is the slowest part of a command's start-up; a command line calls this first,
    /// so the load overlaps with argument parsing, file reading and (validation being deferred) binding on another core.
    /// </summary>
    public static void LoadInBackground() => Task.Run(() => Schema.Value);

    public static string Text
    {
        get
        {
            using var stream = typeof(ModelSchema).Assembly.GetManifestResourceStream("model-v1.schema.json")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>
    /// Validates an already well-formed JSON file (parsed into <paramref name="tree"/>) against the schema, on another
    /// thread: the schema may still be loading, and the caller can read and bind the model meanwhile. The schema's
    /// diagnostics take their place in <paramref name="diagnostics"/> here, before anything added later (see
    /// <see cref="DiagnosticBag.AddWhenDone"/>).
    /// </summary>
    public static void Validate(SourceFile file, Json.JsonNode tree, DiagnosticBag diagnostics) => Validate(file, tree, Schema, diagnostics);

    /// <summary>Validates against any schema (the experiment format uses this too).</summary>
    public static void Validate(SourceFile file, Json.JsonNode tree, Lazy<JsonSchema> schema, DiagnosticBag diagnostics) =>
        diagnostics.AddWhenDone(Task.Run(() => Validated(file, tree, schema.Value)));

    private static IReadOnlyList<Diagnostic> Validated(SourceFile file, Json.JsonNode tree, JsonSchema schema)
    {
        var diagnostics = new DiagnosticBag();
        JToken token;
        try
        {
            // Locations come from our own tree (by path), so Newtonsoft need not record line information.
            token = JToken.Parse(file.Text, new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Ignore,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Ignore,
            });
        }
        catch (JsonException)
        {
            return []; // our own parser has accepted the file; anything Newtonsoft rejects beyond that is not a schema matter
        }
        WidenBigIntegers(token);
        var seen = new HashSet<(int, int, string)>();
        foreach (var error in schema.Validate(token))
            foreach (var (location, message, hint) in Describe(file, token, tree, error))
                if (seen.Add((location.Line, location.Column, message)))
                    diagnostics.Error(DiagnosticCodes.SchemaViolation, message, location, hint: hint);
        return diagnostics.Items;
    }

    /// <summary>
    /// Newtonsoft reads an integer of 2^63 or more as a BigInteger, which NJsonSchema cannot convert (it throws
    /// InvalidCastException). Our own reader reads every number as a double, so the schema sees the same: the
    /// nearest double, still an integer, which the schema's bounds then judge.
    /// </summary>
    private static void WidenBigIntegers(JToken root)
    {
        var pending = new Stack<JToken>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var token = pending.Pop();
            if (token is JValue { Value: System.Numerics.BigInteger big } value) value.Value = (double)big;
            else if (token is JContainer container) foreach (var child in container.Children()) pending.Push(child);
        }
    }

    private static IEnumerable<(SourceLocation, string, string?)> Describe(SourceFile file, JToken root, Json.JsonNode tree, ValidationError error)
    {
        string path = error.Path ?? "#";
        var location = file.LocationOf(Json.JsonPaths.Offset(tree, path, error.Kind is ValidationErrorKind.NoAdditionalPropertiesAllowed));
        string where = Where(path);
        JToken? value = Find(root, path);
        switch (error.Kind)
        {
            case ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf when error is ChildSchemaValidationError child:
                var branches = child.Errors.Values.Select(e => e.ToList()).ToList();
                if (branches.Count > 0 && branches.Any(b => b.Count == 0))
                {
                    yield return (location, $"{where} matches more than one allowed form", OneOfHint(path, value));
                    yield break;
                }
                var structural = branches.Where(b => b.All(e => !IsTypeError(e.Kind))).OrderBy(b => b.Count).FirstOrDefault();
                if (structural is not null && value is JObject)
                {
                    foreach (var inner in structural)
                        foreach (var described in Describe(file, root, tree, inner)) yield return described;
                    yield break;
                }
                yield return (location, $"{where} is not in any allowed form", OneOfHint(path, value));
                yield break;
            case not (ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf) when error is ChildSchemaValidationError nested:
                foreach (var inner in nested.Errors.Values.SelectMany(e => e))
                    foreach (var described in Describe(file, root, tree, inner)) yield return described;
                yield break;
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                var allowed = error.Schema?.ActualSchema.Properties.Keys.ToList() ?? new List<string>();
                string property = error.Property ?? LastSegment(path);
                string? suggestion = NameSuggester.Suggest(property, allowed);
                yield return (location, $"unknown property \"{property}\" in {Where(ParentPath(path))}",
                    suggestion is not null ? $"did you mean \"{suggestion}\"?" : $"allowed here: {string.Join(", ", allowed)}");
                yield break;
            case ValidationErrorKind.PropertyRequired:
                yield return (location, $"{Where(path)} is missing the required property \"{error.Property}\"", null);
                yield break;
            case ValidationErrorKind.NotInEnumeration:
                var options = error.Schema?.ActualSchema.Enumeration.Select(o => o?.ToString()).ToList() ?? new List<string?>();
                string given = value?.ToString(Formatting.None) ?? "this value";
                string? near = value?.Type == JTokenType.String ? NameSuggester.Suggest(value.ToString(), options.OfType<string>()) : null;
                yield return (location, $"{where} is {given}, which is not one of: {string.Join(", ", options)}",
                    near is not null ? $"did you mean \"{near}\"?" : null);
                yield break;
            default:
                yield return (location, $"{where} {KindText(error, value)}", null);
                yield break;
        }
    }

    private static bool IsTypeError(ValidationErrorKind kind) => kind is ValidationErrorKind.StringExpected
        or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected or ValidationErrorKind.BooleanExpected
        or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NoTypeValidates;

    private static string KindText(ValidationError error, JToken? value) => error.Kind switch
    {
        ValidationErrorKind.StringExpected => $"must be text, not {TypeOf(value)}",
        ValidationErrorKind.NumberExpected => $"must be a number, not {TypeOf(value)}",
        ValidationErrorKind.IntegerExpected when value is JValue { Value: double d } && double.IsInteger(d) => $"is too large a whole number ({value})",
        ValidationErrorKind.IntegerExpected => $"must be a whole number, not {TypeOf(value)}",
        ValidationErrorKind.BooleanExpected => $"must be true or false, not {TypeOf(value)}",
        ValidationErrorKind.ObjectExpected => $"must be an object {{ ... }}, not {TypeOf(value)}",
        ValidationErrorKind.ArrayExpected => $"must be a list [ ... ], not {TypeOf(value)}",
        ValidationErrorKind.NoTypeValidates => $"has the wrong type ({TypeOf(value)})",
        ValidationErrorKind.StringTooShort => "must not be empty",
        ValidationErrorKind.TooFewItems => $"has too few items (at least {error.Schema?.ActualSchema.MinItems} needed)",
        ValidationErrorKind.TooManyItems => $"has too many items (at most {error.Schema?.ActualSchema.MaxItems})",
        ValidationErrorKind.NumberTooSmall or ValidationErrorKind.IntegerTooBig or ValidationErrorKind.NumberTooBig =>
            $"is out of range ({value})",
        ValidationErrorKind.ExcludedSchemaValidates => "has properties that cannot be given together",
        _ => $"is not valid ({error.Kind})",
    };

    private static string? OneOfHint(string path, JToken? value)
    {
        string last = LastSegment(path);
        if (path.Contains("dimensions")) return "a dimension has either \"elements\": [\"a\", \"b\"] or \"size\": n, not both";
        if (last == "graph" || path.EndsWith(".graph", StringComparison.Ordinal))
            return "a graph has \"y\" and either \"x\" (a list) or \"xRange\": [min, max], not both";
        if (path.Contains("elements")) return "an element entry is an equation (text or number) or { \"equation\": ..., \"graph\": ... }";
        return value is null ? null : $"the value given is {TypeOf(value)}";
    }

    private static string TypeOf(JToken? token) => token?.Type switch
    {
        JTokenType.String => "text",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "true/false",
        JTokenType.Object => "an object",
        JTokenType.Array => "a list",
        JTokenType.Null => "null",
        _ => "something else",
    };

    private static JToken? Find(JToken root, string path)
    {
        string p = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        if (p.Length == 0) return root;
        try { return root.SelectToken(p.Replace("$schema", "['$schema']")); }
        catch (JsonException) { return null; }
    }

    private static string Where(string path)
    {
        string p = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        return p.Length == 0 ? "the file" : $"'{p}'";
    }

    private static string ParentPath(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut > 0 ? path[..cut] : "#";
    }

    private static string LastSegment(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('/'));
        return cut >= 0 ? path[(cut + 1)..] : path;
    }
}
