using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Checking;

namespace Simulation.Engine.Compilation;

/// <summary>
/// Several models compiled as one plan: a parameter element, the variant, says which one a run is, and equations
/// choose by it (<c>IF variant = 2 THEN ... ELSE ...</c>), so that scenarios which differ only in values and dated
/// changes share one plan and one step code. Each variant's own plan would treat some elements as constants that the
/// shared plan computes every step, and a product's constant factors are multiplied together first
/// (<see cref="ExpressionEmitter"/>): the shared plan groups each product's factors as each variant's own plan would,
/// so every run gives the bits its variant's own plan gives.
/// </summary>
/// <param name="Element">The parameter element holding the variant's value.</param>
/// <param name="Values">The values the variant takes, one per variant.</param>
public sealed record PlanVariants(int Element, ImmutableArray<double> Values);

/// <summary>
/// Which elements never change during a run of each variant: the model with the variant's value folded in. Only an
/// equation that names the variant, or reads an element whose invariance differs in the variant, can differ from the
/// model with no variant value folded in (<see cref="_common"/>): those alone are specialised again for each variant.
/// </summary>
internal sealed class VariantInvariance
{
    private readonly BoundModel _model;
    private readonly PlanVariants _variants;
    private readonly bool[] _common;
    private readonly bool[][] _invariant;

    public VariantInvariance(BoundModel model, IReadOnlyList<int> ratesOrder, IReadOnlySet<int> parameters, BoundExpr?[] equations, PlanVariants variants)
    {
        _model = model;
        _variants = variants;
        _common = new bool[model.Elements.Length];
        var reads = new int[model.Elements.Length][];
        foreach (int id in ratesOrder)
        {
            reads[id] = equations[id] is { } eq ? ElementsRead(eq) : [];
            _common[id] = parameters.Contains(id) || equations[id] is { } e && TimeInvariance.IsInvariant(Specialize(null, e), _common);
        }
        _invariant = new bool[variants.Values.Length][];
        for (int k = 0; k < _invariant.Length; k++)
        {
            var invariant = _invariant[k] = (bool[])_common.Clone();
            foreach (int id in ratesOrder)
            {
                if (parameters.Contains(id) || equations[id] is not { } eq) continue;
                if (reads[id].Any(r => r == variants.Element || invariant[r] != _common[r]))
                    invariant[id] = TimeInvariance.IsInvariant(Specialize(k, eq), invariant);
            }
        }
    }

    public int Count => _invariant.Length;

    public int Element => _variants.Element;

    public double Value(int variant) => _variants.Values[variant];

    /// <summary>For each variant, true when the expression never changes during a run of that variant.</summary>
    public bool[] IsInvariant(BoundExpr expr)
    {
        var reads = ElementsRead(expr);
        var common = reads.Contains(_variants.Element) ? null : Specialize(null, expr);
        return Enumerable.Range(0, Count).Select(k => common is not null && reads.All(r => _invariant[k][r] == _common[r])
            ? TimeInvariance.IsInvariant(common, _common)
            : TimeInvariance.IsInvariant(Specialize(k, expr), _invariant[k])).ToArray();
    }

    /// <summary>The expression with the variant's value folded in (with none when <paramref name="variant"/> is null: the time constants alone).</summary>
    private BoundExpr Specialize(int? variant, BoundExpr expr) =>
        ConstantFolder.Specialize(expr, _model, id => variant is { } k && id == _variants.Element ? _variants.Values[k] : null);

    /// <summary>Every element the expression names, anywhere in it.</summary>
    private static int[] ElementsRead(BoundExpr expr)
    {
        var found = new HashSet<int>();
        var pending = new Stack<BoundExpr>();
        pending.Push(expr);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e is BRef r) found.Add(r.Element);
            foreach (var child in BoundTree.Children(e)) pending.Push(child);
        }
        return [.. found];
    }
}
