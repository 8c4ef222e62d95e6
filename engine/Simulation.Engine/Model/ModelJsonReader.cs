using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Model;

/// <summary>
/// Reads our JSON model format (docs/model-format.md) into a <see cref="ModelDocument"/>.
/// Structural problems are the schema's to report (<see cref="ModelSchema"/>); this reader is lenient
/// about them so that the checker can still report every equation problem in the same pass.
/// </summary>
public static class ModelJsonReader
{
    /// <summary>Reads a model file from disk. File errors (missing, unreadable) are diagnostics too.</summary>
    public static ModelDocument? ReadFile(string path, DiagnosticBag diagnostics) =>
        SourceFile.Load(path, diagnostics, DiagnosticCodes.MalformedJson) is { } file ? Read(file, diagnostics) : null;

    private const string NotJson = "a model file is UTF-8 JSON; see docs/model-format.md";

    public static ModelDocument? Read(SourceFile file, DiagnosticBag diagnostics)
    {
        if (file.IsBinary(diagnostics, DiagnosticCodes.MalformedJson, NotJson)) return null;
        var root = JsonParser.Parse(file, diagnostics);
        if (root is null) return null;
        ModelSchema.Validate(file, root, diagnostics);
        if (root is not JsonObject obj)
        {
            return null; // the schema has said it must be an object
        }
        return new Reader(file, diagnostics).ReadModel(obj);
    }

    /// <summary>Reads parts of a file in the model format; the experiment reader uses it for overrides (equations, elements, graphs).</summary>
    internal sealed class Reader(SourceFile file, DiagnosticBag diagnostics)
    {
        public ModelDocument ReadModel(JsonObject root)
        {
            int version = root["formatVersion"] is JsonNumber v ? (int)v.Value : 1;
            if (version != 1 && root["formatVersion"] is JsonNumber)
                diagnostics.Error(DiagnosticCodes.UnsupportedFormatVersion, $"format version {version} is not supported; this engine reads version 1",
                    At(root["formatVersion"]!));
            return new ModelDocument
            {
                Name = String(root["name"]) ?? System.IO.Path.GetFileNameWithoutExtension(file.Path),
                Description = String(root["description"]),
                FormatVersion = version,
                Time = ReadTime(root["time"] as JsonObject, root),
                Dimensions = (root["dimensions"] as JsonArray)?.Items.OfType<JsonObject>().Select(ReadDimension).ToImmutableArray()
                             ?? ImmutableArray<DimensionDefinition>.Empty,
                Variables = (root["variables"] as JsonArray)?.Items.OfType<JsonObject>().Select(ReadVariable).OfType<VariableDefinition>().ToImmutableArray()
                            ?? ImmutableArray<VariableDefinition>.Empty,
                UnreadVariables = (root["variables"] as JsonArray)?.Items.OfType<JsonObject>()
                                  .Where(v => String(v["name"]) is not null && KindOf(v) is null).Select(v => String(v["name"])!).ToImmutableArray()
                                  ?? ImmutableArray<string>.Empty,
                Source = file,
                Location = At(root),
            };
        }

        private TimeSettings ReadTime(JsonObject? time, JsonObject root)
        {
            if (time is null) return new TimeSettings { Location = At(root) };
            return new TimeSettings
            {
                Start = Number(time["start"]) ?? 0,
                Stop = Number(time["stop"]) ?? 1,
                Dt = Number(time["dt"]) ?? 1,
                SavePeriod = Number(time["savePeriod"]),
                Method = String(time["method"]) switch
                {
                    "rk2" => IntegrationMethod.RK2,
                    "rk4" => IntegrationMethod.RK4,
                    _ => IntegrationMethod.Euler,
                },
                Units = String(time["units"]),
                UnitsLocation = time["units"] is { } tu ? At(tu) : null,
                Location = At(time),
                DtLocation = time["dt"] is { } dt ? At(dt) : At(time),
                StopLocation = time["stop"] is { } stop ? At(stop) : At(time),
                SavePeriodLocation = time["savePeriod"] is { } sp ? At(sp) : At(time),
            };
        }

