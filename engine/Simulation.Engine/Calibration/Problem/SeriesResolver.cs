using Simulation.Engine.Model;
using Simulation.Engine.Binding;
using Simulation.Engine.Calibration.Data;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Calibration.Problem;

/// <summary>
/// Pairs each series of a fit with its data column and finds the steps of the run its observations need: the
/// step at each observed time, and for a total also the step where its interval starts. Without a "fit" list,
/// every data column is a series of the model variable of the same name.
/// </summary>
internal static class SeriesResolver
{
    /// <summary>One observation's place: its data row, time, and the run's steps at the end and (totals) start of its interval.</summary>
    public readonly record struct ObservedPoint(int Row, double Time, double Value, int EndStep, int StartStep);

    public sealed record Resolved(FitSeries Definition, DataColumn Column, IReadOnlyList<ObservedPoint> Points);

    public static List<Resolved> Resolve(FitDocument fit, ObservedData data, BoundModel model, StepClock clock, DiagnosticBag diagnostics)
    {
        var definitions = fit.Series.IsEmpty ? Implicit(data, model, diagnostics) : fit.Series.ToList();
        var resolved = new List<Resolved>();
        var used = new HashSet<DataColumn>();
        foreach (var series in definitions)
        {
            var column = data.Find(series.Column);
            if (column is null)
            {
                string? near = NameSuggester.Suggest(series.Column, data.Columns.Select(c => c.Name));
                diagnostics.Error(DiagnosticCodes.UnknownDataColumn, $"the data has no column '{series.Column}'", series.ColumnLocation,
                    hint: near is not null ? $"did you mean '{near}'?" : $"the columns of {data.Path} are: {string.Join(", ", data.Columns.Select(c => c.Name))}");
                continue;
            }
            used.Add(column);
            if (!OneValue(series, model, diagnostics)) continue;
            var points = Points(series, column, data, clock, diagnostics);
            if (points is not null) resolved.Add(new Resolved(series, column, points));
        }
        if (!fit.Series.IsEmpty)
            foreach (var column in data.Columns.Where(c => !used.Contains(c)))
                diagnostics.Warning(DiagnosticCodes.UnusedDataColumn, $"the data column '{column.Name}' is not fitted", column.Location,
                    hint: "add a series for it to \"fit\", or leave it out of the data");
        return resolved;
    }

    /// <summary>Every data column against the model variable of the same name (an unknown name is an error, with the nearest variable).</summary>
    private static List<FitSeries> Implicit(ObservedData data, BoundModel model, DiagnosticBag diagnostics)
    {
        var series = new List<FitSeries>();
        foreach (var column in data.Columns)
        {
            var reference = InputReference.Parse(column.Name, column.Location);
            if (model.FindVariable(reference.Name) is null)
            {
                string? near = NameSuggester.Suggest(reference.Name, model.Variables.Select(v => v.Name));
                diagnostics.Error(DiagnosticCodes.UnknownDataColumn, $"the data column '{column.Name}' matches no variable of the model", column.Location,
                    hint: near is not null ? $"did you mean '{near}'? (or say which variable it is in \"fit\")"
                        : "name the column as the model names the variable, or pair them in the fit file's \"fit\" list");
                continue;
            }
            series.Add(new FitSeries
            {
                Column = column.Name,
                ColumnLocation = column.Location,
                Kind = SeriesKind.Value,
                Expression = EquationSource.Detached(Syntax.ExprPrinter.FormatName(reference.Name)
                    + (reference.HasSubscript ? $"[{string.Join(", ", reference.Subscript)}]" : ""), data.Path),
                Location = column.Location,
            });
        }
        return series;
    }

    /// <summary>A series compares one number per time: an arrayed variable named without a subscript is an error.</summary>
    private static bool OneValue(FitSeries series, BoundModel model, DiagnosticBag diagnostics)
    {
        var reference = InputReference.Parse(series.Expression.Text, series.Location);
        string name = reference.Name.Length > 1 && reference.Name[0] == '"' && reference.Name[^1] == '"' ? reference.Name[1..^1] : reference.Name;
        if (reference.HasSubscript || model.FindVariable(name) is not { } variable || variable.ElementCount <= 1) return true;
        diagnostics.Error(DiagnosticCodes.InvalidSeries, $"'{variable.Name}' has {variable.ElementCount} elements; a series compares one value per time with its column",
            series.Expression.LocationOf(0) ?? series.Location,
            hint: $"name one element ({variable.Name}[{string.Join(", ", variable.Dimensions.Select(d => d.Elements[0]))}]) or add them up (SUM({variable.Name}[{string.Join(", ", variable.Dimensions.Select(_ => "*"))}]))");
        return false;
    }

