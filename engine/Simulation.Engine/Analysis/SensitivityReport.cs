using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Simulation.Engine.Designs;
using Simulation.Engine.Scenarios.Running;

namespace Simulation.Engine.Analysis;

/// <summary>
/// What a sensitivity method found: a table for the outcomes, one over time for the recorded series (when the sweep
/// recorded any), and Sobol's second-order indices (when asked).
/// </summary>
public sealed record SensitivityReport(SensitivityTable Outcomes, SensitivityTable? OverTime = null, SensitivityTable? SecondOrder = null);

/// <summary>
/// The files a sensitivity analysis writes into its folder, each whole or not at all:
/// <code>
/// sensitivity.csv                  per scenario, measure (value or difference from the baseline), outcome and input
/// sensitivity-over-time.csv        the same per recorded series variable, element and saved time
/// sensitivity-second-order.csv     Sobol' S2 per pair of inputs (on request)
/// sensitivity.json                 what was done: method, settings, inputs, scenarios, and which files hold what
/// </code>
/// </summary>
public static class SensitivityFiles
{
    public const string Table = "sensitivity.csv", OverTime = "sensitivity-over-time.csv", SecondOrder = "sensitivity-second-order.csv", About = "sensitivity.json";

    public static IReadOnlyList<string> All { get; } = [Table, OverTime, SecondOrder, About];

    /// <summary>Writes the report's tables and <paramref name="about"/> (with the file names added); removes the optional files it does not write.</summary>
    public static void Write(string folder, SensitivityReport report, JObject about)
    {
        Directory.CreateDirectory(folder);
        Write(folder, Table, report.Outcomes);
        Write(folder, OverTime, report.OverTime);
        Write(folder, SecondOrder, report.SecondOrder);
        about["files"] = new JObject
        {
            ["outcomes"] = Table,
            ["overTime"] = report.OverTime is null ? null : OverTime,
            ["secondOrder"] = report.SecondOrder is null ? null : SecondOrder,
        };
        about["columns"] = new JArray(report.Outcomes.ValueColumns);
        about["rankBy"] = report.Outcomes.RankBy;
        AtomicFile.WriteAllText(Path.Combine(folder, About), about.ToString(Formatting.Indented) + "\n");
    }

    /// <summary>
    /// The analysis a folder holds (its method and tables), or null when it holds none. A damaged file is an
    /// <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static SensitivityReport? Read(string folder)
    {
        string about = Path.Combine(folder, About);
        if (!File.Exists(about)) return null;
        string current = about;
        try
        {
            var json = JObject.Parse(File.ReadAllText(about));
            string method = (string?)json["method"] ?? throw new InvalidDataException("it names no method");
            string rankBy = (string?)json["rankBy"] ?? throw new InvalidDataException("it names no ranking column");
            SensitivityTable? Table(string? name)
            {
                if (name is null) return null;
                current = Path.Combine(folder, Path.GetFileName(name));
                return SensitivityTable.Parse(File.ReadAllText(current), method, rankBy);
            }
            var files = json["files"] as JObject ?? throw new InvalidDataException("it lists no files");
            var outcomes = Table((string?)files["outcomes"]) ?? throw new InvalidDataException("it names no table of outcomes");
            return new SensitivityReport(outcomes, Table((string?)files["overTime"]), Table((string?)files["secondOrder"]));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or FormatException or OverflowException or IOException
                                      or InvalidCastException or CsvSyntaxException or ArgumentException)
        {
            throw new InvalidDataException($"'{current}' is damaged or is not what sim sensitivity wrote ({e.Message})", e);
        }
    }

    private static void Write(string folder, string name, SensitivityTable? table)
    {
        string path = Path.Combine(folder, name);
        if (table is null) File.Delete(path);
        else AtomicFile.WriteAllText(path, table.ToCsv());
    }
}
