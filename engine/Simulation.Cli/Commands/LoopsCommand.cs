using System.ComponentModel;
using System.Text;
using Newtonsoft.Json;
using Simulation.Engine.Structure;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim loops MODEL [--format text|json] [--max N]</c>: the model's feedback loops and their polarity.</summary>
public sealed class LoopsCommand : Command<LoopsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: our JSON (.json) or XMILE (.xmile, .stmx, .itmx).")]
        public string Model { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("text (default): one loop a line. json: {\"loops\": [{\"variables\": [...], \"polarity\": ...}], ...}.")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        [CommandOption("--max <N>")]
        [Description("Stop after this many loops (default 10000); the output says when it stopped.")]
        [DefaultValue(10_000)]
        public int Max { get; init; } = 10_000;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        bool json = settings.Format.ToLowerInvariant() switch
        {
            "text" => false,
            "json" => true,
            _ => throw new UsageException($"unknown format '{settings.Format}'", "use text or json"),
        };
        if (settings.Max < 1) throw new UsageException($"--max {settings.Max} is not positive", "give how many loops to list at most");
        try
        {
            var model = ModelLoader.Load(settings.Model, new TimeOverrides());
            var graph = StructureGraph.Build(model.Bound);
            var search = FeedbackLoops.Find(graph, settings.Max);
            Console.Out.Write(json ? Json(graph, search) : Text(graph, search));
            return ExitCodes.Ok;
        }
        catch (ModelErrorsException)
        {
            return ExitCodes.ModelErrors;
        }
    }

    private static IEnumerable<string> Names(StructureGraph graph, FeedbackLoop loop) => loop.Nodes.Select(i => graph.Nodes[i].Name);

    private static string Text(StructureGraph graph, LoopSearch search)
    {
        var text = new StringBuilder();
        int number = 0;
        foreach (var loop in search.Loops)
            text.Append($"{++number,4}  {loop.PolarityName,-11}  {string.Join(" -> ", Names(graph, loop))} -> {graph.Nodes[loop.Nodes[0]].Name}\n");
        var counts = search.Loops.GroupBy(l => l.PolarityName).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        text.Append($"\n{search.Loops.Length} feedback loop{(search.Loops.Length == 1 ? "" : "s")}")
            .Append(search.Loops.IsEmpty ? "" : $" ({string.Join(", ", counts)})")
            .Append(search.Capped ? $"; stopped at --max {search.Cap}: there are more" : "").Append('\n');
        return text.ToString();
    }

    private static string Json(StructureGraph graph, LoopSearch search) => JsonConvert.SerializeObject(new
    {
        loops = search.Loops.Select(l => new { variables = Names(graph, l), polarity = l.PolarityName }),
        count = search.Loops.Length,
        capped = search.Capped,
    }, Formatting.Indented) + "\n";
}
