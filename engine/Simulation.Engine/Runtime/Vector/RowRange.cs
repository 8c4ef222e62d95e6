namespace Simulation.Engine.Runtime.Vector;

/// <summary>Adjacent slot rows, <see cref="Count"/> of them from <see cref="Start"/>: one block of batch memory.</summary>
internal readonly record struct RowRange(int Start, int Count)
{
    /// <summary>Sorted, distinct rows as the fewest ranges.</summary>
    public static RowRange[] Runs(IReadOnlyList<int> rows)
    {
        var ranges = new List<RowRange>();
        for (int i = 0; i < rows.Count;)
        {
            int j = i + 1;
            while (j < rows.Count && rows[j] == rows[j - 1] + 1) j++;
            ranges.Add(new RowRange(rows[i], j - i));
            i = j;
        }
        return ranges.ToArray();
    }
}
