using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;
using Simulation.Engine.Scenarios.Format;

namespace Simulation.Engine.Calibration.Format;

/// <summary>
/// Reads a fit file (docs/calibration.md) into a <see cref="FitDocument"/>. Structure is the schema's to report
/// (<see cref="SchemaFormat"/>, as for experiments); this reader adds the checks a schema cannot express (which keys
/// go together), each located, and stays lenient so that one pass reports every problem.
/// </summary>
public static class FitJsonReader
{
    public static FitDocument? ReadFile(string path, DiagnosticBag diagnostics) =>
        SourceFile.Load(path, diagnostics, DiagnosticCodes.MalformedJson) is { } file ? Read(file, diagnostics) : null;

    public static FitDocument? Read(SourceFile file, DiagnosticBag diagnostics)
    {
        if (SchemaFormat.Fit.Open(file, diagnostics) is not { } doc) return null;
        var (obj, json) = (doc.Root, doc.Json);
        if (obj["model"] is not JsonString model || obj["data"] is not JsonString data) return null; // reported by the schema
        return new FitDocument
        {
            Name = doc.Name,
            Description = doc.Description,
            Model = json.Name(model),
            ModelPath = doc.PathOf(model),
            Data = json.Name(data),
            DataPath = doc.PathOf(data),
            Time = doc.Time,
            Seed = doc.Seed,
            Parameters = json.Objects(obj["parameters"]).Select(p => ReadParameter(p, json)).OfType<FitParameter>().ToImmutableArray(),
            Series = json.Objects(obj["fit"]).Select(s => ReadSeries(s, json)).OfType<FitSeries>().ToImmutableArray(),
            SeriesLocation = obj["fit"] is { } fit ? json.At(fit) : doc.Location,
            Source = file,
            Location = doc.Location,
        };
    }

    private static FitParameter? ReadParameter(JsonObject p, JsonReading json)
    {
        if (p["input"] is not JsonString input) return null;
        return new FitParameter
        {
            Target = json.Reference(input),
            Min = json.Number(p["min"]),
            Max = json.Number(p["max"]),
            MinLocation = p["min"] is { } min ? json.At(min) : json.At(input),
            MaxLocation = p["max"] is { } max ? json.At(max) : json.At(input),
            Apply = JsonReading.String(p["apply"]) == "multiply" ? ApplyMode.Multiply : ApplyMode.Set,
            Scale = JsonReading.String(p["scale"]) == "log" ? ParameterScale.Log : ParameterScale.Linear,
            Start = json.Number(p["start"]),
            StartLocation = p["start"] is { } start ? json.At(start) : null,
            Prior = p["prior"] is JsonObject prior ? ReadPrior(prior, json) : null,
            Location = json.At(input),
        };
    }

    /// <summary>A prior, written as an experiment's uncertain input is (the schema keeps to the continuous kinds).</summary>
    private static DistributionDefinition? ReadPrior(JsonObject prior, JsonReading json) =>
        UncertaintyJsonReader.KindOf(JsonReading.String(prior["distribution"])) is { } kind ? UncertaintyJsonReader.Distribution(prior, kind, json, json.At(prior)) : null;

    private static FitSeries? ReadSeries(JsonObject s, JsonReading json)
    {
        var column = s["column"] as JsonString;
        var variable = s.Find("variable");
        var total = s.Find("total");
        var location = json.At(s);
        if (variable is not null && total is not null)
        {
            json.Invalid("a series compares its column with \"variable\" or with \"total\", not both", json.NameAt(total),
                "\"variable\": the value at each data time; \"total\": the integral over each data interval", DiagnosticCodes.InvalidSeries);
            return null;
        }
        var expression = variable ?? total;
        if (expression is null && column is null)
        {
            json.Invalid("a series needs \"column\" (the data column) and \"variable\" or \"total\" (what the model gives)", location,
                "e.g. { \"column\": \"in_bed\", \"variable\": \"Infected\" }", DiagnosticCodes.InvalidSeries);
            return null;
        }
        var equation = json.Equation(expression?.Value ?? column!);
        if (equation is null) return null; // reported by the schema
        if (total is null && s.Find("interval") is { } interval)
            json.Invalid("\"interval\" is the length of the data intervals a \"total\" adds up over", json.NameAt(interval),
                "give \"total\" instead of \"variable\", or remove \"interval\"", DiagnosticCodes.InvalidSeries);
        var error = JsonReading.String(s["error"]) switch
        {
            "sse" => ErrorKind.Sse,
            "lognormal" => ErrorKind.LogNormal,
            "poisson" => ErrorKind.Poisson,
            "negativeBinomial" => ErrorKind.NegativeBinomial,
            _ => ErrorKind.Normal,
        };
        if (s.Find("sd") is { } sd && error is not (ErrorKind.Normal or ErrorKind.LogNormal))
            json.Invalid($"\"sd\" is for normal and lognormal errors, not {JsonReading.String(s["error"])}", json.NameAt(sd),
                error == ErrorKind.Sse ? "sse estimates one sd for all its series; choose \"normal\" to give a known sd" : null, DiagnosticCodes.InvalidSeries);
        if (s.Find("dispersion") is { } dispersion && error != ErrorKind.NegativeBinomial)
            json.Invalid("\"dispersion\" is for negativeBinomial errors", json.NameAt(dispersion), null, DiagnosticCodes.InvalidSeries);
        return new FitSeries
        {
            Column = column?.Value ?? (expression!.Value as JsonString)?.Value ?? equation.Text,
            ColumnLocation = column is not null ? json.At(column) : json.At(expression!.Value),
            Kind = total is not null ? SeriesKind.Total : SeriesKind.Value,
            Expression = equation,
            Interval = json.Number(s["interval"]),
            IntervalLocation = s["interval"] is { } i ? json.At(i) : null,
            Error = error,
            Sd = error is ErrorKind.Normal or ErrorKind.LogNormal ? json.Number(s["sd"]) : null,
            Dispersion = error == ErrorKind.NegativeBinomial ? json.Number(s["dispersion"]) : null,
            Weight = json.Number(s["weight"]) ?? 1,
            Location = location,
        };
    }
}
