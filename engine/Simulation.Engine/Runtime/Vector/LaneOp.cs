using System.Reflection;
using System.Runtime.Intrinsics;
using Simulation.Engine.Binding;
using Simulation.Engine.Compilation;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>How the vector engine executes an opcode: which operands it reads and which <see cref="LaneMath"/> method computes it.</summary>
internal enum LaneOpKind
{
    /// <summary>dst = Imm.</summary>
    Const,

    /// <summary>dst = A.</summary>
    Copy,

    /// <summary>dst = this lane's parameter number Aux.</summary>
    Param,

    /// <summary>dst = Method(A[, B[, C]]), <see cref="LaneOp.Arity"/> operands.</summary>
    Pure,

    /// <summary>dst = Method(A, B, time, dt).</summary>
    Step,

    /// <summary>dst = Method(A, B, C, time, dt).</summary>
    Pulse,

    /// <summary>dst = Method(A, B, C, time).</summary>
    Ramp,

    /// <summary>dst = Method(pool[Aux..+4], time, dt).</summary>
    PulseTrain,

    /// <summary>dst = Method(A, table Aux).</summary>
    Lookup,

    /// <summary>A fold over the Count pool slots at Aux (SUM, PROD, MEAN, MIN, MAX, STDDEV), left to right.</summary>
    Reduce,

    /// <summary>dst = pool item floor(A) - 1, or 0.</summary>
    Choose,

    /// <summary>Reads or changes a run's own state (pipeline buffers, random stream): done lane by lane through <see cref="LaneState"/>.</summary>
    Stateful,
}

/// <summary>One opcode as the vector engine sees it.</summary>
internal sealed record LaneOp(OpCode Op, LaneOpKind Kind, int Arity, MethodInfo? Method)
{
    private static readonly LaneOp?[] Table = BuildTable();

    /// <summary>The method as a delegate, for the interpreter: Func of 1-3 vectors, or the time/lookup shapes of <see cref="LaneMath"/>.</summary>
    public Delegate? Function { get; } = Method is null ? null : Kind switch
    {
        LaneOpKind.Pure when Arity == 1 => Method.CreateDelegate<Func<V, V>>(),
        LaneOpKind.Pure when Arity == 2 => Method.CreateDelegate<Func<V, V, V>>(),
        LaneOpKind.Pure => Method.CreateDelegate<Func<V, V, V, V>>(),
        LaneOpKind.Step => Method.CreateDelegate<Func<V, V, double, double, V>>(),
        LaneOpKind.Pulse => Method.CreateDelegate<Func<V, V, V, double, double, V>>(),
        LaneOpKind.Ramp => Method.CreateDelegate<Func<V, V, V, double, V>>(),
        LaneOpKind.PulseTrain => Method.CreateDelegate<Func<V, V, V, V, double, double, V>>(),
        LaneOpKind.Lookup => Method.CreateDelegate<Func<V, LookupTable, V>>(),
        _ => null,
    };

    /// <summary>For reductions: the fold's starting value and step (acc = step(acc, item)); MEAN divides by the count after; STDDEV is its own.</summary>
    public (double Start, LaneOp Step) Fold => Op switch
    {
        OpCode.Sum or OpCode.Mean => (0.0, Get(OpCode.Add)),
        OpCode.Product => (1.0, Get(OpCode.Mul)),
        OpCode.MinOf => (double.PositiveInfinity, Get(OpCode.Min)),
        OpCode.MaxOf => (double.NegativeInfinity, Get(OpCode.Max)),
        _ => throw new InvalidOperationException($"{Op} is not a simple fold"),
    };

    /// <summary>The vector engine's view of <paramref name="op"/>; throws for an opcode it does not know.</summary>
    public static LaneOp Get(OpCode op) =>
        (int)op < Table.Length && Table[(int)op] is { } lane ? lane : Of(op);

