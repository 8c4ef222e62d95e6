namespace Simulation.Engine.Compilation;

/// <summary>One plan instruction: <c>Dst = Op(A, B, C)</c>, with <c>Aux</c>/<c>Count</c> for tables and n-ary operations.</summary>
public readonly record struct Instruction(OpCode Op, int Dst, int A = 0, int B = 0, int C = 0, int Aux = 0, int Count = 0, double Imm = 0)
{
    public override string ToString() => Op switch
    {
        OpCode.Const => $"s{Dst} = {Imm}",
        OpCode.Copy => $"s{Dst} = s{A}",
        OpCode.Param => $"s{Dst} = param[{Aux}]",
        OpCode.Sum or OpCode.Product or OpCode.Mean or OpCode.MinOf or OpCode.MaxOf or OpCode.StdDev or OpCode.Choose or OpCode.PulseTrain
            => $"s{Dst} = {Op}(s{A}; pool[{Aux}..+{Count}])",
        >= OpCode.RandomUniform and <= OpCode.RandomBeta => $"s{Dst} = {Op}#{A}(pool[{Aux}..+{Count}])",
        OpCode.PipelineStart => $"s{Dst} = {Op}#{Aux}(delay s{A}, initial s{B})",
        OpCode.PipelineShift => $"s{Dst} = {Op}#{Aux}(s{A})",
        OpCode.Lookup or OpCode.LookupForward or OpCode.LookupBackward or OpCode.LookupInvert => $"s{Dst} = {Op}#{Aux}(s{A})",
        _ => $"s{Dst} = {Op}(s{A}, s{B}, s{C})",
    };
}
