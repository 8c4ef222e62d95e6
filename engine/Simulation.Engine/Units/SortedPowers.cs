using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Simulation.Engine.Units;

/// <summary>
/// Factors raised to powers, sorted by key, none to the power 0: the base units of a <see cref="Unit"/> (by name) and
/// the unknowns of a <see cref="UnitForm"/> (by number). Immutable. A product merges two sorted lists in one pass: the
/// unit check multiplies units at every operator of every equation, so this is kept to two flat arrays (most units
/// have one to three factors).
/// </summary>
public sealed class SortedPowers<TKey> : IReadOnlyDictionary<TKey, Rational>, IEquatable<SortedPowers<TKey>> where TKey : notnull
{
    /// <summary>Names in ordinal order (as units are written), numbers in numeric order.</summary>
    private static readonly IComparer<TKey> Order = typeof(TKey) == typeof(string) ? (IComparer<TKey>)StringComparer.Ordinal : Comparer<TKey>.Default;

    public static readonly SortedPowers<TKey> Empty = new([], []);

    private readonly TKey[] _keys;
    private readonly Rational[] _powers;

    private SortedPowers(TKey[] keys, Rational[] powers) => (_keys, _powers) = (keys, powers);

    /// <summary>One factor to a power (nothing, when the power is 0).</summary>
    public static SortedPowers<TKey> Of(TKey key, Rational power) => power.IsZero ? Empty : new([key], [power]);

    /// <summary>The product of factors given in any order, a key given twice having its powers added.</summary>
    public static SortedPowers<TKey> Sum(IEnumerable<KeyValuePair<TKey, Rational>> factors)
    {
        var result = Empty;
        foreach (var (key, power) in factors) result = result.Times(Of(key, power));
        return result;
    }

    /// <summary>This product times another: the powers of a key in both are added, and dropped when they cancel.</summary>
    public SortedPowers<TKey> Times(SortedPowers<TKey> other)
    {
        if (other._keys.Length == 0) return this;
        if (_keys.Length == 0) return other;
        int count = Merge(other, null, null);
        if (count == 0) return Empty;
        var keys = new TKey[count];
        var powers = new Rational[count];
        Merge(other, keys, powers);
        return new(keys, powers);
    }

    /// <summary>The factors of this times <paramref name="other"/>, into the arrays when given; returns how many there are.</summary>
    private int Merge(SortedPowers<TKey> other, TKey[]? keys, Rational[]? powers)
    {
        int i = 0, j = 0, n = 0;
        while (i < _keys.Length || j < other._keys.Length)
        {
            int order = i == _keys.Length ? 1 : j == other._keys.Length ? -1 : Order.Compare(_keys[i], other._keys[j]);
            var (key, power) = order < 0 ? (_keys[i], _powers[i++])
                : order > 0 ? (other._keys[j], other._powers[j++])
                : (_keys[i], _powers[i++] + other._powers[j++]);
            if (power.IsZero) continue;
            if (keys is not null)
            {
                keys[n] = key;
                powers![n] = power;
            }
            n++;
        }
        return n;
    }

    /// <summary>Every power multiplied by <paramref name="factor"/> (nothing, when it is 0).</summary>
    public SortedPowers<TKey> Scaled(Rational factor)
    {
        if (factor.IsZero) return Empty;
        if (factor == Rational.One) return this;
        var powers = new Rational[_powers.Length];
        for (int i = 0; i < powers.Length; i++) powers[i] = _powers[i] * factor;
        return new(_keys, powers);
    }

    /// <summary>This product without the factor <paramref name="key"/>.</summary>
    public SortedPowers<TKey> Without(TKey key)
    {
        int at = IndexOf(key);
        if (at < 0) return this;
        if (_keys.Length == 1) return Empty;
        return new([.. _keys[..at], .. _keys[(at + 1)..]], [.. _powers[..at], .. _powers[(at + 1)..]]);
    }

    private int IndexOf(TKey key) => Array.BinarySearch(_keys, key, Order);

    public int Count => _keys.Length;

    public bool IsEmpty => _keys.Length == 0;

    public Rational this[TKey key] => IndexOf(key) is >= 0 and var at ? _powers[at] : throw new KeyNotFoundException($"no factor {key}");

    public IEnumerable<TKey> Keys => _keys;

    public IEnumerable<Rational> Values => _powers;

    public bool ContainsKey(TKey key) => IndexOf(key) >= 0;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out Rational value)
    {
        int at = IndexOf(key);
        value = at >= 0 ? _powers[at] : default;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<TKey, Rational>> GetEnumerator()
    {
        for (int i = 0; i < _keys.Length; i++) yield return KeyValuePair.Create(_keys[i], _powers[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(SortedPowers<TKey>? other)
    {
        if (other is null || other._keys.Length != _keys.Length) return false;
        for (int i = 0; i < _keys.Length; i++)
            if (Order.Compare(_keys[i], other._keys[i]) != 0 || _powers[i] != other._powers[i]) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as SortedPowers<TKey>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (int i = 0; i < _keys.Length; i++)
        {
            hash.Add(_keys[i]);
            hash.Add(_powers[i]);
        }
        return hash.ToHashCode();
    }
}
