using System.Globalization;
using System.Text;

namespace Simulation.Engine.Model;

/// <summary>One input of a model as a reviewer reads it: what it means, its value, units, plausible range and source.</summary>
public sealed record InputRow(string Name, string Meaning, string Value, string Units, string Range, string Source);

/// <summary>
/// The inputs of a model (variables marked <c>"input": true</c>), in the model's order, formatted as a
/// Markdown or CSV table. Values and ranges are shown as the file writes them; an arrayed input lists its
/// elements (<c>0-17: 60; 18-44: 60</c>).
/// </summary>
public static class InputTable
{
    public static IReadOnlyList<InputRow> Rows(ModelDocument model) =>
        model.Variables.Where(v => v.Input is not null).Select(v => new InputRow(
            v.Name, v.Documentation ?? "", ValueOf(v), v.Units ?? "", RangeOf(model, v), v.Input!.Source ?? "")).ToList();

    public static string Markdown(IReadOnlyList<InputRow> rows)
    {
        var text = new StringBuilder();
        text.Append("| Input | Meaning | Value | Units | Plausible range | Source |\n|---|---|---|---|---|---|\n");
        foreach (var r in rows)
            text.Append("| ").Append(string.Join(" | ", new[] { r.Name, r.Meaning, r.Value, r.Units, r.Range, r.Source }.Select(Cell))).Append(" |\n");
        return text.ToString();
    }

    public static string Csv(IReadOnlyList<InputRow> rows)
    {
        var text = new StringBuilder("input,meaning,value,units,range,source\n");
        foreach (var r in rows)
            text.Append(string.Join(",", new[] { r.Name, r.Meaning, r.Value, r.Units, r.Range, r.Source }.Select(Quote))).Append('\n');
        return text.ToString();
    }

    private static string ValueOf(VariableDefinition v)
    {
        if (v.Graph is { } graph)
            return $"x: {Numbers(graph.X)}; y: {Numbers(graph.Y)}";
        var parts = new List<string>();
        if (v.Equation is { } equation) parts.Add(v.Elements.IsEmpty ? equation.Text : "otherwise " + equation.Text);
        parts.InsertRange(0, v.Elements.Select(e => $"{string.Join(",", e.Subscript)}: {e.Equation?.Text ?? "graph"}"));
        return string.Join("; ", parts);
    }

    private static string RangeOf(ModelDocument model, VariableDefinition v)
    {
        var info = v.Input!;
        if (info.Low is double low && info.High is double high) return $"{Number(low)} to {Number(high)}";
        if (info.ElementLow is not { } lows || info.ElementHigh is not { } highs) return "";
        var names = ElementNames(model, v);
        return string.Join("; ", Enumerable.Range(0, Math.Min(lows.Length, highs.Length))
            .Select(i => $"{(i < names.Count ? names[i] + ": " : "")}{Number(lows[i])} to {Number(highs[i])}"));
    }

    /// <summary>Element names of an arrayed variable in row-major order ("0-17,Q1", ...), as output columns name them.</summary>
    private static List<string> ElementNames(ModelDocument model, VariableDefinition v)
    {
        var names = new List<string> { "" };
        foreach (var reference in v.Dimensions)
        {
            var dimension = model.Dimensions.FirstOrDefault(d => string.Equals(d.Name, reference.Name, StringComparison.OrdinalIgnoreCase));
            var elements = dimension is null ? [] : dimension.Size is int n ? Enumerable.Range(1, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList() : dimension.Elements.ToList();
            names = names.SelectMany(prefix => elements.Select(e => prefix.Length == 0 ? e : prefix + "," + e)).ToList();
        }
        return names;
    }

    private static string Numbers(IEnumerable<double> values) => string.Join(", ", values.Select(Number));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

    private static string Quote(string text) => text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
}
