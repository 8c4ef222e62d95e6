using Simulation.Engine.Binding;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Compilation;

/// <summary>Products in a plan of several variants (<see cref="PlanVariants"/>).</summary>
internal sealed partial class ExpressionEmitter
{
    /// <summary>
    /// A product in rates code of a plan holding several variants: grouped as each variant's own plan groups it (its
    /// constant factors multiplied together first when at least two of them, and not all, are constant there; see
    /// <see cref="EmitProduct"/>), so that each run has its own plan's bits. Variants that group alike share one
    /// computation; when they do not all, each grouping is computed and the variant's value chooses.
    /// </summary>
    private int EmitProductByVariant(BBinary product, List<BoundExpr> factors, VariantInvariance variants, List<Instruction> into, int target)
    {
        var groupings = new List<bool[]?>();
        var groupingOf = new int[variants.Count];
        var invariant = new bool[factors.Count][]; // [factor][variant]
        for (int i = 0; i < invariant.Length; i++) invariant[i] = variants.IsInvariant(factors[i]);
        var column = new bool[factors.Count];
        for (int k = 0; k < variants.Count; k++)
        {
            for (int i = 0; i < column.Length; i++) column[i] = invariant[i][k];
            var grouping = Grouping(column);
            int found = IndexOf(groupings, grouping);
            if (found < 0)
            {
                found = groupings.Count;
                groupings.Add(grouping?.ToArray());
            }
            groupingOf[k] = found;
        }
        if (groupings.Count == 1) return EmitGrouped(product, factors, groupings[0], into, target);

        int common = Enumerable.Range(0, groupings.Count).MaxBy(g => groupingOf.Count(x => x == g));
        var forms = groupings.Select(g => EmitGrouped(product, factors, g, into, -1)).ToArray();
        var others = Enumerable.Range(0, variants.Count).Where(k => groupingOf[k] != common).ToList();
        int result = forms[common];
        foreach (int k in others)
        {
            int isVariant = Hoist(new BBinary(BinaryOperator.Equal, new BRef(variants.Element), new BConst(variants.Value(k))));
            int dst = k == others[^1] && target >= 0 ? target : code.RentTemp();
            into.Add(new Instruction(Operations.Select, dst, isVariant, forms[groupingOf[k]], result));
            if (!forms.Contains(result)) code.Release(result);
            result = dst;
        }
        code.Release(forms);
        return result;
    }

    private static int IndexOf(List<bool[]?> groupings, bool[]? grouping)
    {
        for (int g = 0; g < groupings.Count; g++)
            if (groupings[g] is { } known ? grouping is not null && known.AsSpan().SequenceEqual(grouping) : grouping is null) return g;
        return -1;
    }

    /// <summary>Which factors are multiplied together first (the constant ones), or null when the product is one plain chain.</summary>
    private static bool[]? Grouping(bool[] invariant)
    {
        int count = 0;
        foreach (bool x in invariant) if (x) count++;
        return count < 2 || count == invariant.Length ? null : invariant;
    }

    /// <summary>
    /// The product with its factors grouped: the changing factors' product times the constant factors' product (hoisted
    /// when constant in every variant; else computed each step, in the same order); or, without a grouping, the chain.
    /// </summary>
    private int EmitGrouped(BBinary product, List<BoundExpr> factors, bool[]? grouping, List<Instruction> into, int target)
    {
        if (grouping is null) return EmitChain(product, EmitMode.Rates, into, target, productRegrouped: true);
        BoundExpr ProductOf(IEnumerable<BoundExpr> items) => items.Aggregate((a, b) => new BBinary(BinaryOperator.Multiply, a, b));
        var fixedFactors = ProductOf(factors.Where((_, i) => grouping[i]));
        int left = Emit(ProductOf(factors.Where((_, i) => !grouping[i])), EmitMode.Rates, into);
        int right = stages.IsInvariant(fixedFactors) ? Hoist(fixedFactors) : EmitChain((BBinary)fixedFactors, EmitMode.Rates, into, -1, productRegrouped: true);
        code.Release(left, right);
        int dst = target >= 0 ? target : code.RentTemp();
        into.Add(new Instruction(Operations.Mul, dst, left, right));
        return dst;
    }
}
