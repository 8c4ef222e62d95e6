using System.ComponentModel;
using Simulation.Engine.Model;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim import MODEL.xmile|MODEL.mdl -o MODEL.json [--force]</c>: writes a model in our JSON format.</summary>
public sealed class ImportCommand : Command<ImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("The model to convert: XMILE (.xmile, .stmx, .itmx), Vensim (.mdl) or our JSON.")]
        public string Model { get; init; } = "";

        [CommandOption("-o|--output <FILE>")]
        [Description("The JSON model file to write (.json).")]
        public string? Output { get; init; }

        [CommandOption("--force")]
        [Description("Overwrite the output file if it exists.")]
        public bool Force { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Output is null) throw new UsageException("give the file to write with -o FILE.json");
        if (!settings.Output.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"cannot write a model as '{Path.GetExtension(settings.Output)}'", "name the output file .json");
        OutputFiles.EnsureWritable(settings.Output, settings.Force, settings.Model);
        CheckedModel model;
        try
        {
            model = ModelLoader.Load(settings.Model, new TimeOverrides());
        }
        catch (ModelErrorsException)
        {
            Console.Error.WriteLine("nothing written: the model has errors");
            return ExitCodes.ModelErrors;
        }
        string schema = SchemaReference.For(settings.Output);
        OutputFiles.WriteAtomically(settings.Output, writer => ModelJsonWriter.Write(model.Document, writer, schema));
        Console.Error.WriteLine($"wrote {model.Document.Variables.Length} variables to {settings.Output}");
        return ExitCodes.Ok;
    }
}
