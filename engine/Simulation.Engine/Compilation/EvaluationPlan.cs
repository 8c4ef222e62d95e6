using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Model;
using Simulation.Engine.Ops;

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
/// <para><b>Run state outside the slots</b> (owned by the runtime, one per run — per lane in the vector
/// engine; <c>Runtime/RunState.cs</c> is the reference):</para>
/// <list type="bullet">
/// <item><b>Step counter.</b> 0 during Setup/Initial and the first step; incremented after each Commit.</item>
/// <item><b>Pipeline delays</b> (<see cref="PipelineCount"/> ring buffers). <c>PipelineStart</c> (Initial
/// section) sizes buffer Aux to n = max(1, round(s[A]/dt)) steps (capped at StepCount + 1), fills it
/// with s[B] and sets dst = s[B]; <c>PipelineShift</c> (Capture section) writes s[A] at the current
/// place, advances the place, and sets dst to the value found there; Commit copies it to the output.
/// Lanes may have different n (the delay time may be a scenario input). A start with Imm = 1 or 2
/// (<c>PipelineMode</c>) keeps the whole run for DELAY_INFORMATION (<c>PipelineShiftVarying</c>, delay time s[B]
/// each step) or DELAY_MATERIAL (<c>PipelineShiftMaterial</c>, delay time s[B], missing value s[C]). See <c>PipelineBuffer</c>.</item>
/// <item><b>Random stream</b>: <c>RandomStream(seed, run index)</c> (xoshiro256** seeded by SplitMix64).
/// Random instructions (<c>RandomUniform</c>..<c>RandomBeta</c>) carry a site number in A
/// (0..<see cref="RandomSiteCount"/>-1); the runtime keeps per site the step of its last draw. When a
/// random instruction runs and its site has not drawn in the current step, it draws
/// <c>RandomDraws.Draw(op, stream, pool parameters)</c> into dst; otherwise it does nothing (dst holds
/// the step's draw through the Runge-Kutta stages). Instructions run in plan order, so a run's draws
/// come in a fixed order whatever the batch size or thread count. A site with a seed of its own
/// (<see cref="RandomSiteSeeds"/>) draws instead from <c>RandomStream(its seed, SeededStreamIndex)</c>,
/// one stream per distinct seed, shared by the sites that give it, the same in every run.</item>
/// </list>
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

    /// <summary>Pipeline DELAYs: the runtime keeps one ring buffer per run for each (buffer ids 0..PipelineCount-1).</summary>
    public int PipelineCount { get; init; }

    /// <summary>Random call sites: random draw instructions number their site 0..RandomSiteCount-1 in their A field.</summary>
    public int RandomSiteCount { get; init; }

    /// <summary>Per random site (by number), its call's own seed; null, or an empty list, for the run's stream.</summary>
    public ImmutableArray<ulong?> RandomSiteSeeds { get; init; } = [];

    public required BoundModel Model { get; init; }

    public double Dt => Time.Dt;

    /// <summary>The run's steps (<see cref="TimeSettings.Clock"/>).</summary>
    public StepClock Clock => _clock ??= Time.Clock;

    private StepClock? _clock;

    /// <summary>Number of whole steps from start to stop.</summary>
    public int StepCount => Clock.StepCount;

    /// <summary>Steps between saved values.</summary>
    public int SaveEvery => Clock.SaveEvery;
}