        private DimensionDefinition ReadDimension(JsonObject d)
        {
            int? size = d["size"] is JsonNumber n && n.Value >= 1 && n.Value <= ModelLimits.MaxDimensionSize && n.Value == Math.Floor(n.Value) ? (int)n.Value : null;
            if (d["size"] is JsonNumber bad && size is null)
            {
                diagnostics.Error(DiagnosticCodes.TooManyElements,
                    $"the size of the dimension '{String(d["name"])}' is {bad.Raw}: a size is a whole number from 1 to {ModelLimits.MaxDimensionSize:N0}",
                    At(bad), hint: "give the number of elements, or list them in \"elements\": [...]");
                size = 1; // one stand-in element, so that the variables over it are not reported again as over no dimension
            }
            var elements = d["elements"] is JsonArray a
                ? a.Items.OfType<JsonString>().Select(s => s.Value).ToImmutableArray()
                : size is int k ? Enumerable.Range(1, k).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToImmutableArray()
                : ImmutableArray<string>.Empty;
            return new DimensionDefinition
            {
                Name = String(d["name"]) ?? "",
                Elements = elements,
                Size = size,
                SubrangeOf = String(d["subrangeOf"]),
                MapsTo = String(d["mapsTo"]),
                Mapping = d["mapping"] is JsonObject m
                    ? m.Properties.Where(p => p.Value is JsonString).ToImmutableDictionary(p => p.Name, p => ((JsonString)p.Value).Value)
                    : null,
                Documentation = String(d["doc"]),
                Location = At(d["name"] ?? d),
            };
        }

        private VariableDefinition? ReadVariable(JsonObject v)
        {
            string? name = String(v["name"]);
            VariableKind? kind = KindOf(v);
            if (name is null || kind is null) return null; // reported by the schema
            var equationKey = kind == VariableKind.Stock ? "initial" : "equation";
            var wrongKey = kind == VariableKind.Stock ? "equation" : "initial";
            if (v.Find(wrongKey) is { } wrong)
                diagnostics.Error(DiagnosticCodes.MisplacedField,
                    kind == VariableKind.Stock
                        ? $"stock '{name}' has an \"equation\"; a stock's value comes from its flows, and its starting value is \"initial\""
                        : $"{KindWord(kind.Value)} '{name}' has an \"initial\"; only stocks have initial values",
                    file.LocationOf(wrong.NameStart), name, hint: $"rename the key to \"{equationKey}\"");
            foreach (var key in new[] { "inflows", "outflows" })
                if (kind != VariableKind.Stock && v.Find(key) is { } p)
                    diagnostics.Error(DiagnosticCodes.MisplacedField, $"{KindWord(kind.Value)} '{name}' lists {key}; only stocks have {key}",
                        file.LocationOf(p.NameStart), name, hint: $"list '{name}' as an inflow or outflow of a stock instead");
            bool isInput = v["input"] is JsonBoolean { Value: true };
            foreach (var key in new[] { "source", "range" })
                if (!isInput && v.Find(key) is { } p)
                    diagnostics.Warning(DiagnosticCodes.MisplacedField, $"'{name}' has a \"{key}\" but is not marked \"input\": true",
                        file.LocationOf(p.NameStart), name, hint: "add \"input\": true if scenarios may override it");
            var range = v["range"] as JsonArray;
            return new VariableDefinition
            {
                Name = name,
                Kind = kind.Value,
                Equation = Equation(v[equationKey]),
                Dimensions = Names(v["dimensions"]),
                Elements = v["elements"] is JsonObject els ? els.Properties.Select(ReadElement).ToImmutableArray() : ImmutableArray<ElementDefinition>.Empty,
                Inflows = Names(v["inflows"]),
                Outflows = Names(v["outflows"]),
                NonNegative = v["nonNegative"] is JsonBoolean { Value: true },
                Units = String(v["units"]),
                UnitsLocation = v["units"] is { } u ? At(u) : null,
                Documentation = String(v["doc"]),
                Input = isInput
                    ? new InputInfo
                    {
                        Source = String(v["source"]),
                        Low = range is { Items.Count: 2 } ? Number(range.Items[0]) : null,
                        High = range is { Items.Count: 2 } ? Number(range.Items[1]) : null,
                        ElementLow = range is { Items.Count: 2 } && range.Items[0] is JsonArray lows ? Numbers(lows) : null,
                        ElementHigh = range is { Items.Count: 2 } && range.Items[1] is JsonArray highs ? Numbers(highs) : null,
                        Location = At(v["input"]!),
                    }
                    : null,
                Graph = v["graph"] is JsonObject g ? ReadGraph(g, name) : null,
                Location = At(v["name"]!),
            };
        }