    private static LaneOp?[] BuildTable()
    {
        var values = Enum.GetValues<OpCode>();
        var table = new LaneOp?[values.Max(v => (int)v) + 1];
        foreach (var op in values)
        {
            try
            {
                table[(int)op] = Of(op);
            }
            catch (NotSupportedException)
            {
                // left empty: Get throws the same exception when a plan uses it
            }
        }
        return table;
    }

    /// <summary>
    /// Every opcode the vector engine runs. An opcode missing here fails loudly (when a kernel is
    /// built, and in the test that walks every opcode), never silently.
    /// </summary>
    public static LaneOp Of(OpCode op) => op switch
    {
        OpCode.Const => new(op, LaneOpKind.Const, 0, null),
        OpCode.Copy => new(op, LaneOpKind.Copy, 1, null),
        OpCode.Param => new(op, LaneOpKind.Param, 0, null),
        OpCode.Neg => Pure(op, 1, nameof(LaneMath.Neg)),
        OpCode.Not => Pure(op, 1, nameof(LaneMath.Not)),
        OpCode.Add => Pure(op, 2, nameof(LaneMath.Add)),
        OpCode.Sub => Pure(op, 2, nameof(LaneMath.Sub)),
        OpCode.Mul => Pure(op, 2, nameof(LaneMath.Mul)),
        OpCode.Div => Pure(op, 2, nameof(LaneMath.Div)),
        OpCode.Pow => Pure(op, 2, nameof(LaneMath.Pow)),
        OpCode.Mod => Pure(op, 2, nameof(LaneMath.Mod)),
        OpCode.Eq => Pure(op, 2, nameof(LaneMath.Eq)),
        OpCode.Ne => Pure(op, 2, nameof(LaneMath.Ne)),
        OpCode.Lt => Pure(op, 2, nameof(LaneMath.Lt)),
        OpCode.Le => Pure(op, 2, nameof(LaneMath.Le)),
        OpCode.Gt => Pure(op, 2, nameof(LaneMath.Gt)),
        OpCode.Ge => Pure(op, 2, nameof(LaneMath.Ge)),
        OpCode.And => Pure(op, 2, nameof(LaneMath.And)),
        OpCode.Or => Pure(op, 2, nameof(LaneMath.Or)),
        OpCode.Select => Pure(op, 3, nameof(LaneMath.Select)),
        OpCode.Abs => Pure(op, 1, nameof(LaneMath.Abs)),
        OpCode.Exp => Pure(op, 1, nameof(LaneMath.Exp)),
        OpCode.Ln => Pure(op, 1, nameof(LaneMath.Ln)),
        OpCode.Log10 => Pure(op, 1, nameof(LaneMath.Log10)),
        OpCode.Log => Pure(op, 2, nameof(LaneMath.Log)),
        OpCode.Sqrt => Pure(op, 1, nameof(LaneMath.Sqrt)),
        OpCode.Sin => Pure(op, 1, nameof(LaneMath.Sin)),
        OpCode.Cos => Pure(op, 1, nameof(LaneMath.Cos)),
        OpCode.Tan => Pure(op, 1, nameof(LaneMath.Tan)),
        OpCode.ArcSin => Pure(op, 1, nameof(LaneMath.ArcSin)),
        OpCode.ArcCos => Pure(op, 1, nameof(LaneMath.ArcCos)),
        OpCode.ArcTan => Pure(op, 1, nameof(LaneMath.ArcTan)),
        OpCode.Floor => Pure(op, 1, nameof(LaneMath.Floor)),
        OpCode.Round => Pure(op, 1, nameof(LaneMath.Round)),
        OpCode.Sign => Pure(op, 1, nameof(LaneMath.Sign)),
        OpCode.Min => Pure(op, 2, nameof(LaneMath.Min)),
        OpCode.Max => Pure(op, 2, nameof(LaneMath.Max)),
        OpCode.SafeDiv => Pure(op, 3, nameof(LaneMath.SafeDiv)),
        OpCode.Step => new(op, LaneOpKind.Step, 2, LaneMethod(nameof(LaneMath.Step))),
        OpCode.Pulse => new(op, LaneOpKind.Pulse, 3, LaneMethod(nameof(LaneMath.Pulse))),
        OpCode.Ramp => new(op, LaneOpKind.Ramp, 3, LaneMethod(nameof(LaneMath.Ramp))),
        OpCode.PulseTrain => new(op, LaneOpKind.PulseTrain, 0, LaneMethod(nameof(LaneMath.PulseTrain))),
        OpCode.Lookup => new(op, LaneOpKind.Lookup, 1, LaneMethod(nameof(LaneMath.Lookup))),
        OpCode.LookupForward => new(op, LaneOpKind.Lookup, 1, LaneMethod(nameof(LaneMath.LookupForward))),
        OpCode.LookupBackward => new(op, LaneOpKind.Lookup, 1, LaneMethod(nameof(LaneMath.LookupBackward))),
        OpCode.LookupInvert => new(op, LaneOpKind.Lookup, 1, LaneMethod(nameof(LaneMath.LookupInvert))),
        OpCode.Sum or OpCode.Product or OpCode.Mean or OpCode.MinOf or OpCode.MaxOf or OpCode.StdDev => new(op, LaneOpKind.Reduce, 0, null),
        OpCode.Choose => new(op, LaneOpKind.Choose, 1, null),
        OpCode.PipelineStart or OpCode.PipelineShift or OpCode.RandomUniform or OpCode.RandomNormal or OpCode.RandomTruncatedNormal
            or OpCode.RandomLogNormal or OpCode.RandomExponential or OpCode.RandomPoisson or OpCode.RandomTriangular or OpCode.RandomBeta
            => new(op, LaneOpKind.Stateful, 0, null),
        _ => throw new NotSupportedException(
            $"the vector engine has no definition of plan operation {op}: add it to LaneOp.Of and LaneMath (and the differential tests)"),
    };

