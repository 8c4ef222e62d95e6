using System.Collections.Immutable;

namespace Simulation.Engine.Binding;

/// <summary>
/// The value of an expression while binding one element's equation: a scalar, or an array over the
/// dimensions still free (from <c>*</c>, or a dimension the current element does not fix). Operators
/// broadcast over free dimensions by identity; reductions collapse them; an equation must end scalar.
/// </summary>
public sealed class ArrayValue
{
    public ArrayValue(ImmutableArray<Dimension> dimensions, BoundExpr[] items)
    {
        Dimensions = dimensions;
        Items = items;
    }

    public ImmutableArray<Dimension> Dimensions { get; }

    /// <summary>Row-major over <see cref="Dimensions"/>.</summary>
    public BoundExpr[] Items { get; }

    public bool IsScalar => Dimensions.Length == 0;

    public static ArrayValue Scalar(BoundExpr e) => new(ImmutableArray<Dimension>.Empty, [e]);

    public ArrayValue Map(Func<BoundExpr, BoundExpr> f) => new(Dimensions, Items.Select(f).ToArray());

    /// <summary>Combines values element by element, broadcasting each over the dimensions it lacks.</summary>
    public static ArrayValue Zip(IReadOnlyList<ArrayValue> values, Func<BoundExpr[], BoundExpr> combine)
    {
        var dims = new List<Dimension>();
        foreach (var v in values)
            foreach (var d in v.Dimensions)
                if (!dims.Contains(d)) dims.Add(d);
        if (dims.Count == 0)
        {
            var scalars = new BoundExpr[values.Count];
            for (int i = 0; i < scalars.Length; i++) scalars[i] = values[i].Items[0];
            return Scalar(combine(scalars));
        }
        int count = dims.Aggregate(1, (n, d) => n * d.Size);
        var result = new BoundExpr[count];
        var index = new int[dims.Count];
        for (int flat = 0; flat < count; flat++)
        {
            int rest = flat;
            for (int k = dims.Count - 1; k >= 0; k--)
            {
                index[k] = rest % dims[k].Size;
                rest /= dims[k].Size;
            }
            var args = new BoundExpr[values.Count];
            for (int i = 0; i < values.Count; i++)
                args[i] = values[i].At(dims, index);
            result[flat] = combine(args);
        }
        return new ArrayValue(dims.ToImmutableArray(), result);
    }

    /// <summary>The item at a position given over a superset of this value's dimensions.</summary>
    private BoundExpr At(List<Dimension> dims, int[] index)
    {
        int flat = 0;
        foreach (var d in Dimensions)
            flat = flat * d.Size + index[dims.IndexOf(d)];
        return Items[flat];
    }
}
