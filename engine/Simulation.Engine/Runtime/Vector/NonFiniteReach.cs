using Simulation.Engine.Compilation;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Which elements of a compiled section need checking for NaN and infinity themselves. The reference evaluator checks
/// every element after each evaluation; the compiled code stores few of them and checks what it stores and the
/// stocks. An element computed in registers only is still caught when its value reaches a checked value through
/// operations that keep a NaN or infinity non-finite (+, -, *, the numerator of /, negation, ABS, SQRT, SUM, MEAN,
/// PROD, copies). Any other path can hide it: a comparison, an IF's untaken branch, MIN and MAX, x / infinity,
/// EXP(-infinity), a lookup's clamp; and an element nothing checked depends on is not computed at all. Those elements
/// are stored and checked like the rest.
/// </summary>
internal static class NonFiniteReach
{
    /// <summary>The element slots whose final value in <paramref name="code"/> does not reach <paramref name="checkedSlots"/> (their values at the end of the section) through such operations; computed in full before it returns.</summary>
    public static List<int> Unreached(ReadOnlySpan<Instruction> code, ReadOnlySpan<int> pool, IReadOnlySet<int> elements, IEnumerable<int> checkedSlots)
    {
        var reaches = new HashSet<int>(checkedSlots); // slots whose value at this point reaches a checked value
        var defined = new HashSet<int>();
        var unreached = new List<int>();
        var operands = new List<int>();
        for (int i = code.Length - 1; i >= 0; i--)
        {
            var instruction = code[i];
            bool reached = reaches.Remove(instruction.Dst);
            if (defined.Add(instruction.Dst) && !reached && elements.Contains(instruction.Dst)) unreached.Add(instruction.Dst);
            if (!reached) continue;
            operands.Clear();
            instruction.Reads(pool, operands);
            switch (instruction.Op.Reach)
            {
                case FiniteReach.AllOperands:
                    reaches.UnionWith(operands);
                    break;
                case FiniteReach.FirstOperand:
                    reaches.Add(operands[0]);
                    break;
            }
        }
        return unreached;
    }
}
