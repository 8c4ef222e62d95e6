using System.ComponentModel;
using Simulation.Engine.Structure;
using Simulation.Reporting.Diagrams;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim graph MODEL [--format mermaid|dot|svg] [--focus VAR --depth N] [--stocks-and-flows] [--output F]</c>: the stock-and-flow diagram.</summary>
public sealed class GraphCommand : Command<GraphCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: our JSON (.json) or XMILE (.xmile, .stmx, .itmx).")]
        public string Model { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("mermaid (default): a Mermaid flowchart (GitHub and most Markdown viewers draw it). dot: Graphviz text. svg: a picture, laid out here (MSAGL).")]
        [DefaultValue("mermaid")]
        public string Format { get; init; } = "mermaid";

        [CommandOption("--layout <LAYOUT>")]
        [Description("With --format svg: msagl (default, built in) or graphviz (Graphviz's dot lays it out and draws it; it must be installed).")]
        [DefaultValue("msagl")]
        public string Layout { get; init; } = "msagl";

        [CommandOption("--focus <VARIABLE>")]
        [Description("Draw only the variables within --depth links of this one (either way), for big models.")]
        public string? Focus { get; init; }

        [CommandOption("--depth <N>")]
        [Description("With --focus: how many links out to draw (default 1).")]
        [DefaultValue(1)]
        public int Depth { get; init; } = 1;

        [CommandOption("--stocks-and-flows")]
        [Description("Draw only stocks and flows (no auxiliaries): the model's main chains.")]
        public bool StocksAndFlows { get; init; }

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
        string layout = settings.Layout.ToLowerInvariant();
        if (format is not ("mermaid" or "dot" or "svg")) throw new UsageException($"unknown --format '{settings.Format}'", "use mermaid, dot or svg");
        if (layout is not ("msagl" or "graphviz")) throw new UsageException($"unknown --layout '{settings.Layout}'", "use msagl or graphviz");
        if (layout == "graphviz" && format != "svg") throw new UsageException("--layout applies to --format svg only");
        if (settings.Depth < 0) throw new UsageException($"--depth {settings.Depth} is negative", "give 0 or more links");
        if (settings.Output is not null) OutputFiles.EnsureWritable(settings.Output, settings.Force, settings.Model);
        try
        {
            var model = ModelLoader.Load(settings.Model, new TimeOverrides());
            var graph = StructureGraph.Build(model.Bound);
            var only = Selection(graph, settings);
            string text = format switch
            {
                "dot" => DiagramWriter.Dot(graph, model.Document.Name, only),
                "svg" when layout == "graphviz" => GraphvizSvg.Render(DiagramWriter.Dot(graph, model.Document.Name, only), TimeSpan.FromMinutes(2))
                    ?? throw new UsageException("Graphviz's dot is not installed", "install graphviz, or leave out --layout to use the built-in layout"),
                "svg" => SvgDiagram.Of(graph, model.Document.Name, only),
                _ => DiagramWriter.Mermaid(graph, only),
            };
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

    /// <summary>The variables drawn: all, the stocks and flows, those around the focus, or the stocks and flows around it (through stocks and flows).</summary>
    private static IReadOnlySet<int>? Selection(StructureGraph graph, Settings settings)
    {
        IReadOnlySet<int>? only = settings.StocksAndFlows ? DiagramParts.StocksAndFlows(graph) : null;
        if (settings.Focus is not { } focus) return only;
        int node = graph.IndexOf(focus);
        if (node < 0) throw new UsageException($"--focus '{focus}' is not a variable of {settings.Model}", "give a variable's name as the model writes it");
        return graph.Around(node, settings.Depth, only);
    }
}