        internal ElementDefinition ReadElement(JsonProperty p)
        {
            var subscript = p.Name.Split(',').Select(s => s.Trim()).ToImmutableArray();
            var location = file.LocationOf(p.NameStart);
            if (p.Value is JsonObject o)
                return new ElementDefinition
                {
                    Subscript = subscript,
                    Equation = Equation(o["equation"]),
                    Graph = o["graph"] is JsonObject g ? ReadGraph(g, p.Name) : null,
                    Location = location,
                };
            return new ElementDefinition { Subscript = subscript, Equation = Equation(p.Value), Location = location };
        }

        internal GraphDefinition ReadGraph(JsonObject g, string owner)
        {
            var y = Numbers(g["y"]);
            ImmutableArray<double> x;
            (double, double)? xRange = null;
            if (g["xRange"] is JsonArray { Items.Count: 2 } r)
            {
                double? lo = Number(r.Items[0]), hi = Number(r.Items[1]);
                if (lo is double from && hi is double to) xRange = (from, to);
                // A bound that is not a finite number is reported already (here or by the schema): a stand-in range keeps
                // the graph from being reported again as having no points.
                x = GraphDefinition.EvenlySpaced(lo ?? 0, hi ?? (lo ?? 0) + 1, y.Length);
            }
            else
            {
                x = Numbers(g["x"]);
            }
            return new GraphDefinition
            {
                X = x,
                Y = y,
                XRange = xRange,
                Interpolation = String(g["interpolation"]) switch
                {
                    "extrapolate" => GraphInterpolation.Extrapolate,
                    "discrete" => GraphInterpolation.Discrete,
                    _ => GraphInterpolation.Continuous,
                },
                XUnits = String(g["xUnits"]),
                Location = At(g),
            };
        }

        internal EquationSource? Equation(JsonNode? node) => node switch
        {
            JsonString s => new EquationSource(s.Value, file, s.ContentStart, s.Offsets),
            JsonNumber n => new EquationSource(n.Raw, file, n.Start),
            _ => null,
        };

        private ImmutableArray<NameReference> Names(JsonNode? node) =>
            node is JsonArray a
                ? a.Items.OfType<JsonString>().Select(s => new NameReference(s.Value, file.LocationOf(s.ContentStart))).ToImmutableArray()
                : ImmutableArray<NameReference>.Empty;

        internal ImmutableArray<double> Numbers(JsonNode? node)
        {
            if (node is not JsonArray a) return ImmutableArray<double>.Empty;
            var result = ImmutableArray.CreateBuilder<double>(a.Items.Count);
            foreach (var item in a.Items)
                if (Number(item) is double d) result.Add(d);
            return result.ToImmutable();
        }

        internal double? Number(JsonNode? node)
        {
            if (node is not JsonNumber n) return null;
            if (double.IsFinite(n.Value)) return n.Value;
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"the number {n.Raw} is too large to represent", At(n),
                hint: "numbers must be within about ±1.8e308");
            return null;
        }

        internal static string? String(JsonNode? node) => (node as JsonString)?.Value;

        internal SourceLocation At(JsonNode node) => file.LocationOf(node is JsonString s ? s.ContentStart : node.Start);

        private static VariableKind? KindOf(JsonObject v) => String(v["kind"]) switch
        {
            "stock" => VariableKind.Stock,
            "flow" => VariableKind.Flow,
            "auxiliary" => VariableKind.Auxiliary,
            "graphical" => VariableKind.Graphical,
            _ => null,
        };

        private static string KindWord(VariableKind kind) => kind switch
        {
            VariableKind.Flow => "flow",
            VariableKind.Auxiliary => "auxiliary",
            VariableKind.Graphical => "graphical function",
            _ => "stock",
        };
    }
}
