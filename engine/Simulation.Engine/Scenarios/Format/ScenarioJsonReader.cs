using System.Collections.Immutable;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>Reads one entry of "scenarios": its overrides ("set") and dated interventions.</summary>
internal static class ScenarioJsonReader
{
    public static ScenarioDefinition? Read(JsonObject s, JsonReading json)
    {
        if (s["name"] is not JsonString name) return null; // reported by the schema
        return new ScenarioDefinition
        {
            Name = name.Value,
            Documentation = JsonReading.String(s["doc"]),
            BasedOn = s["basedOn"] is JsonString b ? json.Name(b) : null,
            Overrides = (s["set"] as JsonObject)?.Properties.Select(p => ReadOverride(p, json)).OfType<InputOverride>().ToImmutableArray()
                        ?? ImmutableArray<InputOverride>.Empty,
            Interventions = json.Objects(s["interventions"]).Select(i => ReadIntervention(i, json)).OfType<InterventionDefinition>().ToImmutableArray(),
            Location = json.At(name),
        };
    }

    private static InputOverride? ReadOverride(JsonProperty p, JsonReading json)
    {
        var location = json.NameAt(p);
        var target = InputReference.Parse(p.Name, location);
        return p.Value switch
        {
            JsonString or JsonNumber => new InputOverride { Target = target, Equation = json.Equation(p.Value), Location = location },
            JsonObject o => new InputOverride
            {
                Target = target,
                Equation = json.Equation(o["equation"]),
                Elements = (o["elements"] as JsonObject)?.Properties.Select(json.Model.ReadElement).ToImmutableArray()
                           ?? ImmutableArray<ElementDefinition>.Empty,
                Graph = o["graph"] is JsonObject g ? json.Model.ReadGraph(g, p.Name) : null,
                Location = location,
            },
            _ => null, // reported by the schema
        };
    }

    internal static InterventionDefinition? ReadIntervention(JsonObject i, JsonReading json)
    {
        if (i["input"] is not JsonString input) return null;
        var location = json.At(input);
        double? at = json.Number(i["at"]), from = json.Number(i["from"]), to = json.Number(i["to"]);
        bool ramp = i["from"] is not null || i["to"] is not null;
        if (i["at"] is not null && ramp)
            json.Invalid($"the intervention on '{input.Value}' has both \"at\" and \"from\"/\"to\"", location,
                "\"at\": T changes the input at T; \"from\": T1, \"to\": T2 ramps it between T1 and T2");
        else if (ramp && (i["from"] is null || i["to"] is null))
            json.Invalid($"the ramp on '{input.Value}' needs both \"from\" and \"to\"", location, "e.g. \"from\": 1, \"to\": 3");
        else if (!ramp && i["at"] is null)
            json.Invalid($"the intervention on '{input.Value}' has no time", location,
                "give \"at\": T (from T on) or \"from\": T1, \"to\": T2 (a ramp)");
        var actions = JsonReading.Present(i, "set", "multiply", "stop");
        if (actions.Count != 1)
        {
            json.Invalid(actions.Count == 0
                    ? $"the intervention on '{input.Value}' does not say what happens"
                    : $"the intervention on '{input.Value}' has {string.Join(" and ", actions.Select(a => $"\"{a.Name}\""))}; give one",
                location, "give one of \"set\": value, \"multiply\": factor or \"stop\": true");
            return null;
        }
        var action = actions[0].Name switch
        {
            "set" => InterventionAction.Set,
            "multiply" => InterventionAction.Multiply,
            _ => InterventionAction.Stop,
        };
        if (action == InterventionAction.Stop && ramp)
            json.Invalid($"\"stop\" happens at one time; the intervention on '{input.Value}' ramps", location,
                "use \"at\": T with \"stop\", or ramp down with \"set\": 0");
        return new InterventionDefinition
        {
            Target = json.Reference(input),
            Action = action,
            Value = action == InterventionAction.Stop ? 0 : json.Number(actions[0].Value) ?? 0,
            Start = (ramp ? from : at) ?? 0,
            End = ramp ? to : null,
            Location = location,
            StartLocation = (ramp ? i["from"] : i["at"]) is { } sn ? json.At(sn) : location,
            EndLocation = i["to"] is { } en ? json.At(en) : location,
        };
    }
}
