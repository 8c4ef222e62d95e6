using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Building;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Scenarios.Plausibility;
using Simulation.Engine.Scenarios.Resolution;

namespace Simulation.Engine.Scenarios;

/// <summary>
/// The experiment pipeline: read the model, apply the time overrides, bind and check it, resolve the
/// experiment against it (scenarios, uncertainty, outcomes), then build, bind, check and compile one model
/// per scenario. Every problem is reported in one pass; nothing is returned when any is an error.
/// </summary>
public static class ExperimentCompiler
{
    public static CompiledExperiment? CompileFile(string path, DiagnosticBag diagnostics, SweepOverrides? overrides = null)
    {
        StageTrace.Mark("command line read");
        var experiment = ExperimentJsonReader.ReadFile(path, diagnostics);
        if (experiment is not null && overrides is { IsEmpty: false })
        {
            experiment = overrides.Apply(experiment, diagnostics);
            // The subset in the file's order and spelling: "b,a" and "A,B" are one sweep, with one fingerprint.
            if (experiment is not null && !overrides.Scenarios.IsDefaultOrEmpty) overrides = overrides with { Scenarios = experiment.Scenarios.Select(s => s.Name).ToImmutableArray() };
        }
        return experiment is null ? null : Compile(experiment, diagnostics, overrides);
    }

    public static CompiledExperiment? Compile(ExperimentDocument experiment, DiagnosticBag diagnostics, SweepOverrides? overrides = null)
    {
        var resolved = Resolve(experiment, diagnostics);
        if (resolved is null) return null;
        var compiled = new List<CompiledScenario>();
        var reported = new HashSet<(string, SourceLocation?, string)>(diagnostics.Items.Select(d => (d.Code, d.Location, d.Message)));
        void Report(DiagnosticBag own, HiddenNames names, string? scenario)
        {
            foreach (var d in own.Items.Where(d => !(d.Severity == Severity.Warning && names.IsGenerated(d.Variable))))
                if (reported.Add((d.Code, d.Location, d.Message)))
                    diagnostics.Add(scenario is null ? d : d with { Message = $"{d.Message} (in {scenario})" });
        }
        // Scenarios that only intervene share one model, one plan and one step code; a scenario that overrides a definition has its own.
        var shared = resolved.Scenarios.Where(s => s.Overrides.IsEmpty).ToList();
        if (shared.Count >= 2 && !DrawsRandomNumbers(resolved.Bound))
        {
            var own = new DiagnosticBag();
            var names = resolved.Names.Fork();
            compiled.AddRange(CompileShared(resolved, shared, names, own));
            Report(own, names, shared.Any(s => s.Index == resolved.Baseline) ? null : $"scenarios {string.Join(", ", shared.Select(s => $"'{s.Name}'"))}");
        }
        else shared.Clear();
        foreach (var scenario in resolved.Scenarios.Except(shared))
        {
            var own = new DiagnosticBag();
            var scenarioNames = resolved.Names.Fork();
            var result = CompileScenario(resolved, scenario, scenarioNames, own);
            Report(own, scenarioNames, scenario.Index == resolved.Baseline || resolved.Scenarios.Length == 1 ? null : $"scenario '{scenario.Name}'");
            if (result is not null) compiled.Add(result);
        }
        if (diagnostics.HasErrors) return null;
        StageTrace.Mark("scenario models bound and checked");
        return new CompiledExperiment
        {
            Document = experiment,
            Model = resolved.Model,
            Clock = resolved.Clock,
            Scenarios = compiled.OrderBy(s => s.Index).ToImmutableArray(),
            Baseline = resolved.Baseline,
            Uncertainty = resolved.Uncertainty,
            Measurement = resolved.Measurement,
            Plausibility = resolved.Plausibility,
            Decisions = resolved.Decisions,
            Overrides = overrides ?? SweepOverrides.None,
        };
    }

