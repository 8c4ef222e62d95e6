namespace Simulation.Engine.Model.Json;

/// <summary>
/// A JSON value as written, with the file offsets of where it starts and ends. Our own small tree
/// (rather than a general JSON library's) so that every equation string knows the exact position of
/// each character, duplicate keys are seen rather than silently overwritten, and depth is bounded.
/// </summary>
public abstract record JsonNode(int Start, int End)
{
    public abstract string KindName { get; }
}

public sealed record JsonObject(IReadOnlyList<JsonProperty> Properties, int Start, int End) : JsonNode(Start, End)
{
    public override string KindName => "an object";

    /// <summary>The first property with this name (duplicates are reported while parsing).</summary>
    public JsonProperty? Find(string name)
    {
        foreach (var p in Properties)
            if (p.Name == name) return p;
        return null;
    }

    public JsonNode? this[string name] => Find(name)?.Value;
}

public sealed record JsonProperty(string Name, int NameStart, JsonNode Value);

public sealed record JsonArray(IReadOnlyList<JsonNode> Items, int Start, int End) : JsonNode(Start, End)
{
    public override string KindName => "an array";
}

/// <summary>A string; <see cref="Offsets"/> holds each character's file offset when escapes moved them.</summary>
public sealed record JsonString(string Value, int[]? Offsets, int Start, int End) : JsonNode(Start, End)
{
    public override string KindName => "a string";

    /// <summary>File offset of the first character inside the quotes.</summary>
    public int ContentStart => Start + 1;
}

public sealed record JsonNumber(double Value, string Raw, int Start, int End) : JsonNode(Start, End)
{
    public override string KindName => "a number";
}

public sealed record JsonBoolean(bool Value, int Start, int End) : JsonNode(Start, End)
{
    public override string KindName => "true or false";
}

public sealed record JsonNull(int Start, int End) : JsonNode(Start, End)
{
    public override string KindName => "null";
}
