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

/// <summary>Which elements never change during a run of each variant: the model with the variant's value folded in.</summary>
internal sealed class VariantInvariance
{
    private readonly BoundModel _model;
    private readonly PlanVariants _variants;
    private readonly bool[][] _invariant;

    public VariantInvariance(BoundModel model, IReadOnlyList<int> ratesOrder, IReadOnlySet<int> parameters, BoundExpr?[] equations, PlanVariants variants)
    {
        _model = model;
        _variants = variants;
        _invariant = new bool[variants.Values.Length][];
        for (int k = 0; k < _invariant.Length; k++)
        {
            var invariant = _invariant[k] = new bool[model.Elements.Length];
            foreach (int id in ratesOrder)
                invariant[id] = parameters.Contains(id) || equations[id] is { } eq && TimeInvariance.IsInvariant(Specialize(k, eq), invariant);
        }
    }

    public int Count => _invariant.Length;

    public int Element => _variants.Element;

    public double Value(int variant) => _variants.Values[variant];

    /// <summary>True when the expression never changes during a run of the variant.</summary>
    public bool IsInvariant(int variant, BoundExpr expr) => TimeInvariance.IsInvariant(Specialize(variant, expr), _invariant[variant]);

    private BoundExpr Specialize(int variant, BoundExpr expr) =>
        ConstantFolder.Specialize(expr, _model, id => id == _variants.Element ? _variants.Values[variant] : null);
}
