using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import.Xml;
using Simulation.Engine.Model;

namespace Simulation.Engine.Import;

/// <summary>
/// Reads &lt;sim_specs&gt; (XMILE 2.3): start and stop (required), dt (default 1; with reciprocal="true"
/// the text is 1/dt), method (euler, rk2, rk4; a fallback list such as "gear, rk4" takes the first
/// method we have), time units, and a save interval when the file gives one (save_interval, as an
/// attribute with or without the isee: prefix, or as an element).
/// </summary>
internal static class XmileTimeReader
{
    public static TimeSettings Read(XmlElement? specs, XmlElement fallbackLocation, XmileContext context)
    {
        if (specs is null)
        {
            context.Diagnostics.Error(DiagnosticCodes.MissingEquation, "the file has no <sim_specs>, so start and stop times are unknown",
                context.At(fallbackLocation), hint: "add <sim_specs><start>0</start><stop>10</stop></sim_specs>");
            return new TimeSettings { Location = context.At(fallbackLocation) };
        }
        var location = context.At(specs);
        double? start = Required(specs, "start", context);
        double? stop = Required(specs, "stop", context);
        double dt = 1;
        var dtElement = specs.Element("dt");
        if (dtElement is not null && context.Number(dtElement, "<dt>") is double value)
        {
            bool reciprocal = context.Boolean(dtElement.AttributeValue("reciprocal"), "reciprocal", context.At(dtElement)) ?? false;
            dt = reciprocal ? 1 / value : value;
        }
        return new TimeSettings
        {
            Start = start ?? 0,
            Stop = stop ?? 1,
            Dt = dt,
            SavePeriod = SaveInterval(specs, context),
            Method = Method(specs, context),
            Units = specs.AttributeValue("time_units") is { Length: > 0 } units ? units : null,
            Location = location,
            DtLocation = dtElement is null ? location : context.At(dtElement),
            StopLocation = specs.Element("stop") is { } s ? context.At(s) : location,
            SavePeriodLocation = location,
        };
    }

    private static double? Required(XmlElement specs, string name, XmileContext context)
    {
        if (specs.Element(name) is { } e) return context.Number(e, $"<{name}>");
        context.Diagnostics.Error(DiagnosticCodes.MissingEquation, $"<sim_specs> has no <{name}>", context.At(specs),
            hint: $"add <{name}>...</{name}>");
        return null;
    }

    private static double? SaveInterval(XmlElement specs, XmileContext context)
    {
        foreach (var name in new[] { "save_interval", "isee:save_interval" })
            if (context.NumberAttribute(specs, name, $"the {name} of <sim_specs>") is double v)
                return v;
        return specs.Element("save_interval") is { } e ? context.Number(e, "<save_interval>") : null;
    }

    private static IntegrationMethod Method(XmlElement specs, XmileContext context)
    {
        var attribute = specs.Attribute("method");
        if (attribute is null || string.IsNullOrWhiteSpace(attribute.Value)) return IntegrationMethod.Euler;
        foreach (var choice in attribute.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            switch (choice.ToLowerInvariant())
            {
                case "euler":
                    return IntegrationMethod.Euler;
                case "rk2":
                    return IntegrationMethod.RK2;
                case "rk4":
                    return IntegrationMethod.RK4;
            }
        }
        context.Unsupported($"the integration method '{attribute.Value}'", context.At(attribute),
            hint: "use euler, rk2 or rk4, or give a fallback list such as \"rk45, rk4\"");
        return IntegrationMethod.Euler;
    }
}
