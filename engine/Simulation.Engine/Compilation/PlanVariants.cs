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
    private readonly Func<int, double?>[] _valueOf; // per variant, its value folded in; and last, none

    public VariantInvariance(BoundModel model, IReadOnlyList<int> ratesOrder, IReadOnlySet<int> parameters, BoundExpr?[] equations, PlanVariants variants)
    {
        _model = model;
        _variants = variants;
        _common = new bool[model.Elements.Length];
        _valueOf = new Func<int, double?>[variants.Values.Length + 1];
        for (int k = 0; k < variants.Values.Length; k++)
        {
            double value = variants.Values[k];
            _valueOf[k] = id => id == variants.Element ? value : null;
        }
        _valueOf[^1] = _ => null;
        var reads = new List<int>[model.Elements.Length];
        foreach (int id in ratesOrder)
        {
            reads[id] = References.Of(equations[id], phase: null);
            _common[id] = parameters.Contains(id) || equations[id] is { } e && TimeInvariance.IsInvariant(Specialize(null, e), _common);
        }
        _invariant = new bool[variants.Values.Length][];
        for (int k = 0; k < _invariant.Length; k++)
        {
            var invariant = _invariant[k] = (bool[])_common.Clone();
            foreach (int id in ratesOrder)
                if (!parameters.Contains(id) && equations[id] is { } eq && !TakesCommonAnswer(reads[id], invariant))
                    invariant[id] = TimeInvariance.IsInvariant(Specialize(k, eq), invariant);
        }
    }

    public int Count => _invariant.Length;

    public int Element => _variants.Element;

    public double Value(int variant) => _variants.Values[variant];

    /// <summary>For each variant, true when the expression never changes during a run of that variant.</summary>
    public bool[] IsInvariant(BoundExpr expr)
    {
        var reads = References.Of(expr, phase: null);
        bool? common = null; // the answer with no variant value folded in, found once for every variant that takes it
        var answers = new bool[Count];
        for (int k = 0; k < answers.Length; k++)
            answers[k] = TakesCommonAnswer(reads, _invariant[k])
                ? common ??= TimeInvariance.IsInvariant(Specialize(null, expr), _common)
                : TimeInvariance.IsInvariant(Specialize(k, expr), _invariant[k]);
        return answers;
    }

    /// <summary>
    /// True when an expression reading <paramref name="reads"/> is invariant in a variant exactly when it is with no
    /// variant value folded in: it does not name the variant, and reads nothing whose invariance the variant changes.
    /// </summary>
    private bool TakesCommonAnswer(List<int> reads, bool[] invariant)
    {
        foreach (int r in reads)
            if (r == _variants.Element || invariant[r] != _common[r]) return false;
        return true;
    }

    /// <summary>The expression with the variant's value folded in (with none when <paramref name="variant"/> is null: the time constants alone).</summary>
    private BoundExpr Specialize(int? variant, BoundExpr expr) => ConstantFolder.Specialize(expr, _model, _valueOf[variant ?? _valueOf.Length - 1]);
}
