using System.ComponentModel;
using Simulation.Engine.Structure;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim graph MODEL [--format mermaid|dot] [--focus VAR --depth N] [--output F]</c>: the stock-and-flow diagram as text.</summary>
public sealed class GraphCommand : Command<GraphCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: our JSON (.json) or XMILE (.xmile, .stmx, .itmx).")]
        public string Model { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("mermaid (default): a Mermaid flowchart (GitHub and most Markdown viewers draw it). dot: Graphviz (dot -Tsvg lays it out).")]
        [DefaultValue("mermaid")]
        public string Format { get; init; } = "mermaid";

        [CommandOption("--focus <VARIABLE>")]
        [Description("Draw only the variables within --depth links of this one (either way), for big models.")]
        public string? Focus { get; init; }

        [CommandOption("--depth <N>")]
        [Description("With --focus: how many links out to draw (default 1).")]
        [DefaultValue(1)]
        public int Depth { get; init; } = 1;

        [CommandOption("--output <FILE>")]
        [Description("Write the diagram to this file instead of standard output.")]
        public string? Output { get; init; }

        [CommandOption("--force")]
        [Description("Overwrite --output if it exists.")]
        public bool Force { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string format = settings.Format.ToLowerInvariant();
        if (format is not ("mermaid" or "dot")) throw new UsageException($"unknown format '{settings.Format}'", "use mermaid or dot");
        if (settings.Depth < 0) throw new UsageException($"--depth {settings.Depth} is negative", "give 0 or more links");
        if (settings.Output is not null) OutputFiles.EnsureWritable(settings.Output, settings.Force, settings.Model);
        try
        {
            var model = ModelLoader.Load(settings.Model, new TimeOverrides());
            var graph = StructureGraph.Build(model.Bound);
            IReadOnlySet<int>? only = null;
            if (settings.Focus is { } focus)
            {
                int node = graph.IndexOf(focus);
                if (node < 0) throw new UsageException($"--focus '{focus}' is not a variable of {settings.Model}", "give a variable's name as the model writes it");
                only = graph.Around(node, settings.Depth);
            }
            string text = format == "dot"
                ? DiagramWriter.Dot(graph, model.Document.Name, only)
                : DiagramWriter.Mermaid(graph, only);
            if (settings.Output is null) Console.Out.Write(text);
            else
            {
                OutputFiles.WriteAtomically(settings.Output, writer => writer.Write(text));
                Console.Error.WriteLine($"wrote the diagram ({only?.Count ?? graph.Nodes.Length} variables) to {settings.Output}");
            }
            return ExitCodes.Ok;
        }
        catch (ModelErrorsException)
        {
            return ExitCodes.ModelErrors;
        }
    }
}
