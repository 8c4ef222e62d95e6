using System.Globalization;
using Simulation.Engine.Designs;

namespace Simulation.Engine.Calibration.Output;

/// <summary>One row of a calibration's estimates.csv: a parameter or an estimated scale, its estimate and 95% interval (NaN where none).</summary>
public sealed record EstimateRow(string Name, double Estimate, double Low, double High);

/// <summary>
/// Reads back the estimates.csv a calibration wrote (<see cref="CalibrationWriter.EstimatesCsv"/>): what later steps
/// take from an earlier calibration (the sampler's starting region, the evaluation's noise scales).
/// </summary>
public static class EstimatesTable
{
    /// <summary>The rows by name (names ignore case); cells that are empty or not numbers are NaN.</summary>
    public static IReadOnlyDictionary<string, EstimateRow> Read(string csv)
    {
        var rows = new Dictionary<string, EstimateRow>(StringComparer.OrdinalIgnoreCase);
        foreach (var cells in CsvRows.Split(csv).Skip(1))
        {
            if (cells.Length < 2 || cells[0].Text.Length == 0) continue;
            double Cell(int k) => k < cells.Length && double.TryParse(cells[k].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
            rows[cells[0].Text] = new EstimateRow(cells[0].Text, Cell(1), Cell(2), Cell(3));
        }
        return rows;
    }

    /// <summary>The estimates.csv of a calibration's folder; a <see cref="Search.CalibrationException"/> when the folder has none.</summary>
    public static IReadOnlyDictionary<string, EstimateRow> ReadFolder(string folder)
    {
        string path = Path.Combine(folder, CalibrationWriter.Estimates);
        if (!File.Exists(path))
            throw new Search.CalibrationException($"'{folder}' has no {CalibrationWriter.Estimates}", "give the folder sim calibrate wrote");
        if (new FileInfo(path).Length > Model.ModelLimits.MaxFileBytes)
            throw new Search.CalibrationException($"{path} is larger than {Model.ModelLimits.MaxFileBytes >> 20} MiB, more than sim calibrate writes", "give the folder sim calibrate wrote");
        try
        {
            return Read(File.ReadAllText(path));
        }
        catch (CsvSyntaxException broken)
        {
            throw new Search.CalibrationException($"{path}({broken.Line},{broken.Column}): {broken.Message}", "give the folder sim calibrate wrote, or calibrate again into it with --force");
        }
    }
}