    private static LaneOp Pure(OpCode op, int arity, string method) => new(op, LaneOpKind.Pure, arity, LaneMethod(method));

    private static MethodInfo LaneMethod(string name) =>
        typeof(LaneMath).GetMethod(name, BindingFlags.Public | BindingFlags.Static) ?? throw new InvalidOperationException($"LaneMath.{name} is missing");

    /// <summary>The slots an instruction reads (TIME excluded; time functions get it separately).</summary>
    public static void Reads(in Instruction i, ReadOnlySpan<int> pool, List<int> into)
    {
        var lane = Get(i.Op);
        switch (lane.Kind)
        {
            case LaneOpKind.Copy or LaneOpKind.Pure or LaneOpKind.Step or LaneOpKind.Pulse or LaneOpKind.Ramp or LaneOpKind.Lookup:
                if (lane.Arity > 0) into.Add(i.A);
                if (lane.Arity > 1) into.Add(i.B);
                if (lane.Arity > 2) into.Add(i.C);
                break;
            case LaneOpKind.PulseTrain:
                foreach (int s in pool.Slice(i.Aux, 4)) into.Add(s);
                break;
            case LaneOpKind.Reduce:
                foreach (int s in pool.Slice(i.Aux, i.Count)) into.Add(s);
                break;
            case LaneOpKind.Choose:
                into.Add(i.A);
                foreach (int s in pool.Slice(i.Aux, i.Count)) into.Add(s);
                break;
            case LaneOpKind.Stateful when i.Op == OpCode.PipelineStart:
                into.Add(i.A);
                into.Add(i.B);
                break;
            case LaneOpKind.Stateful when i.Op == OpCode.PipelineShift:
                into.Add(i.A);
                break;
            case LaneOpKind.Stateful: // a random draw: A is its site number, not a slot
                foreach (int s in pool.Slice(i.Aux, i.Count)) into.Add(s);
                break;
        }
    }
}
