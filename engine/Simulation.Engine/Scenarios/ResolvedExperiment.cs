using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Building;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Outcomes;
using Simulation.Engine.Scenarios.Plausibility;
using Simulation.Engine.Scenarios.Resolution;

namespace Simulation.Engine.Scenarios;

/// <summary>
/// An experiment checked against its model, before any scenario is compiled: the model (with the experiment's
/// time settings), its bound form, the resolved scenarios, the design and the measurement plan. Each scenario's
/// model is built from these (<see cref="ExperimentCompiler.CompileScenario"/>), by a sweep or by anything that
/// compiles scenarios of its own (the levers app compiles the experiment's scenarios with extra interventions).
/// </summary>
public sealed record ResolvedExperiment(
    ExperimentDocument Document,
    ModelDocument Model,
    BoundModel Bound,
    ModelAnalysis Analysis,
    StepClock Clock,
    ImmutableArray<ResolvedScenario> Scenarios,
    int Baseline,
    UncertaintyPlan Uncertainty,
    MeasurementPlan Measurement,
    ImmutableArray<PlausibilityTarget> Plausibility,
    Summary.DecisionPlan Decisions,
    HiddenNames Names);
