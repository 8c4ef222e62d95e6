using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Ops;
using Simulation.Engine.Runtime;

namespace Simulation.Engine.Compilation;

/// <summary>
/// Emission of the builtins whose state the runtime owns: pipeline delays (a ring buffer each) and
/// random draws (a held value per call site). See <see cref="EvaluationPlan"/> for the contract.
/// </summary>
internal sealed partial class ExpressionEmitter
{
    private readonly Dictionary<BDelayFixed, Pipeline> _pipelines = new();
    private readonly Dictionary<int, (int Slot, int Number)> _randomSites = new();

    /// <summary>A pipeline delay's buffer number, the slot its output is read from, and whether its start is emitted.</summary>
    private sealed class Pipeline(int buffer, int output)
    {
        public int Buffer { get; } = buffer;
        public int Output { get; } = output;
        public bool Started { get; set; }
    }

    public int PipelineCount => _pipelines.Count;

    public int RandomSiteCount => _randomSites.Count;

    private readonly List<ulong?> _randomSeeds = new();

    /// <summary>Each random site's own seed (by site number), null where it draws from the run's stream.</summary>
    public ImmutableArray<ulong?> RandomSiteSeeds => _randomSeeds.ToImmutableArray();

    /// <summary>
    /// DELAY: started once at the initial time (buffer filled with the initial value); each step the
    /// Capture section pushes the input and takes out the value n steps old, which Commit makes current.
    /// </summary>
    private int EmitPipeline(BDelayFixed delay, EmitMode mode, List<Instruction> into)
    {
        if (!_pipelines.TryGetValue(delay, out var pipeline))
        {
            pipeline = new Pipeline(_pipelines.Count, code.NewSlot());
            _pipelines[delay] = pipeline;
            int input = code.RentTemp();
            EmitInto(delay.Input, input, EmitMode.Rates, code.Capture);
            int staged = code.NewSlot();
            if (delay.Missing is { } missing)
            {
                int time = code.RentTemp();
                EmitInto(delay.DelayTime, time, EmitMode.Rates, code.Capture);
                int otherwise = code.RentTemp();
                EmitInto(missing, otherwise, EmitMode.Rates, code.Capture);
                code.Capture.Add(new Instruction(Operations.PipelineShiftMaterial, staged, input, time, otherwise, Aux: pipeline.Buffer));
                code.Release(time, otherwise);
            }
            else if (delay.Varying)
            {
                int time = code.RentTemp();
                EmitInto(delay.DelayTime, time, EmitMode.Rates, code.Capture);
                code.Capture.Add(new Instruction(Operations.PipelineShiftVarying, staged, input, time, Aux: pipeline.Buffer));
                code.Release(time);
            }
            else code.Capture.Add(new Instruction(Operations.PipelineShift, staged, input, Aux: pipeline.Buffer));
            code.Release(input);
            code.Commit.Add(new Instruction(Operations.Copy, pipeline.Output, staged));
        }
        if (!pipeline.Started)
        {
            // Normally met first while emitting the Initial section; a DELAY only reachable from rates
            // code (inside PREVIOUS) starts right after it, when every initial value is known.
            var startInto = mode == EmitMode.Initial ? into : code.AfterInitial;
            int time = Emit(delay.DelayTime, EmitMode.Initial, startInto);
            int initial = Emit(delay.Initial, EmitMode.Initial, startInto);
            code.Release(time, initial);
            startInto.Add(new Instruction(Operations.PipelineStart, pipeline.Output, time, initial, Aux: pipeline.Buffer, Imm: (int)(delay.Missing is not null ? PipelineMode.Material : delay.Varying ? PipelineMode.Information : PipelineMode.Fixed)));
            pipeline.Started = true;
        }
        return pipeline.Output;
    }

    /// <summary>A random call site: its draw goes to a slot of its own, which holds it for the rest of the step.</summary>
    private int EmitRandom(BRandom random, EmitMode mode, List<Instruction> into)
    {
        if (!_randomSites.TryGetValue(random.Site, out var site))
        {
            site = (code.NewSlot(), _randomSites.Count);
            _randomSites[random.Site] = site;
            _randomSeeds.Add(random.Seed);
        }
        int start = PoolOperands(random.Arguments, mode, into);
        into.Add(new Instruction(random.Distribution, site.Slot, site.Number, Aux: start, Count: random.Arguments.Length));
        return site.Slot;
    }
}
