using System.ComponentModel;
using System.Text;
using Newtonsoft.Json;
using Simulation.Engine.Compilation;
using Simulation.Engine.Structure;
using Simulation.Engine.Structure.Dominance;
using Simulation.Reporting.Plots;
using Simulation.Reporting.Report;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>sim loops MODEL [--format text|json] [--max N]</c>: the model's feedback loops and their polarity;
/// with <c>--dominance [--format text|json|csv] [--output FILE]</c>, each loop's score over a run and which dominates when.
/// </summary>
public sealed class LoopsCommand : Command<LoopsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: our JSON (.json) or XMILE (.xmile, .stmx, .itmx).")]
        public string Model { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("text (default): one loop a line. json: {\"loops\": [[{\"variables\": [[...]], \"polarity\": ...}]], ...}. With --dominance also csv.")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        [CommandOption("--max <N>")]
        [Description("Stop after this many loops (default 10000); the output says when it stopped. With --dominance, a model with more loops has the 50 that matter most found by the strongest-path search and scored.")]
        [DefaultValue(10_000)]
        public int Max { get; init; } = 10_000;

        [CommandOption("--dominance")]
        [Description("Run the model and score each loop over the run (Loops that Matter): its score and relative score at the saved times, and which loop dominates when.")]
        public bool Dominance { get; init; }

        [CommandOption("--through <VARIABLE>")]
        [Description("With --dominance: only the loops through this variable (any of its elements), or through one element (Population[[0-17,Q1]]).")]
        public string? Through { get; init; }

        [CommandOption("--top <N>")]
        [Description("With --dominance, when the model has more loops than --max: how many of the loops found to score, those that matter most (default 50).")]
        [DefaultValue(50)]
        public int Top { get; init; } = 50;

        [CommandOption("--set <NAME=VALUE>")]
        [Description("With --dominance: give an input a value for the run (repeatable), as sim run does.")]
        public string[] Set { get; init; } = [];

        [CommandOption("--output <FILE>")]
        [Description("Write to this file instead of standard output. With --dominance, a .svg or .png file is a chart of the relative loop scores over time.")]
        public string? Output { get; init; }

        [CommandOption("--force")]
        [Description("Overwrite --output if it exists.")]
        public bool Force { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string format = settings.Format.ToLowerInvariant();
        if (format is not ("text" or "json" or "csv") || (format == "csv" && !settings.Dominance))
            throw new UsageException($"unknown format '{settings.Format}'", settings.Dominance ? "use text, json or csv" : "use text or json (csv with --dominance)");
        if (settings.Set.Length > 0 && !settings.Dominance) throw new UsageException("--set changes the run that --dominance scores", "add --dominance");
        if (settings.Through is not null && !settings.Dominance) throw new UsageException("--through picks the loops --dominance scores", "add --dominance");
        if (settings.Top < 1) throw new UsageException($"--top {settings.Top} is not positive", "give how many loops to score");
        if (settings.Max < 1) throw new UsageException($"--max {settings.Max} is not positive", "give how many loops to list at most");
        string? image = settings.Output is { } o && Path.GetExtension(o).ToLowerInvariant() is ".svg" or ".png" ? Path.GetExtension(o) : null;
        if (image is not null && (!settings.Dominance || format != "text"))
            throw new UsageException($"a {image} file is a chart of loop scores", settings.Dominance ? "leave out --format, or name a .csv, .json or .txt file" : "add --dominance");
        if (settings.Output is not null) OutputFiles.EnsureWritable(settings.Output, settings.Force, settings.Model);
        try
        {
            var model = ModelLoader.Load(settings.Model, new TimeOverrides());
            string text;
            if (settings.Dominance)
            {
                var (parameters, values) = ParameterAssignments.Resolve(model, settings.Set);
                var plan = PlanCompiler.Compile(model.Bound, model.Analysis, parameters);
                var progress = new ProgressLines("sim loops");
                var through = settings.Through is { } name ? Through(plan.Model, name) : null;
                var result = LoopDominance.Analyse(plan, settings.Max, [.. values], progress.Report, top: settings.Top, through: through);
                if (image is not null)
                {
                    SlideCharts.Save(DominanceChart(result, model.Document), settings.Output!);
                    Console.Error.WriteLine($"drew the relative scores of {result.Loops.Length} loops to {settings.Output}");
                    return ExitCodes.Ok;
                }
                text = format switch
                {
                    "json" => DominanceWriter.Json(result),
                    "csv" => DominanceWriter.Csv(result),
                    _ => DominanceWriter.Text(result, model.Document.Time.Units ?? "time"),
                };
            }
            else
            {
                var graph = StructureGraph.Build(model.Bound);
                var search = FeedbackLoops.Find(graph, settings.Max);
                text = format == "json" ? Json(graph, search) : Text(graph, search);
            }
            if (settings.Output is null) Console.Out.Write(text);
            else
            {
                OutputFiles.WriteAtomically(settings.Output, writer => writer.Write(text));
                Console.Error.WriteLine($"wrote the {(settings.Dominance ? "loop scores" : "loops")} to {settings.Output}");
            }
            return ExitCodes.Ok;
        }
        catch (ModelErrorsException)
        {
            return ExitCodes.ModelErrors;
        }
        catch (LoopDominanceException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.ModelErrors;
        }
    }

    /// <summary>The elements a loop must pass through: every element of the variable so named, or the one element so named.</summary>
    private static HashSet<int> Through(Engine.Binding.BoundModel model, string name)
    {
        var elements = model.Elements.Where(e => string.Equals(e.Variable.Name, name, StringComparison.OrdinalIgnoreCase)
                                                 || string.Equals(e.DisplayName, name, StringComparison.OrdinalIgnoreCase)).Select(e => e.Id).ToHashSet();
        return elements.Count > 0 ? elements
            : throw new UsageException($"--through: the model has no variable or element '{name}'", "give a variable's name as the model spells it, or an element as Name[elem,...]");
    }

    /// <summary>Each loop's relative score over time, one line a loop (its number, polarity and path).</summary>
    private static RunChart DominanceChart(LoopDominanceResult r, Engine.Model.ModelDocument model) =>
        new("loops", $"{model.Name}: which loop dominates", model.Time.Units, [.. r.Times],
            r.Loops.Select((l, i) => ($"loop {l.Number}, {l.Polarity}: {string.Join(" → ", l.Variables)}", (string?)null, r.Relative.Select(s => s[i]).ToArray())).ToList())
        {
            ValueLabel = "relative loop score (Loops that Matter)",
        };

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
