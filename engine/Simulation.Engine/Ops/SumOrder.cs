using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Ops;

/// <summary>
/// The order in which the engine adds up the items of a sum (SUM, MEAN, and STDDEV's two sums), the one definition every
/// back end follows: striped over four lanes. Lane l adds items l, l + 4, l + 8, ... in turn to the start (0), and the
/// sum is (p0 + p1) + (p2 + p3). A floating-point sum's bits depend on its order; this one is the order in which vector
/// hardware adds an array naturally (four items to one vector addition, as the one-run step code does with array
/// elements in the lanes), it is at least as accurate as adding left to right (its partial sums are a quarter as long:
/// the first step of pairwise summation), and it is fixed at four lanes whatever the machine, so results do not depend on
/// the hardware. A lane with no item (fewer than four items) is the start.
/// <para>Code that computes a sum asks this type: <see cref="Sum(ReadOnlySpan{double}, double)"/> for values (the reference evaluator, the constant
/// folder, the interpreters), <see cref="Emit"/> for generated code; the one-run step code's vector form
/// (<c>StripedFolds</c>) keeps lane l of one vector as lane l here.</para>
/// </summary>
public static class SumOrder
{
    /// <summary>How many partial sums (lanes) a sum has: four on every machine.</summary>
    public const int Lanes = 4;

    /// <summary>The lane (partial sum) that adds item <paramref name="index"/>.</summary>
    public static int LaneOf(int index) => index % Lanes;

    /// <summary>The sum of the items in this order, from <paramref name="start"/>.</summary>
    public static double Sum(ReadOnlySpan<double> items, double start) => Sum<double, Doubles>(items, start);

    /// <summary>The same for four runs at once, lane by lane (the vector interpreter).</summary>
    public static V Sum(ReadOnlySpan<V> items, V start) => Sum<V, Vectors>(items, start);

    /// <summary>The four partial sums into one: (p0 + p1) + (p2 + p3).</summary>
    public static double Combine(double p0, double p1, double p2, double p3) => Combine<double, Doubles>(p0, p1, p2, p3);

    /// <inheritdoc cref="Combine(double, double, double, double)"/>
    public static V Combine(V p0, V p1, V p2, V p3) => Combine<V, Vectors>(p0, p1, p2, p3);

    private static T Sum<T, TAdd>(ReadOnlySpan<T> items, T start) where TAdd : IAddition<T>
    {
        T p0 = start, p1 = start, p2 = start, p3 = start;
        int i = 0;
        for (; i + Lanes <= items.Length; i += Lanes)
        {
            p0 = TAdd.Add(p0, items[i]);
            p1 = TAdd.Add(p1, items[i + 1]);
            p2 = TAdd.Add(p2, items[i + 2]);
            p3 = TAdd.Add(p3, items[i + 3]);
        }
        if (i < items.Length) p0 = TAdd.Add(p0, items[i]);
        if (i + 1 < items.Length) p1 = TAdd.Add(p1, items[i + 1]);
        if (i + 2 < items.Length) p2 = TAdd.Add(p2, items[i + 2]);
        return Combine<T, TAdd>(p0, p1, p2, p3);
    }

    private static T Combine<T, TAdd>(T p0, T p1, T p2, T p3) where TAdd : IAddition<T> => TAdd.Add(TAdd.Add(p0, p1), TAdd.Add(p2, p3));

    private interface IAddition<T>
    {
        static abstract T Add(T a, T b);
    }

    private readonly struct Doubles : IAddition<double>
    {
        public static double Add(double a, double b) => a + b;
    }

    private readonly struct Vectors : IAddition<V>
    {
        public static V Add(V a, V b) => a + b;
    }

    /// <summary>
    /// Emits the sum of <paramref name="count"/> items (at least one) as stack code, for a start of +0.0: lane l's items
    /// added in turn without the start, the lanes combined as <see cref="Combine(double, double, double, double)"/> does (a lane with no item left
    /// out), then <paramref name="addStart"/> adds the start once. The same bits as a start in every lane: 0 + x is x
    /// except that 0 + (-0) is +0, so each value computed without the starts either equals the one computed with them, or
    /// is -0 where that one is +0 (the values with starts are never -0: an IEEE sum is -0 only when both terms are); adding
    /// +0 once at the end turns that last -0 into +0 and leaves every other value as it is (NaN and infinities included).
    /// It saves three additions a sum, and an item alone in its lane is read straight into the combining addition.
    /// </summary>
    /// <param name="pushItem">Pushes item k.</param>
    /// <param name="add">Pops two values and pushes their sum (first + second).</param>
    /// <param name="addStart">Adds the start (+0.0) to the value on top of the stack.</param>
    public static void Emit(int count, Action<int> pushItem, Action add, Action addStart)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "a sum to emit has at least one item");
        void Lane(int lane)
        {
            pushItem(lane);
            for (int k = lane + Lanes; k < count; k += Lanes)
            {
                pushItem(k);
                add();
            }
        }
        Lane(0);
        if (count > 1)
        {
            Lane(1);
            add();
        }
        if (count > 2)
        {
            Lane(2);
            if (count > 3)
            {
                Lane(3);
                add();
            }
            add();
        }
        addStart();
    }
}
