using System.Globalization;
using System.Text;

namespace Simulation.Engine.Results;

/// <summary>
/// Writes results as CSV (RFC 4180): first column <c>Time</c>, then one column per variable named
/// as the model writes it; numbers in the invariant culture with round-trip precision, so a value
/// read back is the same double.
/// </summary>
public static class CsvResultWriter
{
    public static void Write(SimulationResult result, TextWriter writer)
    {
        writer.Write("Time");
        foreach (var name in result.Names)
        {
            writer.Write(',');
            writer.Write(Quote(name));
        }
        writer.Write('\n');
        var line = new StringBuilder();
        for (int i = 0; i < result.Times.Count; i++)
        {
            line.Clear();
            line.Append(Format(result.Times[i]));
            foreach (double v in result.Rows[i]) line.Append(',').Append(Format(v));
            line.Append('\n');
            writer.Write(line);
        }
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
