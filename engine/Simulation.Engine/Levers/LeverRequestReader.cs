using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model.Json;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Levers;

/// <summary>
/// Reads a request body into a <see cref="LeverRequest"/> with the engine's strict JSON reader (a key given twice is
/// an error, depth is bounded) and the experiment format's own intervention reader, so an intervention in a request
/// means what it means in an experiment file. Every object is closed: an unknown key is a problem with "did you
/// mean". Values are data: nothing in a request is evaluated as an equation.
/// </summary>
public static class LeverRequestReader
{
    public const string SourceName = "request";

    private static readonly string[] RunKeys = ["inputs", "scenario", "interventions", "futures"];
    private static readonly string[] SaveKeys = [.. RunKeys, "name"];
    private static readonly string[] InterventionKeys = ["input", "at", "from", "to", "set", "multiply", "stop"];

    /// <param name="save">True for "save as scenario", whose request also carries the scenario's <c>name</c>.</param>
    public static LeverRequest? Read(string body, bool save, out LeverProblem? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            problem = new LeverProblem("the request body is empty", "body", "send a JSON object, e.g. {\"inputs\": {}}");
            return null;
        }
        var file = new SourceFile(SourceName, body);
        var diagnostics = new DiagnosticBag();
        if (JsonParser.Parse(file, diagnostics) is not { } root || diagnostics.HasErrors)
        {
            problem = FromDiagnostic(diagnostics.Items.First(d => d.IsError), "body", "bad JSON: ");
            return null;
        }
        if (root is not JsonObject obj)
        {
            problem = new LeverProblem($"the request is {root.KindName}; it must be a JSON object", "body", "e.g. {\"inputs\": {\"Name\": 1}}");
            return null;
        }
        if ((problem = Closed(obj, save ? SaveKeys : RunKeys, "")) is not null) return null;

        var inputs = ImmutableArray.CreateBuilder<LeverSetting>();
        if (obj["inputs"] is { } inputsNode)
        {
            if (inputsNode is not JsonObject inputObject)
            {
                problem = new LeverProblem($"\"inputs\" is {inputsNode.KindName}; it must be an object of input names and numbers", "inputs",
                    "e.g. {\"Mortality rate[85+]\": 0.12}");
                return null;
            }
            foreach (var p in inputObject.Properties)
            {
                if (p.Value is not JsonNumber number)
                {
                    problem = new LeverProblem($"the value of '{p.Name}' is {p.Value.KindName}; it must be a number", $"inputs/{p.Name}",
                        "inputs take numbers (an equation belongs in an experiment file's \"set\")");
                    return null;
                }
                if (!double.IsFinite(number.Value))
                {
                    problem = new LeverProblem($"the value of '{p.Name}' ({number.Raw}) is too large to represent", $"inputs/{p.Name}");
                    return null;
                }
                inputs.Add(new LeverSetting(p.Name, number.Value));
            }
        }

        string? scenario = null;
        if (obj["scenario"] is { } scenarioNode and not JsonNull)
        {
            if (scenarioNode is not JsonString s)
            {
                problem = new LeverProblem($"\"scenario\" is {scenarioNode.KindName}; it must be a scenario's name", "scenario");
                return null;
            }
            scenario = s.Value;
        }

        int futures = 0;
        if (obj["futures"] is { } futuresNode and not JsonNull)
        {
            if (futuresNode is not JsonNumber { Value: >= 0 and <= int.MaxValue } f || f.Value != Math.Floor(f.Value))
            {
                problem = new LeverProblem($"\"futures\" is {Describe(futuresNode)}; it must be a whole number, 0 or more", "futures",
                    "0 runs the point values only; n > 0 also runs the first n sampled futures");
                return null;
            }
            futures = (int)f.Value;
        }

        string? name = null;
        if (save)
        {
            if (obj["name"] is not JsonString { Value.Length: > 0 } n || string.IsNullOrWhiteSpace(n.Value))
            {
                problem = new LeverProblem("a saved scenario needs a \"name\"", "name", "e.g. \"name\": \"virtual wards 45 from 2027\"");
                return null;
            }
            name = n.Value.Trim();
        }

        var interventions = ReadInterventions(obj["interventions"], file, diagnostics, out problem);
        if (problem is not null) return null;
        return new LeverRequest { Inputs = inputs.ToImmutable(), Scenario = scenario, Futures = futures, Interventions = interventions, Name = name };
    }

    private static ImmutableArray<InterventionDefinition> ReadInterventions(JsonNode? node, SourceFile file, DiagnosticBag diagnostics, out LeverProblem? problem)
    {
        problem = null;
        if (node is null or JsonNull) return ImmutableArray<InterventionDefinition>.Empty;
        if (node is not JsonArray array)
        {
            problem = new LeverProblem($"\"interventions\" is {node.KindName}; it must be a list", "interventions",
                "e.g. [{\"input\": \"Virtual ward beds per 100k adults\", \"at\": 730, \"set\": 45}]");
            return default;
        }
        var json = new JsonReading(file, diagnostics);
        var result = ImmutableArray.CreateBuilder<InterventionDefinition>();
        for (int k = 0; k < array.Items.Count; k++)
        {
            string field = $"interventions/{k}";
            if (array.Items[k] is not JsonObject o)
            {
                problem = new LeverProblem($"intervention {k} is {array.Items[k].KindName}; it must be an object", field);
                return default;
            }
            if ((problem = Closed(o, InterventionKeys, field + "/")) is not null) return default;
            if (o["input"] is not JsonString)
            {
                problem = new LeverProblem($"intervention {k} needs \"input\": the name of the input it changes", field);
                return default;
            }
            foreach (var key in new[] { "at", "from", "to", "set", "multiply" })
                if (o[key] is { } value and not JsonNumber)
                {
                    problem = new LeverProblem($"\"{key}\" of intervention {k} is {value.KindName}; it must be a number", $"{field}/{key}");
                    return default;
                }
            if (o["stop"] is { } stop and not JsonBoolean { Value: true })
            {
                problem = new LeverProblem($"\"stop\" of intervention {k} is {Describe(stop)}; it can only be true", $"{field}/stop");
                return default;
            }
            var intervention = Scenarios.Format.ScenarioJsonReader.ReadIntervention(o, json);
            if (diagnostics.HasErrors || intervention is null)
            {
                problem = FromDiagnostic(diagnostics.Items.First(d => d.IsError), field);
                return default;
            }
            result.Add(intervention);
        }
        return result.ToImmutable();
    }

    /// <summary>An unknown key is a problem, with the closest known key as a hint.</summary>
    private static LeverProblem? Closed(JsonObject o, string[] keys, string prefix)
    {
        foreach (var p in o.Properties)
        {
            if (keys.Contains(p.Name)) continue;
            string? s = NameSuggester.Suggest(p.Name, keys);
            return new LeverProblem($"unknown key '{p.Name}'", prefix + p.Name,
                s is not null ? $"did you mean '{s}'?" : $"the keys are: {string.Join(", ", keys)}");
        }
        return null;
    }

    private static string Describe(JsonNode node) => node is JsonNumber n ? n.Raw : node is JsonBoolean b ? (b.Value ? "true" : "false") : node.KindName;

    internal static LeverProblem FromDiagnostic(Diagnostic d, string field, string prefix = "")
    {
        string where = d.Location is { } l && l.Path == SourceName ? $" (line {l.Line}, column {l.Column})" : "";
        return new LeverProblem(prefix + d.Message + where, field, d.Hint);
    }
}