    private static List<ObservedPoint>? Points(FitSeries series, DataColumn column, ObservedData data, StepClock clock, DiagnosticBag diagnostics)
    {
        int index = data.Columns.ToList().IndexOf(column);
        var points = new List<ObservedPoint>();
        bool ok = true;
        for (int row = 0; row < data.RowCount; row++)
        {
            double y = column.Values[row], t = data.Times[row];
            if (double.IsNaN(y)) continue;
            if (!Possible(series.Error, y))
            {
                diagnostics.Error(DiagnosticCodes.ObservationOutsideSupport,
                    $"row {row + 1}, column '{column.Name}': {ObservedData.Format(y)} is impossible under a {Name(series.Error)} error",
                    data.LocationOf(row, index),
                    hint: series.Error == ErrorKind.LogNormal ? "a log-normal error needs values above 0: use \"normal\", or leave the cell empty" : "counts are 0 or more");
                ok = false;
                continue;
            }
            if (Step(t, clock, data, row, $"time {ObservedData.Format(t)}", diagnostics) is not int end)
            {
                ok = false;
                continue;
            }
            int start = -1;
            if (series.Kind == SeriesKind.Total)
            {
                double length = series.Interval ?? (row > 0 ? t - data.Times[row - 1] : data.RowCount > 1 ? data.Times[1] - t : double.NaN);
                if (double.IsNaN(length))
                {
                    diagnostics.Error(DiagnosticCodes.InvalidSeries, $"the total '{column.Name}' has one row, so its interval is unknown", series.Location,
                        hint: "give \"interval\": the length of the period each value adds up over");
                    return null;
                }
                if (Step(t - length, clock, data, row, $"the interval of time {ObservedData.Format(t)} starts at {ObservedData.Format(t - length)}, which", diagnostics) is not int s)
                {
                    ok = false;
                    continue;
                }
                start = s;
            }
            points.Add(new ObservedPoint(row, t, y, end, start));
        }
        if (ok && points.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.TooFewObservations, $"the column '{column.Name}' has no observations", column.Location,
                hint: "every cell is empty or NA; fill it in or leave the series out");
            return null;
        }
        return ok ? points : null;
    }

    /// <summary>The step at time t; null (reported at the row's time cell) when it lies outside the run or between steps.</summary>
    private static int? Step(double t, StepClock clock, ObservedData data, int row, string what, DiagnosticBag diagnostics)
    {
        if (clock.TryStepOf(t, out int step)) return step;
        var time = clock.Time;
        bool inside = t >= time.Start && t <= time.Stop;
        diagnostics.Error(DiagnosticCodes.DataTimeOutsideRun,
            inside ? $"row {row + 1}: {what} is between two steps of the run (dt = {ObservedData.Format(time.Dt)})"
                : $"row {row + 1}: {what} is outside the model's run ({ObservedData.Format(time.Start)} to {ObservedData.Format(time.Stop)})",
            data.LocationOf(row, -1),
            hint: inside ? "give times at start + k * dt, or a dt that divides the data's spacing (\"time\": { \"dt\": ... } in the fit file)"
                : "drop the rows outside the run, or move the run (\"time\": { \"start\": ..., \"stop\": ... } in the fit file)");
        return null;
    }

    private static bool Possible(ErrorKind error, double y) => error switch
    {
        ErrorKind.LogNormal => y > 0,
        ErrorKind.Poisson or ErrorKind.NegativeBinomial => y >= 0,
        _ => true,
    };

    public static string Name(ErrorKind error) => error switch
    {
        ErrorKind.Sse => "sse",
        ErrorKind.Normal => "normal",
        ErrorKind.LogNormal => "lognormal",
        ErrorKind.Poisson => "poisson",
        _ => "negativeBinomial",
    };
}
