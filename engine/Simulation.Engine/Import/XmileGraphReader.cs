using System.Collections.Immutable;
using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import.Xml;
using Simulation.Engine.Model;

namespace Simulation.Engine.Import;

/// <summary>
/// Reads a &lt;gf&gt; (XMILE 4.1.3): y points with either an x scale (evenly spaced x) or explicit x
/// points (which win when a file gives both), each list with an optional one-character separator
/// (sep, default ","); the type continuous (default), extrapolate or discrete, also accepted as the
/// older discrete="true". The y scale only affects display and is ignored.
/// </summary>
internal static class XmileGraphReader
{
    public static GraphDefinition? Read(XmlElement gf, string owner, XmileContext context)
    {
        var location = context.At(gf);
        var yElement = gf.Element("ypts");
        if (yElement is null)
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidGraph, $"the graphical function of '{owner}' has no <ypts>", location, owner,
                "give the y values, e.g. <ypts>0,0.5,1</ypts>");
            return null;
        }
        var y = Points(yElement, owner, context);
        if (y is null) return null;
        ImmutableArray<double> x;
        (double, double)? range = null;
        if (gf.Element("xpts") is { } xElement)
        {
            var points = Points(xElement, owner, context);
            if (points is null) return null;
            x = points.Value;
        }
        else if (gf.Element("xscale") is { } scale
                 && context.NumberAttribute(scale, "min", "the min of <xscale>") is double min
                 && context.NumberAttribute(scale, "max", "the max of <xscale>") is double max)
        {
            range = (min, max);
            x = GraphDefinition.EvenlySpaced(min, max, y.Value.Length);
        }
        else
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidGraph, $"the graphical function of '{owner}' has neither <xscale> nor <xpts>",
                location, owner, "give <xscale min=\"...\" max=\"...\"/> or the x values in <xpts>");
            return null;
        }
        return new GraphDefinition { X = x, Y = y.Value, XRange = range, Interpolation = Interpolation(gf, context), Location = location };
    }

    private static GraphInterpolation Interpolation(XmlElement gf, XmileContext context)
    {
        if (gf.Attribute("type") is { } type)
        {
            switch (type.Value.Trim().ToLowerInvariant())
            {
                case "continuous":
                    return GraphInterpolation.Continuous;
                case "extrapolate":
                    return GraphInterpolation.Extrapolate;
                case "discrete":
                    return GraphInterpolation.Discrete;
                default:
                    context.Diagnostics.Error(DiagnosticCodes.InvalidValue,
                        $"the graphical function type '{type.Value}' is not one of continuous, extrapolate, discrete", context.At(type));
                    return GraphInterpolation.Continuous;
            }
        }
        bool discrete = context.Boolean(gf.AttributeValue("discrete"), "discrete", context.At(gf)) ?? false;
        return discrete ? GraphInterpolation.Discrete : GraphInterpolation.Continuous;
    }

    private static ImmutableArray<double>? Points(XmlElement list, string owner, XmileContext context)
    {
        string separator = list.AttributeValue("sep") is { Length: > 0 } sep ? sep : ",";
        var text = list.Text.Value;
        var result = ImmutableArray.CreateBuilder<double>();
        foreach (var piece in text.Split(separator))
        {
            string s = piece.Trim();
            if (s.Length == 0 && text.Trim().Length == 0) break;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                context.Diagnostics.Error(DiagnosticCodes.InvalidGraph, $"<{list.Name}> of the graphical function of '{owner}' has '{s}', which is not a number",
                    context.At(list), owner, $"separate the numbers with '{separator}'");
                return null;
            }
            result.Add(value);
        }
        return result.ToImmutable();
    }
}
