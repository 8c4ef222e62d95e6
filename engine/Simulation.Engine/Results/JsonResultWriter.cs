using Newtonsoft.Json;

namespace Simulation.Engine.Results;

/// <summary>
/// Writes results as JSON, column by column: <c>{"time": [...], "variables": {"name": [...]}}</c>.
/// JSON has no NaN or infinity; such values are written as null.
/// </summary>
public static class JsonResultWriter
{
    public static void Write(SimulationResult result, TextWriter writer, string? modelName = null) =>
        Write(result.Names, result.Times, j => result.Rows.Select(r => r[j]), writer, modelName);

    /// <summary>Writes rows spilled to a file as a run produced them (sim run --output FILE.json).</summary>
    public static void Write(IReadOnlyList<string> names, SpilledRows rows, TextWriter writer, string? modelName = null) =>
        Write(names, rows.Times, rows.Column, writer, modelName);

    private static void Write(IReadOnlyList<string> names, IEnumerable<double> times, Func<int, IEnumerable<double>> column, TextWriter writer, string? modelName)
    {
        using var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, CloseOutput = false };
        json.WriteStartObject();
        if (modelName is not null)
        {
            json.WritePropertyName("model");
            json.WriteValue(modelName);
        }
        json.WritePropertyName("time");
        WriteArray(json, times);
        json.WritePropertyName("variables");
        json.WriteStartObject();
        for (int j = 0; j < names.Count; j++)
        {
            json.WritePropertyName(names[j]);
            WriteArray(json, column(j));
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteArray(JsonTextWriter json, IEnumerable<double> values)
    {
        json.WriteStartArray();
        var formatting = json.Formatting;
        json.Formatting = Formatting.None;
        foreach (double v in values)
        {
            if (double.IsFinite(v)) json.WriteRawValue(CsvResultWriter.Format(v));
            else json.WriteNull();
        }
        json.WriteEndArray();
        json.Formatting = formatting;
    }
}
