using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Model;

namespace Simulation.Engine.Compilation;

/// <summary>
/// A model compiled for running: flat instruction lists over numbered slots, in sections that the
/// integrator runs at set moments. Any back end (scalar reference, vector over runs) runs the same
/// plan, so they compute the same numbers.
/// <code>
/// slot 0                    TIME
/// [StockBase, +StockCount)  stock values (the state)
/// [RateBase, +StockCount)   each stock's net rate: inflows - outflows
/// then                      auxiliaries, flows, saved values, constants, temporaries
/// </code>
/// </summary>
public sealed class EvaluationPlan
{
    public const int TimeSlot = 0;

    public required int SlotCount { get; init; }
    public required int StockBase { get; init; }
    public required int StockCount { get; init; }
    public required int RateBase { get; init; }

    /// <summary>Once per run, before anything else: constants, parameters, everything time-invariant.</summary>
    public required ImmutableArray<Instruction> Setup { get; init; }

    /// <summary>At the initial time: the remaining elements and the stocks' initial values, in initial-dependency order.</summary>
    public required ImmutableArray<Instruction> Initial { get; init; }

    /// <summary>Every evaluation: auxiliaries and flows that change, in dependency order, then the net rates.</summary>
    public required ImmutableArray<Instruction> Rates { get; init; }

    /// <summary>After the first rates evaluation of a step: record what PREVIOUS will need.</summary>
    public required ImmutableArray<Instruction> Capture { get; init; }

    /// <summary>At the end of a step: make the captured values current.</summary>
    public required ImmutableArray<Instruction> Commit { get; init; }

    /// <summary>Operand slots of n-ary instructions.</summary>
    public required ImmutableArray<int> ArgumentPool { get; init; }

    public required ImmutableArray<LookupTable> Tables { get; init; }

    /// <summary>Stocks (offsets from <see cref="StockBase"/>) kept at or above zero.</summary>
    public required ImmutableArray<int> NonNegativeStocks { get; init; }

    /// <summary>Element id -> slot holding its value.</summary>
    public required ImmutableArray<int> ElementSlots { get; init; }

    /// <summary>The inputs that runs supply, in parameter order (element ids).</summary>
    public required ImmutableArray<int> Parameters { get; init; }

    /// <summary>Default value of each parameter (the model's own equation, evaluated once).</summary>
    public required ImmutableArray<double> ParameterDefaults { get; init; }

    public required TimeSettings Time { get; init; }

    public required BoundModel Model { get; init; }

    public double Dt => Time.Dt;

    /// <summary>Number of whole steps from start to stop.</summary>
    public int StepCount => (int)Math.Round((Time.Stop - Time.Start) / Time.Dt);

    /// <summary>Steps between saved values.</summary>
    public int SaveEvery => Math.Max(1, (int)Math.Round(Time.EffectiveSavePeriod / Time.Dt));
}
