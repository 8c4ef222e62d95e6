using System.Globalization;
using System.Text;
using Simulation.Engine.Designs;
using Simulation.Engine.Results;

namespace Simulation.Engine.Analysis;

/// <summary>
/// What a row of a sensitivity table measures: a scenario's outcome across futures ("value"), or the paired difference
/// scenario minus baseline in the same future ("difference"), which says which assumptions decide whether the scenario
/// beats the baseline.
/// </summary>
public enum Measure
{
    Value,
    Difference,
}

/// <summary>One input's sensitivity measures for one outcome (or series point) of one scenario.</summary>
/// <param name="Time">The saved time, for indices over time; null for outcomes.</param>
/// <param name="Values">In the order of the table's <see cref="SensitivityTable.ValueColumns"/>; NaN is written as missing.</param>
/// <param name="Count">How many samples (base samples, trajectories, runs) the estimate rests on.</param>
/// <param name="Note">Why a row is zero or missing, or what was left out; null when there is nothing to say.</param>
public sealed record SensitivityRow(string Scenario, Measure Measure, string Outcome, string Element, double? Time, string Input, double[] Values,
    int Count, string? Note)
{
    public string Label => Element.Length == 0 ? Outcome : $"{Outcome}[{Element}]";
}

/// <summary>
/// A method's results as a tidy table: one row per scenario, measure, outcome (or series variable and time) and input,
/// written as CSV with the columns
/// <code>scenario,measure,outcome,element,[time,]input,&lt;value columns&gt;,&lt;count column&gt;,note</code>
/// (series tables name the outcome column "variable"). <see cref="RankBy"/> is the value column that orders inputs by
/// importance (its absolute value).
/// </summary>
public sealed record SensitivityTable(string Method, IReadOnlyList<string> ValueColumns, string RankBy, string CountColumn, IReadOnlyList<SensitivityRow> Rows,
    bool Series = false)
{
    public int IndexOf(string column) => ValueColumns.ToList().IndexOf(column);

    /// <summary>The rows of each (scenario, measure, outcome, element, time), inputs ranked by |RankBy|, largest first (missing last).</summary>
    public IEnumerable<IReadOnlyList<SensitivityRow>> Ranked()
    {
        int rank = IndexOf(RankBy);
        return Rows.GroupBy(r => (r.Scenario, r.Measure, r.Outcome, r.Element, r.Time))
            .Select(g => (IReadOnlyList<SensitivityRow>)g.OrderByDescending(r => double.IsFinite(r.Values[rank]) ? Math.Abs(r.Values[rank]) : double.NegativeInfinity).ToList());
    }

    public string ToCsv()
    {
        var header = new List<string> { "scenario", "measure", Series ? "variable" : "outcome", "element" };
        if (Series) header.Add("time");
        header.Add("input");
        header.AddRange(ValueColumns);
        header.Add(CountColumn);
        header.Add("note");
        var sb = new StringBuilder(string.Join(",", header)).Append('\n');
        foreach (var r in Rows)
        {
            var cells = new List<string> { CsvResultWriter.Quote(r.Scenario), MeasureName(r.Measure), CsvResultWriter.Quote(r.Outcome), CsvResultWriter.Quote(r.Element) };
            if (Series) cells.Add(Number(r.Time ?? double.NaN));
            cells.Add(CsvResultWriter.Quote(r.Input));
            cells.AddRange(r.Values.Select(Number));
            cells.Add(r.Count.ToString(CultureInfo.InvariantCulture));
            cells.Add(r.Note is null ? "" : CsvResultWriter.Quote(r.Note));
            sb.Append(string.Join(",", cells)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Reads a table <see cref="ToCsv"/> wrote (for reports): the value columns are those between "input" and the count
    /// column (the one before "note"); missing cells are NaN. Throws <see cref="InvalidDataException"/> when the text is not
    /// such a table.
    /// </summary>
    public static SensitivityTable Parse(string text, string method, string rankBy)
    {
        using var rows = CsvRows.Split(text).GetEnumerator();
        if (!rows.MoveNext()) throw new InvalidDataException("the table is empty");
        var header = rows.Current.Select(c => c.Text).ToList();
        bool series = header.Contains("time");
        int input = header.IndexOf("input"), note = header.Count - 1;
        if (header.Count < 6 || header[0] != "scenario" || header[1] != "measure" || input < 0 || header[note] != "note" || note - input < 2)
            throw new InvalidDataException($"the header ({string.Join(",", header.Take(8))}) is not a sensitivity table's");
        var columns = header.Skip(input + 1).Take(note - input - 2).ToList();
        if (!columns.Contains(rankBy)) throw new InvalidDataException($"the table has no column '{rankBy}'");
        var read = new List<SensitivityRow>();
        while (rows.MoveNext())
        {
            var cells = rows.Current.Select(c => c.Text).ToArray();
            if (cells.Length != header.Count) throw new InvalidDataException($"line {rows.Current[0].Line} has {cells.Length} cells, not {header.Count}");
            var measure = cells[1] switch
            {
                "value" => Measure.Value,
                "difference" => Measure.Difference,
                _ => throw new InvalidDataException($"line {rows.Current[0].Line}: unknown measure '{cells[1]}'"),
            };
            read.Add(new SensitivityRow(cells[0], measure, cells[2], cells[3], series ? Cell(cells[4]) : null, cells[input],
                columns.Select((_, k) => Cell(cells[input + 1 + k])).ToArray(), int.Parse(cells[note - 1], CultureInfo.InvariantCulture),
                cells[note].Length == 0 ? null : cells[note]));
        }
        return new SensitivityTable(method, columns, rankBy, header[note - 1], read, series);

        static double Cell(string text) => text.Length == 0 ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static string MeasureName(Measure measure) => measure == Measure.Value ? "value" : "difference";

    /// <summary>Round-trip precision; missing (empty) for NaN and infinities, so no table ever holds "NaN".</summary>
    public static string Number(double x) => double.IsFinite(x) ? CsvResultWriter.Format(x) : "";
}
