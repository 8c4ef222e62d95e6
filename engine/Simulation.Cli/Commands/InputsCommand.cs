using System.ComponentModel;
using Spectre.Console.Cli;
using Simulation.Engine.Model;

namespace Simulation.Cli.Commands;

/// <summary><c>sim inputs MODEL [--format markdown|csv]</c>: the model's inputs with value, units, range and source.</summary>
public sealed class InputsCommand : Command<InputsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: our JSON (.json), XMILE (.xmile, .stmx, .itmx) or Vensim (.mdl).")]
        public string Model { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("markdown (default): a Markdown table, as the model documentation embeds it. csv: one row per input.")]
        [DefaultValue("markdown")]
        public string Format { get; init; } = "markdown";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Func<IReadOnlyList<InputRow>, string> format = settings.Format.ToLowerInvariant() switch
        {
            "markdown" => InputTable.Markdown,
            "csv" => InputTable.Csv,
            _ => throw new UsageException($"unknown format '{settings.Format}'", "use markdown or csv"),
        };
        try
        {
            var model = ModelLoader.Load(settings.Model, new TimeOverrides());
            Console.Out.Write(format(InputTable.Rows(model.Document)));
            return ExitCodes.Ok;
        }
        catch (ModelErrorsException)
        {
            return ExitCodes.ModelErrors;
        }
    }
}