    /// <summary>
    /// The experiment resolved against its model (read, time overrides applied, bound and checked): scenarios,
    /// uncertainty and outcomes, with every problem reported; null when any is an error. Nothing is compiled yet.
    /// </summary>
    public static ResolvedExperiment? Resolve(ExperimentDocument experiment, DiagnosticBag diagnostics)
    {
        if (!File.Exists(experiment.ModelPath))
        {
            diagnostics.Error(DiagnosticCodes.ModelFileMissing, $"the model file '{experiment.ModelPath}' does not exist", experiment.Model.Location,
                hint: "the path is relative to the experiment file's folder");
            return null;
        }
        var model = ModelPipeline.Read(experiment.ModelPath, diagnostics); // our JSON, XMILE or Vensim .mdl: one document either way
        if (model is null) return null;
        StageTrace.Mark("experiment and model read");
        model = model with { Time = experiment.Time?.Apply(model.Time) ?? model.Time };
        var (bound, analysis) = ModelPipeline.Check(model, diagnostics);
        if (analysis is null || diagnostics.HasErrors) return null;
        StageTrace.Mark("model bound and checked");

        var clock = model.Time.Clock;
        var inputs = new InputResolver(bound, diagnostics);
        var (scenarios, baseline) = ScenarioResolver.Resolve(experiment, model.Time, inputs, diagnostics);
        var uncertainty = UncertaintyResolver.Resolve(experiment, bound, inputs, ModelValues(bound, analysis), diagnostics);
        var names = new HiddenNames(bound.Variables.Select(v => v.Name));
        var measurement = OutcomeResolver.Resolve(experiment, bound, clock, names, inputs, diagnostics);
        var plausibility = PlausibilityTarget.Resolve(experiment.Plausibility, measurement.Columns, diagnostics);
        var decisions = diagnostics.HasErrors ? null : Summary.DecisionResolver.Resolve(experiment, measurement.Columns, diagnostics);
        CheckSampledAndSet(scenarios, uncertainty, diagnostics);
        CheckSize(scenarios.Length, uncertainty, experiment, diagnostics);
        if (diagnostics.HasErrors) return null;
        StageTrace.Mark("experiment resolved");
        return new ResolvedExperiment(experiment, model, bound, analysis, clock, scenarios, baseline, uncertainty, measurement, plausibility, decisions!, names);
    }

    /// <summary>
    /// Builds, binds, checks and compiles one scenario's model. <paramref name="moreParameters"/> (if given) names
    /// further elements that runs supply, chosen from the scenario's own bound model and analysis; they follow the
    /// sampled columns' parameters, whose order and meaning they leave unchanged.
    /// </summary>
    public static CompiledScenario? CompileScenario(ResolvedExperiment experiment, ResolvedScenario scenario, HiddenNames names, DiagnosticBag diagnostics,
        Func<ScenarioModel, BoundModel, ModelAnalysis, IEnumerable<int>>? moreParameters = null)
    {
        var built = ScenarioModelBuilder.Build(experiment.Model, experiment.Bound, scenario, experiment.Uncertainty, experiment.Measurement, names, diagnostics);
        return CompileModel(experiment, built, [scenario], diagnostics, moreParameters).SingleOrDefault();
    }

    /// <summary>
    /// Builds, binds, checks and compiles one model for several scenarios that only intervene
    /// (<see cref="ScenarioModelBuilder.BuildShared"/>): they share one plan, each run telling its scenario by the variant
    /// parameter, and each run gives the bits its scenario's own plan gives (<see cref="PlanVariants"/>). Empty after errors.
    /// </summary>
    public static IReadOnlyList<CompiledScenario> CompileShared(ResolvedExperiment experiment, IReadOnlyList<ResolvedScenario> scenarios, HiddenNames names, DiagnosticBag diagnostics)
    {
        var built = ScenarioModelBuilder.BuildShared(experiment.Model, experiment.Bound, scenarios, experiment.Uncertainty, experiment.Measurement, names, diagnostics);
        return CompileModel(experiment, built, scenarios, diagnostics, moreParameters: null);
    }

