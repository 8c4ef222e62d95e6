namespace Simulation.Engine.Results;

/// <summary>
/// Takes a run's saved rows one at a time, as the run produces them: a file writer keeps memory independent of the
/// number of rows, <see cref="RowCollector"/> keeps them all.
/// </summary>
public interface IRowSink
{
    /// <summary>One saved time; <paramref name="values"/> (one per output column) is only valid during the call.</summary>
    void Row(double time, ReadOnlySpan<double> values);
}

/// <summary>Keeps every row, for a <see cref="SimulationResult"/>.</summary>
public sealed class RowCollector : IRowSink
{
    public List<double> Times { get; } = new();

    public List<double[]> Rows { get; } = new();

    public void Row(double time, ReadOnlySpan<double> values)
    {
        Times.Add(time);
        Rows.Add(values.ToArray());
    }
}
