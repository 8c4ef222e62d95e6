using System.Text.RegularExpressions;
using Simulation.Engine.Model.Json;

namespace Simulation.Engine.Model;

/// <summary>
/// Writes any <see cref="ModelDocument"/> (read from our JSON, imported from XMILE, or built in
/// code) as our JSON model format (docs/model-format.md), valid against the published schema and
/// naming it in "$schema". Nothing the format can hold is dropped: documentation, units, inputs with
/// source and range, per-element equations, graphs (as x values or as an x range). Reading the file
/// back gives a document that binds to the same model, so it simulates identically.
/// </summary>
public static partial class ModelJsonWriter
{
    public static string ToJson(ModelDocument document, string schema)
    {
        var text = new StringWriter { NewLine = "\n" };
        Write(document, text, schema);
        return text.ToString();
    }

    /// <param name="schema">The "$schema" reference: a path relative to the written file, or the schema's URL.</param>
    public static void Write(ModelDocument document, TextWriter output, string schema)
    {
        var json = new PrettyJsonWriter(output);
        json.BeginObject();
        json.Property("$schema", schema);
        json.Property("formatVersion", document.FormatVersion);
        json.Property("name", document.Name);
        if (document.Description is { } description) json.Property("description", description);
        WriteTime(json, document.Time);
        if (!document.Dimensions.IsEmpty)
        {
            json.Name("dimensions");
            json.BeginArray();
            foreach (var dimension in document.Dimensions) WriteDimension(json, dimension);
            json.EndArray();
        }
        json.Name("variables");
        json.BeginArray();
        foreach (var variable in document.Variables) WriteVariable(json, variable);
        json.EndArray();
        json.EndObject();
        output.Write('\n');
    }

    private static void WriteTime(PrettyJsonWriter json, TimeSettings time)
    {
        json.Name("time");
        json.BeginObject();
        json.Property("start", time.Start);
        json.Property("stop", time.Stop);
        json.Property("dt", time.Dt);
        if (time.SavePeriod is double save) json.Property("savePeriod", save);
        json.Property("method", time.Method.ToString().ToLowerInvariant());
        if (time.Units is { } units) json.Property("units", units);
        json.EndObject();
    }

    private static void WriteDimension(PrettyJsonWriter json, DimensionDefinition dimension)
    {
        json.BeginArrayItem();
        json.BeginObject();
        json.Property("name", dimension.Name);
        if (dimension.Size is int size) json.Property("size", size);
        else json.Property("elements", dimension.Elements);
        if (dimension.SubrangeOf is { } parent) json.Property("subrangeOf", parent);
        if (dimension.MapsTo is { } target) json.Property("mapsTo", target);
        if (dimension.Mapping is { } mapping)
        {
            json.Name("mapping");
            json.BeginObject();
            foreach (var (from, to) in mapping.OrderBy(p => p.Key, StringComparer.Ordinal)) json.Property(from, to);
            json.EndObject();
        }
        if (dimension.Documentation is { } doc) json.Property("doc", doc);
        json.EndObject();
    }

    private static void WriteVariable(PrettyJsonWriter json, VariableDefinition variable)
    {
        json.BeginArrayItem();
        json.BeginObject();
        json.Property("name", variable.Name);
        json.Property("kind", variable.Kind.ToString().ToLowerInvariant());
        if (variable.Equation is { } equation) WriteEquation(json, variable.Kind == VariableKind.Stock ? "initial" : "equation", equation.Text);
        if (!variable.Dimensions.IsEmpty) json.Property("dimensions", variable.Dimensions.Select(d => d.Name));
        if (!variable.Elements.IsEmpty)
        {
            json.Name("elements");
            json.BeginObject();
            foreach (var element in variable.Elements) WriteElement(json, element);
            json.EndObject();
        }
        if (!variable.Inflows.IsEmpty) json.Property("inflows", variable.Inflows.Select(f => f.Name));
        if (!variable.Outflows.IsEmpty) json.Property("outflows", variable.Outflows.Select(f => f.Name));
        if (variable.NonNegative && variable.Kind is VariableKind.Stock or VariableKind.Flow) json.Property("nonNegative", true);
        if (variable.Graph is { } graph) WriteGraph(json, graph);
        if (variable.Units is { } units) json.Property("units", units);
        if (variable.Documentation is { } doc) json.Property("doc", doc);
        if (variable.Input is { } input)
        {
            json.Property("input", true);
            if (input.Source is { } source) json.Property("source", source);
            if (input is { Low: double low, High: double high }) json.Property("range", [low, high]);
            else if (input is { ElementLow: { } lows, ElementHigh: { } highs })
                json.RawProperty("range", $"[{PrettyJsonWriter.List(lows)}, {PrettyJsonWriter.List(highs)}]");
        }
        json.EndObject();
    }

    private static void WriteElement(PrettyJsonWriter json, ElementDefinition element)
    {
        string key = string.Join(",", element.Subscript);
        if (element.Graph is null && element.Equation is { } only)
        {
            WriteEquation(json, key, only.Text);
            return;
        }
        json.Name(key);
        json.BeginObject();
        if (element.Equation is { } equation) WriteEquation(json, "equation", equation.Text);
        if (element.Graph is { } graph) WriteGraph(json, graph);
        json.EndObject();
    }

    private static void WriteGraph(PrettyJsonWriter json, GraphDefinition graph)
    {
        json.Name("graph");
        json.BeginObject();
        if (graph.XRange is { } range) json.Property("xRange", [range.Min, range.Max]);
        else json.Property("x", graph.X);
        json.Property("y", graph.Y);
        if (graph.Interpolation != GraphInterpolation.Continuous) json.Property("interpolation", graph.Interpolation.ToString().ToLowerInvariant());
        if (graph.XUnits is { } xUnits) json.Property("xUnits", xUnits);
        json.EndObject();
    }

    /// <summary>An equation that is just a number is written as a JSON number (as people write constants); anything else as text.</summary>
    private static void WriteEquation(PrettyJsonWriter json, string name, string text)
    {
        string trimmed = text.Trim(); // spacing around an equation means nothing
        if (JsonNumber().IsMatch(trimmed)) json.RawProperty(name, trimmed);
        else json.Property(name, trimmed);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
