using System.Globalization;

namespace Simulation.Engine.Model.Json;

/// <summary>
/// A quick answer to one question, "does this tree conform to the schema?", for the keywords our published schemas
/// use (type, properties, additionalProperties, required, items, enum, oneOf, not, $ref to a definition, and the
/// size and number bounds). It exists for speed: a sweep shard validates a 176 KB model in a few milliseconds this
/// way, where the full validator (<see cref="SchemaValidator"/>, which explains every problem with its location)
/// takes about 0.2 s of a process's start. Its answer is exact where it gives one: <see cref="Verdict.Unsure"/> for
/// anything it does not model (an unknown keyword, a number or text whose reading the full validator might judge
/// otherwise), and a document it cannot pass goes to the full validator, which alone reports.
/// Numbers are compared as the full validator sees them (<see cref="SchemaValidator.AsValidatorNumber"/>).
/// </summary>
public sealed class SchemaConformance
{
    public enum Verdict { Conforms, Violates, Unsure }

    private readonly JsonObject _schema;

    public SchemaConformance(string schemaText)
    {
        var diagnostics = new Diagnostics.DiagnosticBag();
        _schema = JsonParser.Parse(new Diagnostics.SourceFile("<schema>", schemaText), diagnostics) as JsonObject
                  ?? throw new InvalidOperationException("the schema is not a JSON object");
        if (diagnostics.HasErrors) throw new InvalidOperationException("the schema is not well-formed JSON");
    }

    /// <summary>Whether <paramref name="value"/> conforms; <see cref="Verdict.Unsure"/> where the full validator must judge.</summary>
    public Verdict Check(JsonNode value) => Check(_schema, value, depth: 0);

