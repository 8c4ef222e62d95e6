using System.Collections.Immutable;
using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Resolution;

namespace Simulation.Engine.Levers;

/// <summary>
/// A request checked against the experiment: the scenario it starts from with the request's interventions appended
/// (resolved and timed as an experiment's), each input value's elements, the lever elements that are computed from
/// other inputs (they make a variant), the futures to run, and the warnings (values outside their plausible range).
/// <see cref="VariantKey"/> names the compiled plan it needs: requests that differ only in input values share one.
/// </summary>
internal sealed record PreparedRequest(
    LeverRequest Request,
    ResolvedScenario Scenario,
    ImmutableArray<(ResolvedInput Target, double Value)> Settings,
    ImmutableArray<(string Variable, int Position)> Computed,
    int Futures,
    ImmutableArray<LeverProblem> Warnings,
    string VariantKey)
{
    public bool HasInterventions => Request.Interventions.Length > 0;

    public static PreparedRequest? Prepare(LeverRequest request, ResolvedExperiment experiment, LeverCatalogue catalogue, int maxFutures,
        LeverOptions options, Func<string, int, bool> isComputed, out LeverProblem? problem)
    {
        problem = null;
        var warnings = ImmutableArray.CreateBuilder<LeverProblem>();
        int index = experiment.Baseline;
        if (request.Scenario is { } name)
        {
            index = experiment.Scenarios.IndexOf(experiment.Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))!);
            if (index < 0)
            {
                var names = experiment.Scenarios.Select(s => s.Name).ToList();
                string? s = NameSuggester.Suggest(name, names);
                problem = new LeverProblem($"the experiment has no scenario '{name}'", "scenario",
                    s is not null ? $"did you mean '{s}'?" : $"the scenarios are: {string.Join(", ", names)}");
                return null;
            }
        }
        var scenario = experiment.Scenarios[index];

        if (request.Interventions.Length > options.MaxInterventions)
        {
            problem = new LeverProblem($"the request has {request.Interventions.Length} interventions; at most {options.MaxInterventions} are allowed",
                "interventions");
            return null;
        }
        var added = ImmutableArray.CreateBuilder<ResolvedIntervention>();
        for (int k = 0; k < request.Interventions.Length; k++)
        {
            var diagnostics = new DiagnosticBag();
            var resolved = ScenarioResolver.ResolveIntervention(request.Interventions[k], experiment.Model.Time, new InputResolver(experiment.Bound, diagnostics),
                diagnostics);
            if (resolved is null)
            {
                problem = LeverRequestReader.FromDiagnostic(diagnostics.Items.First(d => d.IsError), $"interventions/{k}");
                return null;
            }
            added.Add(resolved);
        }
        if (added.Count > 0)
            scenario = scenario with { Interventions = scenario.Interventions.AddRange(added).OrderBy(i => i.Definition.Start).ToImmutableArray() };

        var settings = ImmutableArray.CreateBuilder<(ResolvedInput, double)>();
        var computed = new SortedSet<(string, int)>();
        foreach (var setting in request.Inputs)
        {
            string field = $"inputs/{setting.Name}";
            if (catalogue.Resolve(setting.Name, field, out problem) is not { } target) return null;
            settings.Add((target, setting.Value));
            var input = catalogue.Find(target.VariableName)!;
            foreach (int p in target.Positions)
            {
                if (isComputed(target.VariableName, p)) computed.Add((target.VariableName, p));
                if (input.Ranges[p] is var (low, high) && (setting.Value < low || setting.Value > high))
                {
                    string element = input.IsArrayed ? $"{input.Name}[{input.Elements[p]}]" : input.Name;
                    warnings.Add(new LeverProblem($"{Number(setting.Value)} is outside the plausible range of '{element}' ({Number(low)} to {Number(high)}); it is used as given",
                        field));
                    break;
                }
            }
        }

        int futures = request.Futures;
        if (futures > 0 && maxFutures == 0)
        {
            warnings.Add(new LeverProblem("the experiment samples no uncertainty, so there are no futures to run; only the point run is shown", "futures"));
            futures = 0;
        }
        else if (futures > maxFutures)
        {
            problem = new LeverProblem($"{futures} futures asked for; at most {maxFutures} can be run here", "futures",
                maxFutures < options.MaxFutures ? $"the experiment samples {maxFutures} futures" : "run a sweep (sim sweep) for more");
            return null;
        }

        string key = string.Join("|", [index.ToString(CultureInfo.InvariantCulture),
            .. added.Select(i => $"{i.Target.VariableName}{string.Join(",", i.Target.Positions)}:{i.Definition.Action}:{Number(i.Definition.Value)}:{Number(i.Definition.Start)}:{(i.Definition.End is double e ? Number(e) : "")}"),
            "computed", .. computed.Select(c => $"{c.Item1}[{c.Item2}]")]);
        return new PreparedRequest(request, scenario, settings.ToImmutable(), computed.ToImmutableArray(), futures, warnings.ToImmutable(), key);
    }

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
