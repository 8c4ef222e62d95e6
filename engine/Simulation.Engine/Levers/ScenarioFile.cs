using Newtonsoft.Json.Linq;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Resolution;

namespace Simulation.Engine.Levers;

/// <summary>
/// "Save as scenario": the experiment as written, with the request added as one more scenario, as a file that
/// <c>sim sweep</c> runs as it is from anywhere (the model, schema and design table paths made absolute). The new
/// scenario is flattened (no <c>basedOn</c>): it repeats its scenario's chain of <c>set</c> and interventions, so that
/// its moved inputs can come first. A moved input is written as a <c>set</c>, except where the experiment samples it:
/// a sweep forbids setting a sampled input (SD5015), so it is an intervention at the start time instead, which
/// replaces the sample for the whole run, as the app does, and lies below the scenario's own interventions.
/// </summary>
internal static class ScenarioFile
{
    public static string Write(LeverSource source, ResolvedExperiment experiment, PreparedRequest prepared)
    {
        var root = JObject.Parse(source.Text);
        string folder = Path.GetDirectoryName(Path.GetFullPath(experiment.Document.Source.Path)) ?? "";
        root["model"] = Path.GetFullPath(experiment.Document.ModelPath);
        if (root["$schema"] is JValue { Value: string schema } && !schema.Contains("://", StringComparison.Ordinal))
            root["$schema"] = Path.GetFullPath(Path.Combine(folder, schema));
        if (root["uncertainty"] is JObject { } u && u["table"] is JValue { Value: string table })
            u["table"] = Path.GetFullPath(Path.Combine(folder, table));
        if (root["scenarios"] is not JArray { Count: > 0 } scenarios)
            root["scenarios"] = scenarios = new JArray(new JObject { ["name"] = ScenarioResolver.ImplicitBaseline, ["doc"] = "The model as it is." });

        // Sets apply in order, the last of an element winning: the chain's, then the moved inputs'. Interventions apply in
        // time order (written order among equal times): moved sampled inputs first, then the chain's, then the request's.
        var set = new JObject();
        var interventions = new JArray();
        var chain = Chain(scenarios, prepared.Scenario.Name);
        foreach (var s in chain)
            if (s["set"] is JObject own)
                foreach (var p in own.Properties()) Put(set, p.Name, p.Value.DeepClone());
        foreach (var (target, value) in prepared.Settings) AddSetting(experiment, target, value, set, interventions);
        foreach (var s in chain)
            if (s["interventions"] is JArray theirs)
                foreach (var i in theirs) interventions.Add(i.DeepClone());
        foreach (var d in prepared.Request.Interventions) interventions.Add(InterventionWriter.Write(d));

        var scenario = new JObject
        {
            ["name"] = UniqueName(scenarios, prepared.Request.Name ?? "saved levers"),
            ["doc"] = Doc(prepared),
        };
        if (set.Count > 0) scenario["set"] = set;
        if (interventions.Count > 0) scenario["interventions"] = interventions;
        scenarios.Add(scenario);
        return root.ToString(Newtonsoft.Json.Formatting.Indented) + "\n";
    }

    /// <summary>The scenario objects from the oldest ancestor to <paramref name="name"/> (none for the implicit baseline).</summary>
    private static List<JObject> Chain(JArray scenarios, string name)
    {
        var chain = new List<JObject>();
        string? next = name;
        while (next is not null && chain.Count <= scenarios.Count)
        {
            var s = scenarios.OfType<JObject>().FirstOrDefault(o => string.Equals((string?)o["name"], next, StringComparison.OrdinalIgnoreCase));
            if (s is null) break;
            chain.Insert(0, s);
            next = (string?)s["basedOn"];
        }
        return chain;
    }

    private static void AddSetting(ResolvedExperiment experiment, ResolvedInput target, double value, JObject set, JArray interventions)
    {
        bool Sampled(int p) => experiment.Uncertainty.Columns.Any(c => c.Apply == ApplyMode.Set && c.Target.VariableName == target.VariableName && c.Target.Positions.Contains(p));
        var sampled = target.Positions.Where(Sampled).ToList();
        void AtStart(string input) => interventions.Add(new JObject { ["input"] = input, ["at"] = experiment.Model.Time.Start, ["set"] = value });
        if (sampled.Count == 0) Put(set, target.Label, value);
        else if (sampled.Count == target.Positions.Length) AtStart(target.Label);
        else
        {
            var variable = experiment.Bound.FindVariable(target.VariableName)!;
            foreach (int p in target.Positions)
            {
                string element = $"{variable.Name}[{Scenarios.Outcomes.OutcomeResolver.ElementLabel(variable.Dimensions, p)}]";
                if (sampled.Contains(p)) AtStart(element);
                else Put(set, element, value);
            }
        }
    }

    /// <summary>A later definition of the same key wins, so it goes last (where it would have been applied).</summary>
    private static void Put(JObject set, string key, JToken value)
    {
        set.Remove(key);
        set[key] = value;
    }

    private static string UniqueName(JArray scenarios, string wanted)
    {
        var taken = scenarios.OfType<JObject>().Select(s => (string?)s["name"]).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        string name = wanted;
        for (int k = 2; taken.Contains(name); k++) name = $"{wanted} ({k})";
        return name;
    }

    private static string Doc(PreparedRequest prepared)
    {
        var moved = prepared.Settings.Select(s => $"{s.Target.Label} = {s.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}").ToList();
        string levers = moved.Count == 0 ? "no inputs moved" : string.Join("; ", moved);
        int added = prepared.Request.Interventions.Length;
        return $"Saved from sim serve: scenario '{prepared.Scenario.Name}' with {levers}{(added > 0 ? $", and {added} added intervention{(added == 1 ? "" : "s")}" : "")}.";
    }
}
