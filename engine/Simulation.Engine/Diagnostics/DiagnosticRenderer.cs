using System.Text;
using Newtonsoft.Json;

namespace Simulation.Engine.Diagnostics;

/// <summary>
/// Prints diagnostics the way compilers do, so editors and CI logs can jump to them:
/// <code>
/// models/acute.json(41,18): error SD2001: unknown variable 'bed ocupancy' in the equation of 'discharges'
///     bed ocupancy / length of stay
///     ~~~~~~~~~~~~
///   did you mean 'bed occupancy'?
/// </code>
/// and as JSON for tools.
/// </summary>
public static class DiagnosticRenderer
{
    public static string Headline(Diagnostic d)
    {
        string where = d.Location is { } loc ? $"{loc}: " : "";
        string severity = d.Severity == Severity.Error ? "error" : "warning";
        return $"{where}{severity} {d.Code}: {d.Message}";
    }

    public static string ToText(Diagnostic d)
    {
        var sb = new StringBuilder();
        sb.Append(Headline(d)).Append('\n');
        if (d.Equation is { } eq && d.Span is { } span)
            AppendEquationExcerpt(sb, eq.Text, span);
        if (!string.IsNullOrEmpty(d.Hint))
            sb.Append("  ").Append(d.Hint).Append('\n');
        return sb.ToString();
    }

    public static string ToText(IEnumerable<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(ToText));

    /// <summary>
    /// Draws the line of the equation holding the span, with ~~~ under the span; a long line is cut to
    /// <see cref="MaxWidth"/> characters around the span. Only that window is searched for the line's ends, so a
    /// diagnostic costs the same in a 3 MB one-line equation as in a short one.
    /// </summary>
    private static void AppendEquationExcerpt(StringBuilder sb, string text, TextSpan span)
    {
        int start = Math.Clamp(span.Start, 0, text.Length);
        int lineStart = start;
        int earliest = Math.Max(0, start - MaxWidth); // the window never starts before it
        while (lineStart > earliest && text[lineStart - 1] != '\n' && text[lineStart - 1] != '\r') lineStart--;
        int latest = Math.Min(text.Length, start + MaxWidth); // nor ends after it
        int lineEnd = text.AsSpan(start, latest - start).IndexOfAny('\n', '\r');
        lineEnd = lineEnd < 0 ? latest : start + lineEnd;
        int offset = lineEnd - lineStart > MaxWidth ? Math.Max(0, Math.Min(start - lineStart - 40, lineEnd - lineStart - MaxWidth)) : 0;
        string line = text.Substring(lineStart + offset, Math.Min(MaxWidth, lineEnd - lineStart - offset)).Replace('\t', ' ');
        int column = start - lineStart - offset;
        int width = Math.Max(1, Math.Min(span.Length, line.Length - column));
        sb.Append("    ").Append(line).Append('\n');
        sb.Append("    ").Append(' ', Math.Max(0, column)).Append('~', width).Append('\n');
    }

    private const int MaxWidth = 160;

    public static string ToJson(IEnumerable<Diagnostic> diagnostics)
    {
        var items = diagnostics.Select(d => new
        {
            code = d.Code,
            severity = d.Severity == Severity.Error ? "error" : "warning",
            message = d.Message,
            file = d.Location?.Path,
            line = d.Location?.Line,
            column = d.Location?.Column,
            variable = d.Variable,
            equation = d.Equation?.Text,
            spanStart = d.Span?.Start,
            spanLength = d.Span?.Length,
            hint = d.Hint,
        });
        return JsonConvert.SerializeObject(new { diagnostics = items }, Formatting.Indented);
    }
}
