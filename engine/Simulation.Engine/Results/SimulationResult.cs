using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Results;

/// <summary>A run's saved values: one column per output variable, one row per saved time.</summary>
public sealed class SimulationResult
{
    public SimulationResult(IReadOnlyList<string> names, IReadOnlyList<double> times, IReadOnlyList<double[]> rows, IReadOnlyList<Diagnostic> diagnostics)
    {
        Names = names;
        Times = times;
        Rows = rows;
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<double> Times { get; }

    /// <summary>Rows[i][j]: variable j at time i.</summary>
    public IReadOnlyList<double[]> Rows { get; }

    /// <summary>Problems found while running (NaN or infinity).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public int IndexOf(string name)
    {
        string canonical = Syntax.Identifier.Canonical(name);
        for (int j = 0; j < Names.Count; j++)
            if (Syntax.Identifier.Canonical(Names[j]) == canonical) return j;
        return -1;
    }

    /// <summary>The series of one variable over the saved times.</summary>
    public double[] Series(string name)
    {
        int j = IndexOf(name);
        if (j < 0) throw new KeyNotFoundException($"no output named '{name}'");
        return Rows.Select(r => r[j]).ToArray();
    }

    public double Final(string name) => Series(name)[^1];
}
