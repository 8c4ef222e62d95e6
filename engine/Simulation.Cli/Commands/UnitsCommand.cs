using System.ComponentModel;
using System.Text;
using Newtonsoft.Json;
using Simulation.Engine.Units;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim units MODEL [--format text|json]</c>: every variable's declared and inferred units, and the problems found.</summary>
public sealed class UnitsCommand : Command<UnitsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: our JSON (.json) or XMILE (.xmile, .stmx, .itmx).")]
        public string Model { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("text (default): a table. json: the same as JSON, for tools.")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        bool json = settings.Format.ToLowerInvariant() switch
        {
            "text" => false,
            "json" => true,
            _ => throw new UsageException($"unknown format '{settings.Format}'", "use text or json"),
        };
        try
        {
            UnitAnalysis? analysis = null;
            ModelLoader.Load(settings.Model, new TimeOverrides(), furtherChecks: (model, diagnostics) => analysis = UnitChecker.Check(model.Bound, diagnostics));
            Console.Out.Write(json ? Json(analysis!) : Text(analysis!));
            return ExitCodes.Ok;
        }
        catch (ModelErrorsException)
        {
            return ExitCodes.ModelErrors;
        }
    }

    private static string Text(UnitAnalysis analysis)
    {
        var rows = analysis.Listing().Select(r => new[]
        {
            r.Variable, r.Kind.ToString().ToLowerInvariant(), r.Declared ?? "", r.Inferred ?? "?", r.Status,
        }).ToList();
        string[] header = ["variable", "kind", "declared", "inferred", "status"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        text.Append($"time unit: {analysis.TimeUnit?.ToString() ?? "?"}\n\n");
        foreach (var row in rows.Prepend(header))
            text.Append(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])))).Append('\n');
        var counts = analysis.Listing().GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        text.Append($"\n{string.Join(", ", counts)}\n");
        return text.ToString();
    }

    private static string Json(UnitAnalysis analysis) => JsonConvert.SerializeObject(new
    {
        timeUnit = analysis.TimeUnit?.ToString(),
        variables = analysis.Listing().Select(r => new
        {
            variable = r.Variable,
            kind = r.Kind.ToString().ToLowerInvariant(),
            declared = r.Declared,
            inferred = r.Inferred,
            inputUnits = r.InputUnits,
            status = r.Status,
        }),
    }, Formatting.Indented) + "\n";
}
