using Newtonsoft.Json.Linq;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Model.Json;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Levers;

/// <summary>
/// What the levers app serves, read from a file: an experiment as written, or a JSON model, which is served as the
/// experiment that has one scenario (the model as it is) and measures each stock's final value (its sum over the
/// elements of an arrayed one), charting the stocks. <see cref="Text"/> is the experiment as JSON either way, which
/// "save as scenario" extends.
/// </summary>
public sealed record LeverSource(ExperimentDocument Document, string Text, bool FromModel)
{
    public static LeverSource? Read(string path, DiagnosticBag diagnostics)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".xmile" or ".stmx" or ".itmx" or ".mdl")
        {
            diagnostics.Error(DiagnosticCodes.MalformedJson, "the levers app serves experiments and JSON models", new SourceLocation(path, 1, 1),
                hint: "convert the model first: sim import MODEL -o model.json");
            return null;
        }
        if (SourceFile.Load(path, diagnostics, DiagnosticCodes.MalformedJson) is not { } file) return null;
        if (file.IsBinary(diagnostics, DiagnosticCodes.MalformedJson, "give an experiment or a JSON model")) return null;
        var probe = new DiagnosticBag();
        bool experiment = JsonParser.Parse(file, probe) is JsonObject root && root["model"] is JsonString;
        if (experiment)
            return ExperimentJsonReader.Read(file, diagnostics) is { } document ? new LeverSource(document, file.Text, false) : null;
        if (ModelPipeline.Read(path, diagnostics) is not { } model || diagnostics.HasErrors) return null;
        string text = ImplicitExperiment(model, Path.GetFullPath(path));
        var implicitFile = new SourceFile(path, text);
        return ExperimentJsonReader.Read(implicitFile, diagnostics) is { } doc ? new LeverSource(doc, text, true) : null;
    }

    private static string ImplicitExperiment(ModelDocument model, string modelPath)
    {
        var outcomes = new JArray();
        foreach (var stock in model.Variables.Where(v => v.Kind == VariableKind.Stock))
        {
            string name = ExprPrinter.FormatName(stock.Name);
            string value = stock.Dimensions.IsEmpty ? name : $"SUM({name}[{string.Join(", ", stock.Dimensions.Select(_ => "*"))}])";
            var outcome = new JObject { ["name"] = stock.Name, ["value"] = value };
            if (stock.Units is { } units) outcome["units"] = units;
            outcomes.Add(outcome);
        }
        var experiment = new JObject
        {
            ["formatVersion"] = 1,
            ["name"] = model.Name,
            ["description"] = $"The model {Path.GetFileName(modelPath)} as it is; each stock's final value is an outcome.",
            ["model"] = modelPath,
            ["outcomes"] = outcomes,
        };
        return experiment.ToString(Newtonsoft.Json.Formatting.Indented);
    }
}
