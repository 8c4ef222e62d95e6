using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Scenarios.Resolution;

/// <summary>
/// Resolves the scenarios of an experiment: unique names, the baseline, "basedOn" chains (unknown names
/// and loops are errors), override and intervention targets, and intervention times within the run.
/// An experiment without scenarios has one: the model as it is, called "baseline".
/// </summary>
public static class ScenarioResolver
{
    public const string ImplicitBaseline = "baseline";

    public static (ImmutableArray<ResolvedScenario> Scenarios, int Baseline) Resolve(ExperimentDocument experiment, TimeSettings time,
        InputResolver inputs, DiagnosticBag diagnostics)
    {
        var definitions = experiment.Scenarios.IsEmpty
            ? [new ScenarioDefinition { Name = ImplicitBaseline, Location = experiment.Location }]
            : experiment.Scenarios;
        var byName = new Dictionary<string, ScenarioDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in definitions)
            if (!byName.TryAdd(s.Name, s))
                diagnostics.Error(DiagnosticCodes.DuplicateExperimentName, $"two scenarios are called '{s.Name}'", s.Location,
                    hint: $"the first is at {byName[s.Name].Location}; names ignore case");

        int baseline = 0;
        if (experiment.Baseline is { } b)
        {
            baseline = definitions.Select(s => s.Name).ToList().FindIndex(n => string.Equals(n, b.Name, StringComparison.OrdinalIgnoreCase));
            if (baseline < 0)
            {
                Unknown(b, "baseline", byName.Keys, diagnostics);
                baseline = 0;
            }
        }

        var interventionsOf = new Dictionary<InterventionDefinition, ResolvedIntervention?>();
        var overridesOf = new Dictionary<InputOverride, ResolvedOverride?>();
        var result = ImmutableArray.CreateBuilder<ResolvedScenario>();
        var loops = new HashSet<string>();
        for (int i = 0; i < definitions.Length; i++)
        {
            var chain = Chain(definitions[i], byName, loops, diagnostics);
            var overrides = chain.SelectMany(s => s.Overrides)
                .Select(d => overridesOf.TryGetValue(d, out var r) ? r : overridesOf[d] = inputs.Resolve(d.Target, InputUse.Override) is { } t ? new ResolvedOverride(d, t) : null)
                .OfType<ResolvedOverride>()
                .ToImmutableArray();
            var interventions = chain.SelectMany(s => s.Interventions)
                .Select(d => interventionsOf.TryGetValue(d, out var r) ? r : interventionsOf[d] = ResolveIntervention(d, time, inputs, diagnostics))
                .OfType<ResolvedIntervention>()
                .OrderBy(r => r.Definition.Start) // stable: equal times keep the order written
                .ToImmutableArray();
            result.Add(new ResolvedScenario(definitions[i].Name, i, definitions[i].Documentation, overrides, interventions));
        }
        return (result.ToImmutable(), baseline);
    }

    /// <summary>The scenario's ancestors, oldest first, then the scenario; a loop or unknown name is reported and cuts the chain.</summary>
    private static List<ScenarioDefinition> Chain(ScenarioDefinition scenario, Dictionary<string, ScenarioDefinition> byName, HashSet<string> loops,
        DiagnosticBag diagnostics)
    {
        var chain = new List<ScenarioDefinition> { scenario };
        var current = scenario;
        while (current.BasedOn is { } parentName)
        {
            if (!byName.TryGetValue(parentName.Name, out var parent))
            {
                if (current == scenario) Unknown(parentName, "basedOn", byName.Keys, diagnostics);
                break;
            }
            if (chain.Contains(parent))
            {
                string members = string.Join("|", chain.Select(s => s.Name.ToLowerInvariant()).Order());
                if (parent == scenario && loops.Add(members)) // one report per loop, at its first scenario
                    diagnostics.Error(DiagnosticCodes.BasedOnCycle,
                        $"scenarios are based on each other in a loop: {string.Join(" -> ", Enumerable.Reverse(chain).Select(s => s.Name))} -> {parent.Name}",
                        scenario.BasedOn!.Location, hint: "one scenario in the loop must start from the model itself");
                break;
            }
            chain.Insert(0, parent);
            current = parent;
        }
        return chain;
    }

    private static void Unknown(NameReference name, string key, IEnumerable<string> scenarios, DiagnosticBag diagnostics)
    {
        string? suggestion = NameSuggester.Suggest(name.Name, scenarios);
        diagnostics.Error(DiagnosticCodes.UnknownScenario, $"\"{key}\" names the scenario '{name.Name}', which does not exist", name.Location,
            hint: suggestion is not null ? $"did you mean '{suggestion}'?" : $"the scenarios are: {string.Join(", ", scenarios)}");
    }

    internal static ResolvedIntervention? ResolveIntervention(InterventionDefinition d, TimeSettings time, InputResolver inputs, DiagnosticBag diagnostics)
    {
        var target = inputs.Resolve(d.Target, InputUse.Value);
        bool ok = InRun(d.Start, d.StartLocation, d, time, diagnostics);
        if (d.End is double end)
        {
            ok &= InRun(end, d.EndLocation, d, time, diagnostics);
            if (ok && !(end > d.Start))
            {
                diagnostics.Error(DiagnosticCodes.InterventionTime, $"the ramp on '{d.Target}' ends at {end}, which is not after its start at {d.Start}",
                    d.EndLocation, hint: "\"to\" must be later than \"from\"");
                ok = false;
            }
        }
        return target is not null && ok ? new ResolvedIntervention(d, target) : null;
    }

    private static bool InRun(double t, Diagnostics.SourceLocation? location, InterventionDefinition d, TimeSettings time, DiagnosticBag diagnostics)
    {
        if (t >= time.Start && t <= time.Stop) return true;
        diagnostics.Error(DiagnosticCodes.InterventionTime,
            $"the intervention on '{d.Target}' is at time {t}, outside the run ({time.Start} to {time.Stop})", location,
            hint: "interventions take effect within the run; change the time, or the run's \"time\" settings");
        return false;
    }
}
