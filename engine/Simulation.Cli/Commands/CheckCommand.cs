using System.ComponentModel;
using Simulation.Engine.Units;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim check MODEL [--format text|json] [--strict-units]</c>: the model's diagnostics, its units checked too.</summary>
public sealed class CheckCommand : Command<CheckCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: our JSON (.json), XMILE (.xmile, .stmx, .itmx) or Vensim (.mdl).")]
        public string Model { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("text (default): compiler-style lines on standard error. json: the same diagnostics as JSON on standard output.")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        [CommandOption("--strict-units")]
        [Description("Unit problems (SD4001-SD4005) are errors, and so is a variable that declares no units (SD4006): for CI.")]
        public bool StrictUnits { get; init; }
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
            var model = ModelLoader.Load(settings.Model, new TimeOverrides(), json,
                (checkedModel, diagnostics) => UnitChecker.Check(checkedModel.Bound, diagnostics, settings.StrictUnits));
            if (!json)
                Console.Error.WriteLine($"{settings.Model}: ok ({model.Bound.Variables.Length} variables, {model.Bound.Elements.Length} elements)");
            return ExitCodes.Ok;
        }
        catch (ModelErrorsException)
        {
            return ExitCodes.ModelErrors;
        }
    }
}
