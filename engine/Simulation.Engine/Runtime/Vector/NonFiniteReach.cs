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
    public static List<int> Unreached(ReadOnlySpan<Instruction> code, ReadOnlySpan<int> pool, IReadOnlySet<int> elements, IEnumerable<int> checkedSlots) =>
        Walk(code, pool, elements, checkedSlots, foundAreChecked: false);

    /// <summary>
    /// Of <paramref name="candidates"/> (element slots that <paramref name="code"/> stores, final values), the fewest
    /// to check so that a NaN or infinity in any of them shows in a checked value: each candidate whose value reaches
    /// <paramref name="targets"/> or another candidate that is checked, through such operations, needs no check of its
    /// own. The code runs in order, so a value reaches only later ones, and the candidates are chosen from the last back.
    /// </summary>
    public static List<int> Sinks(ReadOnlySpan<Instruction> code, ReadOnlySpan<int> pool, IReadOnlySet<int> candidates, IEnumerable<int> targets) =>
        Walk(code, pool, candidates, targets, foundAreChecked: true);

    /// <summary>
    /// From the last instruction back: the <paramref name="elements"/> whose final value reaches no slot of
    /// <paramref name="targets"/>; with <paramref name="foundAreChecked"/> each one found counts as a target itself for the
    /// instructions before it.
    /// </summary>
    private static List<int> Walk(ReadOnlySpan<Instruction> code, ReadOnlySpan<int> pool, IReadOnlySet<int> elements, IEnumerable<int> targets,
        bool foundAreChecked)
    {
        var reaches = new HashSet<int>(targets); // slots whose value at this point reaches a target
        var defined = new HashSet<int>();
        var found = new List<int>();
        var operands = new List<int>();
        for (int i = code.Length - 1; i >= 0; i--)
        {
            var instruction = code[i];
            bool reached = reaches.Remove(instruction.Dst);
            if (defined.Add(instruction.Dst) && !reached && elements.Contains(instruction.Dst))
            {
                found.Add(instruction.Dst);
                reached = foundAreChecked; // checked itself: whatever reaches it shows
            }
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
        return found;
    }
}