    private static IReadOnlyList<CompiledScenario> CompileModel(ResolvedExperiment experiment, ScenarioModel built, IReadOnlyList<ResolvedScenario> scenarios,
        DiagnosticBag diagnostics, Func<ScenarioModel, BoundModel, ModelAnalysis, IEnumerable<int>>? moreParameters)
    {
        var bound = Binder.Bind(built.Document, diagnostics, experiment.Bound.ParsedEquations);
        var analysis = Checker.Check(bound, diagnostics);
        if (analysis is null || diagnostics.HasErrors) return [];
        int ElementOf(string variable, int position) => bound.FindVariable(variable)!.Elements[position];
        var parameters = built.ParameterTargets.Select(t => ElementOf(t.Variable, t.Position)).ToList();
        if (moreParameters is not null)
        {
            var taken = parameters.ToHashSet();
            parameters.AddRange(moreParameters(built, bound, analysis).Where(taken.Add));
        }
        PlanVariants? variants = null;
        if (built.Variant is { } variant)
        {
            variants = new PlanVariants(ElementOf(variant, 0), scenarios.Select(s => (double)s.Index).ToImmutableArray());
            parameters.Add(variants.Element);
        }
        var plan = new Lazy<EvaluationPlan>(() =>
        {
            var compiled = PlanCompiler.Compile(bound, analysis, parameters, variants);
            StageTrace.Mark($"plan compiled ({(scenarios.Count == 1 ? $"scenario '{scenarios[0].Name}'" : $"{scenarios.Count} scenarios")})");
            return compiled;
        });
        var recorded = experiment.Measurement.Layout.Outputs.Select(o => ElementOf(o.Variable, o.Position)).ToImmutableArray();
        return scenarios.Select(scenario => new CompiledScenario
        {
            Scenario = scenario,
            Model = bound,
            Compiled = plan,
            ParameterColumns = built.ParameterColumns,
            ParameterMaps = built.ParameterMaps,
            Variant = variants is null ? null : (parameters.Count - 1, scenario.Index),
            RecordElements = recorded,
        }).ToList();
    }

    /// <summary>
    /// True when the model draws random numbers. Each call site has its own stream, numbered in the order the plan first
    /// computes it, and a shared model's layers could change that order: such a model keeps a plan per scenario.
    /// </summary>
    private static bool DrawsRandomNumbers(BoundModel model) =>
        model.Elements.Any(e => e.Equation is { } equation && BoundTree.Any(equation, node => node is BRandom));

    /// <summary>An element's value in the model, when it is a constant (what a distribution placed by its median takes by default).</summary>
    internal static Func<int, double?> ModelValues(BoundModel bound, ModelAnalysis analysis)
    {
        var constants = new ConstantEvaluator(bound, analysis.TimeInvariant);
        return element => bound.Elements[element].Equation is { } equation ? constants.Evaluate(equation) : null;
    }

    /// <summary>A scenario's override of an element that a sample also sets would be silently lost: an error.</summary>
    private static void CheckSampledAndSet(ImmutableArray<ResolvedScenario> scenarios, UncertaintyPlan uncertainty, DiagnosticBag diagnostics)
    {
        var reported = new HashSet<InputOverride>();
        foreach (var scenario in scenarios)
        foreach (var o in scenario.Overrides)
        foreach (var column in uncertainty.Columns.Where(c => c.Apply == ApplyMode.Set))
        {
            if (!string.Equals(o.Target.VariableName, column.Target.VariableName, StringComparison.OrdinalIgnoreCase)) continue;
            if (!o.Target.Positions.Intersect(column.Target.Positions).Any() || !reported.Add(o.Definition)) continue;
            diagnostics.Error(DiagnosticCodes.SampledAndSet,
                $"scenario '{scenario.Name}' sets '{o.Target.Label}', which the uncertainty also samples ('{column.Target.Label}'): the sample would replace the scenario's value",
                o.Definition.Location, hint: "sample it with \"apply\": \"multiply\" to scale the scenario's value, or change it with an intervention");
        }
    }

    private static void CheckSize(int scenarios, UncertaintyPlan uncertainty, ExperimentDocument experiment, DiagnosticBag diagnostics)
    {
        long runs = scenarios * uncertainty.Futures;
        if (uncertainty.Futures > int.MaxValue || runs > int.MaxValue)
            diagnostics.Error(DiagnosticCodes.DesignTooLarge, $"the sweep would have {runs:N0} runs; at most {int.MaxValue:N0} are possible",
                experiment.Uncertainty?.Location ?? experiment.Location, hint: "use fewer samples, replications or scenarios");
    }
}