    /// <summary>Keywords that only annotate: they never make a value fail.</summary>
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "definitions", "$comment", "examples", "default"];

    private Verdict Check(JsonNode schema, JsonNode value, int depth)
    {
        if (depth > 64) return Verdict.Unsure;
        if (schema is JsonBoolean b) return b.Value ? Verdict.Conforms : Verdict.Violates;
        if (schema is not JsonObject keywords) return Verdict.Unsure;
        var verdict = Verdict.Conforms;
        foreach (var keyword in keywords.Properties)
        {
            if (Annotations.Contains(keyword.Name)) continue;
            // In draft 7 a $ref's siblings are ignored; whether a validator does so is its own choice, so don't guess.
            if (keyword.Name == "$ref" && keywords.Properties.Any(p => p.Name != "$ref" && !Annotations.Contains(p.Name))) return Verdict.Unsure;
            var one = keyword.Name switch
            {
                "$ref" => Reference(keyword.Value) is { } target ? Check(target, value, depth + 1) : Verdict.Unsure,
                "type" => Type(keyword.Value, value),
                "properties" => Properties(keyword.Value, value, depth),
                "additionalProperties" => Additional(keywords, keyword.Value, value, depth),
                "required" => Required(keyword.Value, value),
                "items" => Items(keyword.Value, value, depth),
                "enum" => Enum(keyword.Value, value),
                "oneOf" => OneOf(keyword.Value, value, depth),
                "not" => Check(keyword.Value, value, depth + 1) switch
                {
                    Verdict.Conforms => Verdict.Violates,
                    Verdict.Violates => Verdict.Conforms,
                    _ => Verdict.Unsure,
                },
                "minLength" => MinLength(keyword.Value, value),
                "minItems" => Count(keyword.Value, value is JsonArray a ? a.Items.Count : null, atLeast: true),
                "maxItems" => Count(keyword.Value, value is JsonArray a ? a.Items.Count : null, atLeast: false),
                "minProperties" => Count(keyword.Value, value is JsonObject o ? o.Properties.Count : null, atLeast: true),
                "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" => Bound(keyword.Name, keyword.Value, value),
                _ => Verdict.Unsure,
            };
            if (one == Verdict.Violates) return Verdict.Violates;
            if (one == Verdict.Unsure) verdict = Verdict.Unsure;
        }
        return verdict;
    }

    /// <summary>The definition a local reference names ("#/definitions/x"); null for any other reference.</summary>
    private JsonNode? Reference(JsonNode reference)
    {
        const string prefix = "#/definitions/";
        if (reference is not JsonString { Value: var text } || !text.StartsWith(prefix, StringComparison.Ordinal)) return null;
        string name = text[prefix.Length..];
        return name.Contains('/') || name.Contains('~') ? null : (_schema["definitions"] as JsonObject)?[name];
    }

    private static Verdict Type(JsonNode type, JsonNode value)
    {
        if (type is JsonString single) return TypeIs(single.Value, value);
        if (type is not JsonArray any) return Verdict.Unsure;
        var verdict = Verdict.Violates;
        foreach (var t in any.Items)
        {
            var one = t is JsonString name ? TypeIs(name.Value, value) : Verdict.Unsure;
            if (one == Verdict.Conforms) return one;
            if (one == Verdict.Unsure) verdict = one;
        }
        return verdict;
    }

    private static Verdict TypeIs(string type, JsonNode value) => type switch
    {
        "object" => Is(value is JsonObject),
        "array" => Is(value is JsonArray),
        "string" => Is(value is JsonString),
        "boolean" => Is(value is JsonBoolean),
        "null" => Is(value is JsonNull),
        "number" => Is(value is JsonNumber),
        "integer" => value is not JsonNumber n ? Verdict.Violates
            : SchemaValidator.AsValidatorNumber(n.Value) is var d && d != decimal.Truncate(d) ? Verdict.Violates
            : Math.Abs(d) <= int.MaxValue ? Verdict.Conforms
            : Verdict.Unsure, // a whole number past int: whether the validator still calls it an integer is its own choice
        _ => Verdict.Unsure,
    };

    private static Verdict Is(bool conforms) => conforms ? Verdict.Conforms : Verdict.Violates;

    private Verdict Properties(JsonNode properties, JsonNode value, int depth)
    {
        if (value is not JsonObject obj) return Verdict.Conforms;
        if (properties is not JsonObject schemas || HasDuplicateNames(obj)) return Verdict.Unsure;
        var verdict = Verdict.Conforms;
        foreach (var p in obj.Properties)
        {
            if (schemas[p.Name] is not { } schema) continue;
            var one = Check(schema, p.Value, depth + 1);
            if (one == Verdict.Violates) return one;
            if (one == Verdict.Unsure) verdict = one;
        }
        return verdict;
    }

    /// <summary>additionalProperties: every property that "properties" does not name (our schemas use no patternProperties).</summary>
    private Verdict Additional(JsonObject keywords, JsonNode additional, JsonNode value, int depth)
    {
        if (value is not JsonObject obj) return Verdict.Conforms;
        if (keywords.Find("patternProperties") is not null || HasDuplicateNames(obj)) return Verdict.Unsure;
        var named = keywords["properties"] as JsonObject;
        var verdict = Verdict.Conforms;
        foreach (var p in obj.Properties)
        {
            if (named?.Find(p.Name) is not null) continue;
            var one = Check(additional, p.Value, depth + 1);
            if (one == Verdict.Violates) return one;
            if (one == Verdict.Unsure) verdict = one;
        }
        return verdict;
    }

    private static Verdict Required(JsonNode required, JsonNode value)
    {
        if (value is not JsonObject obj) return Verdict.Conforms;
        if (required is not JsonArray names || names.Items.Any(n => n is not JsonString)) return Verdict.Unsure;
        return Is(names.Items.All(n => obj.Find(((JsonString)n).Value) is not null));
    }

    private Verdict Items(JsonNode items, JsonNode value, int depth)
    {
        if (value is not JsonArray array) return Verdict.Conforms;
        if (items is JsonArray) return Verdict.Unsure; // the tuple form: none of our schemas uses it
        var verdict = Verdict.Conforms;
        foreach (var item in array.Items)
        {
            var one = Check(items, item, depth + 1);
            if (one == Verdict.Violates) return one;
            if (one == Verdict.Unsure) verdict = one;
        }
        return verdict;
    }

    private static Verdict Enum(JsonNode options, JsonNode value)
    {
        if (options is not JsonArray list) return Verdict.Unsure;
        foreach (var option in list.Items)
        {
            bool? same = (option, value) switch
            {
                (JsonString a, JsonString b) => a.Value == b.Value,
                (JsonBoolean a, JsonBoolean b) => a.Value == b.Value,
                (JsonNull, JsonNull) => true,
                (JsonNumber a, JsonNumber b) => SchemaNumber(a) is { } limit ? limit == SchemaValidator.AsValidatorNumber(b.Value) : null,
                (JsonObject or JsonArray, _) => null,
                _ => false,
            };
            if (same is null) return Verdict.Unsure;
            if (same.Value) return Verdict.Conforms;
        }
        return Verdict.Violates;
    }

    private Verdict OneOf(JsonNode branches, JsonNode value, int depth)
    {
        if (branches is not JsonArray list) return Verdict.Unsure;
        int conforming = 0;
        foreach (var branch in list.Items)
            switch (Check(branch, value, depth + 1))
            {
                case Verdict.Unsure: return Verdict.Unsure;
                case Verdict.Conforms: conforming++; break;
            }
        return Is(conforming == 1);
    }

    /// <summary>
    /// Text lengths count characters as the validator counts them (code points, or perhaps text elements): the same as
    /// UTF-16 units for empty text and for ASCII without line breaks; otherwise only a length already short is certain.
    /// </summary>
    private static Verdict MinLength(JsonNode limit, JsonNode value)
    {
        if (value is not JsonString s) return Verdict.Conforms;
        if (Whole(limit) is not { } min) return Verdict.Unsure;
        if (s.Value.Length < min) return Verdict.Violates;
        if (min <= 1) return Verdict.Conforms;
        return s.Value.All(c => c is >= ' ' and <= '~') ? Verdict.Conforms : Verdict.Unsure;
    }

    private static Verdict Count(JsonNode limit, int? count, bool atLeast)
    {
        if (count is not { } n) return Verdict.Conforms;
        if (Whole(limit) is not { } bound) return Verdict.Unsure;
        return Is(atLeast ? n >= bound : n <= bound);
    }

    private static Verdict Bound(string keyword, JsonNode limit, JsonNode value)
    {
        if (value is not JsonNumber n) return Verdict.Conforms;
        if (SchemaNumber(limit) is not { } bound) return Verdict.Unsure;
        decimal d = SchemaValidator.AsValidatorNumber(n.Value);
        return Is(keyword switch
        {
            "minimum" => d >= bound,
            "maximum" => d <= bound,
            "exclusiveMinimum" => d > bound,
            _ => d < bound,
        });
    }

    /// <summary>A number written in the schema, as the validator reads it (a decimal from its text).</summary>
    private static decimal? SchemaNumber(JsonNode node) =>
        node is JsonNumber n && decimal.TryParse(n.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) ? d : null;

    private static long? Whole(JsonNode node) => SchemaNumber(node) is { } d && d == decimal.Truncate(d) && d is >= 0 and <= long.MaxValue ? (long)d : null;

    private static bool HasDuplicateNames(JsonObject obj)
    {
        if (obj.Properties.Count < 2) return false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return obj.Properties.Any(p => !seen.Add(p.Name));
    }
}
