using Simulation.Engine.Ops;

namespace Simulation.Engine.Compilation;

/// <summary>
/// One plan instruction: <c>Dst = Op(A, B, C)</c>, three-address over numbered slots. Operations of four operands,
/// folds, CHOOSE and random draws read <c>Count</c> slots from the plan's argument pool starting at <c>Aux</c>;
/// lookups read table <c>Aux</c>; <c>Const</c> loads <c>Imm</c>; time functions read the TIME slot and the plan's dt.
/// </summary>
public readonly record struct Instruction(Operation Op, int Dst, int A = 0, int B = 0, int C = 0, int Aux = 0, int Count = 0, double Imm = 0)
{
    /// <summary>The slots the instruction reads, in operand order (TIME excluded: time functions get it separately).</summary>
    public void Reads(ReadOnlySpan<int> pool, List<int> into)
    {
        switch (Op.Kind)
        {
            case OperationKind.Copy or OperationKind.Lookup:
                into.Add(A);
                break;
            case OperationKind.Pure or OperationKind.Timed when Op.ReadsPool:
                foreach (int s in pool.Slice(Aux, Op.Arity)) into.Add(s);
                break;
            case OperationKind.Pure or OperationKind.Timed:
                if (Op.Arity > 0) into.Add(A);
                if (Op.Arity > 1) into.Add(B);
                if (Op.Arity > 2) into.Add(C);
                break;
            case OperationKind.Choose:
                into.Add(A);
                foreach (int s in pool.Slice(Aux, Count)) into.Add(s);
                break;
            case OperationKind.Fold or OperationKind.Random: // a random draw's A is its site number, not a slot
                foreach (int s in pool.Slice(Aux, Count)) into.Add(s);
                break;
            case OperationKind.Pipeline:
                into.Add(A);
                if (Op.Arity > 1) into.Add(B);
                if (Op.Arity > 2) into.Add(C);
                break;
        }
    }

    public override string ToString() => Op.Kind switch
    {
        OperationKind.Const => $"s{Dst} = {Imm}",
        OperationKind.Copy => $"s{Dst} = s{A}",
        OperationKind.Param => $"s{Dst} = param[{Aux}]",
        OperationKind.Fold or OperationKind.Choose => $"s{Dst} = {Op}(s{A}; pool[{Aux}..+{Count}])",
        OperationKind.Pure or OperationKind.Timed when Op.ReadsPool => $"s{Dst} = {Op}(s{A}; pool[{Aux}..+{Count}])",
        OperationKind.Random => $"s{Dst} = {Op}#{A}(pool[{Aux}..+{Count}])",
        OperationKind.Pipeline when Op == Operations.PipelineShiftVarying => $"s{Dst} = {Op}#{Aux}(s{A}, delay s{B})",
        OperationKind.Pipeline when Op == Operations.PipelineShiftMaterial => $"s{Dst} = {Op}#{Aux}(s{A}, delay s{B}, missing s{C})",
        OperationKind.Pipeline when Op.Arity > 1 => $"s{Dst} = {Op}#{Aux}(delay s{A}, initial s{B}{(Imm != 0 ? $", {((Runtime.PipelineMode)(int)Imm).ToString().ToLowerInvariant()}" : "")})",
        OperationKind.Pipeline or OperationKind.Lookup => $"s{Dst} = {Op}#{Aux}(s{A})",
        _ => $"s{Dst} = {Op}(s{A}, s{B}, s{C})",
    };
}
