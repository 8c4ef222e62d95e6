using System.Collections.Immutable;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>Reads one entry of "outcomes": which kind it is, and the keys that kind takes.</summary>
internal static class OutcomeJsonReader
{
    private static readonly (string Key, OutcomeKind Kind)[] Kinds =
    [
        ("value", OutcomeKind.Value), ("total", OutcomeKind.Total), ("mean", OutcomeKind.Mean),
        ("difference", OutcomeKind.Difference), ("ratio", OutcomeKind.Ratio),
        ("changeFromBaseline", OutcomeKind.ChangeFromBaseline), ("avoided", OutcomeKind.Avoided), ("payback", OutcomeKind.Payback),
    ];

    /// <summary>Which optional keys each kind takes.</summary>
    private static readonly Dictionary<string, OutcomeKind[]> KeyKinds = new()
    {
        ["at"] = [OutcomeKind.Value],
        ["by"] = [OutcomeKind.Value, OutcomeKind.Total, OutcomeKind.Mean],
        ["from"] = [OutcomeKind.Total, OutcomeKind.Mean],
        ["to"] = [OutcomeKind.Total, OutcomeKind.Mean],
        ["discount"] = [OutcomeKind.Total],
    };

    public static OutcomeDefinition? Read(JsonObject o, JsonReading json)
    {
        if (o["name"] is not JsonString name) return null;
        var location = json.At(name);
        var given = Kinds.Where(k => o[k.Key] is not null).ToList();
        if (given.Count != 1)
        {
            json.Invalid(given.Count == 0
                    ? $"the outcome '{name.Value}' does not say what it measures"
                    : $"the outcome '{name.Value}' has {string.Join(" and ", given.Select(g => $"\"{g.Key}\""))}; give one",
                location, "give one of \"value\", \"total\", \"mean\", \"difference\", \"ratio\", \"changeFromBaseline\", \"avoided\" or \"payback\"");
            return null;
        }
        var (key, kind) = given[0];
        foreach (var (optional, kinds) in KeyKinds)
            if (o.Find(optional) is { } p && !kinds.Contains(kind))
                json.Invalid($"\"{optional}\" does not apply to a {key} outcome ('{name.Value}')", json.NameAt(p),
                    $"\"{optional}\" is for {string.Join(" and ", kinds.Select(k => Kinds.First(x => x.Kind == k).Key))} outcomes");
        var node = o[key]!;
        return new OutcomeDefinition
        {
            Name = name.Value,
            Units = JsonReading.String(o["units"]),
            Documentation = JsonReading.String(o["doc"]),
            Kind = kind,
            Better = JsonReading.String(o["better"]) switch { "lower" => Direction.Lower, "higher" => Direction.Higher, _ => null },
            Expression = kind is OutcomeKind.Value or OutcomeKind.Total or OutcomeKind.Mean ? json.Equation(node) : null,
            By = (o["by"] as JsonArray)?.Items.OfType<JsonString>().Select(json.Name).ToImmutableArray() ?? ImmutableArray<NameReference>.Empty,
            At = o["at"] switch
            {
                JsonNumber n => json.Number(n) is double t ? [t] : ImmutableArray<double>.Empty,
                JsonArray a => json.Numbers(a),
                _ => ImmutableArray<double>.Empty,
            },
            AtLocation = o["at"] is { } at ? json.At(at) : location,
            From = json.Number(o["from"]),
            To = json.Number(o["to"]),
            FromLocation = o["from"] is { } f ? json.At(f) : location,
            ToLocation = o["to"] is { } t2 ? json.At(t2) : location,
            Discount = o["discount"] is JsonObject d ? ReadDiscount(d, json) : null,
            Operands = node switch
            {
                JsonArray a => a.Items.OfType<JsonString>().Select(json.Name).ToImmutableArray(),
                JsonString s when kind is OutcomeKind.ChangeFromBaseline or OutcomeKind.Avoided or OutcomeKind.Payback => [json.Name(s)],
                _ => ImmutableArray<NameReference>.Empty,
            },
            Location = location,
        };
    }

    private static DiscountDefinition? ReadDiscount(JsonObject d, JsonReading json) =>
        json.Number(d["rate"]) is double rate
            ? new DiscountDefinition
            {
                Rate = rate,
                Period = json.Number(d["period"]),
                From = json.Number(d["from"]),
                Location = json.At(d),
                RateLocation = json.At(d["rate"]!),
            }
            : null;
}
