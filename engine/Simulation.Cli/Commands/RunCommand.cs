using System.ComponentModel;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim run MODEL [--output FILE] [--set name=value ...] [--method m] [--dt x] [--stop t] [--vars a,b] [--seed n]</c></summary>
public sealed class RunCommand : Command<RunCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: our JSON (.json), XMILE (.xmile, .stmx, .itmx) or Vensim (.mdl).")]
        public string Model { get; init; } = "";

        [CommandOption("-o|--output <FILE>")]
        [Description("Write results to FILE: .csv (Time, then one column per variable) or .json. Without it, print a table of the main variables.")]
        public string? Output { get; init; }

        [CommandOption("--set <NAME=VALUE>")]
        [Description("Set an input for this run, e.g. --set \"contact rate=6\" or --set \"admission rate[[65-74]]=0.2\". Repeatable.")]
        public string[] Set { get; init; } = [];

        [CommandOption("--method <METHOD>")]
        [Description("Integration method: euler, rk2 or rk4 (default: the model's).")]
        public string? Method { get; init; }

        [CommandOption("--dt <DT>")]
        [Description("Integration step (default: the model's).")]
        public double? Dt { get; init; }

        [CommandOption("--start <TIME>")]
        [Description("Start time (default: the model's).")]
        public double? Start { get; init; }

        [CommandOption("--stop <TIME>")]
        [Description("Stop time (default: the model's).")]
        public double? Stop { get; init; }

        [CommandOption("--save-period <PERIOD>")]
        [Description("How often values are saved, a multiple of dt (default: the model's).")]
        public double? SavePeriod { get; init; }

        [CommandOption("--vars <NAMES>")]
        [Description("Comma-separated variables to output (arrayed ones give every element; x[[a]], x[[*, b]] or a subrange give some). Default: all (files) or the stocks (table).")]
        public string? Vars { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed of the random builtins (RANDOM, NORMAL...): the same seed gives the same numbers. Default: 0.")]
        public ulong Seed { get; init; }

        [CommandOption("--continue")]
        [Description("Keep running after a value becomes NaN or infinite (it is still reported).")]
        public bool Continue { get; init; }

        [CommandOption("--force")]
        [Description("Overwrite the output file if it exists.")]
        public bool Force { get; init; }

        [CommandOption("--design <TABLE>")]
        [Description("Run once per row of a CSV design table (one column per model input; an optional first column 'scenario' or 'run' names the rows) and write one row of results per run. See docs/design-tables.md.")]
        public string? Design { get; init; }

        [CommandOption("--at <TIMES>")]
        [Description("With --design: write values at these comma-separated times (columns named like B@5) instead of the final values.")]
        public string? At { get; init; }

        [CommandOption("--threads <N>")]
        [Description("With --design: worker threads (default: one per core). Results do not depend on it.")]
        public int? Threads { get; init; }

        [CommandOption("--timings")]
        [Description("With --design: print to standard error where the time went (loading, compiling, running, writing).")]
        public bool Timings { get; init; }

        [CommandOption("--dump-kernel")]
        [Description("Print the vector engine's generated step code as readable text (the schedule of each generated method, slots named after the model's variables) instead of running. Takes --vars, --set, --lanes and the time options.")]
        public bool DumpKernel { get; init; }

        [CommandOption("--max-memory <SIZE>")]
        [Description("Refuse to start when the run's estimated memory is larger than this (e.g. 8GB; default: three quarters of the machine's memory).")]
        public string? MaxMemory { get; init; }

        [CommandOption("--lanes <N>")]
        [Description("With --design: runs integrated side by side per batch, a multiple of 4 (default 16). Results do not depend on it.")]
        public int? Lanes { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.DumpKernel) return DumpKernel(settings);
        if (settings.Design is not null) return DesignRun.Execute(settings, cancellationToken);
        if (settings.At is not null || settings.Threads is not null || settings.Lanes is not null || settings.Timings)
            throw new UsageException("--at, --threads, --lanes and --timings apply to runs from a design table", "add --design TABLE.csv");
        var format = settings.Output is null ? null : OutputFiles.FormatOf(settings.Output);
        if (settings.Output is not null) OutputFiles.EnsureWritable(settings.Output, settings.Force, settings.Model);
        CheckedModel model;
        try
        {
            model = ModelLoader.Load(settings.Model,
                new TimeOverrides(settings.Start, settings.Stop, settings.Dt, settings.SavePeriod, settings.Method));
        }
        catch (ModelErrorsException)
        {
            return ExitCodes.ModelErrors;
        }
        var (parameters, values) = ParameterAssignments.Resolve(model, settings.Set);
        var plan = PlanCompiler.Compile(model.Bound, model.Analysis, parameters);
        var outputs = ChooseOutputs(plan, settings);
        var storage = format switch { null => RowStorage.Memory, "json" => RowStorage.Spilled, _ => RowStorage.Streamed };
        MemoryLimit.Check(MemoryEstimate.ForRun(plan, outputs.Count, storage), settings.MaxMemory, "this run",
            storage == RowStorage.Memory ? "write the results to a file (--output FILE.csv streams every row)"
                : "save fewer times (a longer --save-period) or fewer variables (--vars)" + (storage == RowStorage.Spilled ? ", or write .csv, which streams" : ""));
        IReadOnlyList<Diagnostic> diagnostics;
        if (settings.Output is null)
        {
            var result = Simulator.Run(plan, outputs, values.ToArray(), settings.Continue, settings.Seed);
            DiagnosticPrinter.Print(result.Diagnostics);
            ResultTable.Print(settings.Vars is null ? FirstLook.Totals(result, outputs, model.Bound) : result, model.Document.Name);
            diagnostics = result.Diagnostics;
        }
        else
        {
            // Rows go to the file as the run produces them: memory does not grow with the number of saved times.
            ResultRecorder? run = null;
            var names = outputs.Select(o => o.Name).ToList();
            OutputFiles.WriteAtomically(settings.Output, writer =>
            {
                if (format == "json")
                {
                    using var rows = new SpilledRows(settings.Output + ".rows-" + Environment.ProcessId, outputs.Count);
                    run = Simulator.Stream(plan, outputs, rows, values.ToArray(), settings.Continue, settings.Seed);
                    JsonResultWriter.Write(names, rows, writer, model.Document.Name);
                }
                else
                {
                    var rows = new CsvRowWriter(writer, names);
                    run = Simulator.Stream(plan, outputs, rows, values.ToArray(), settings.Continue, settings.Seed);
                    rows.Flush();
                }
            });
            DiagnosticPrinter.Print(run!.Diagnostics);
            Console.Error.WriteLine($"wrote {run.RowCount} rows x {outputs.Count} variables to {settings.Output}");
            diagnostics = run.Diagnostics;
        }
        return diagnostics.Any(d => d.IsError) ? ExitCodes.ModelErrors : ExitCodes.Ok;
    }

    /// <summary>--dump-kernel: the step code that a design run with these options would generate, as text.</summary>
    private static int DumpKernel(Settings settings)
    {
        if (settings.Lanes is { } lanes && (lanes < 4 || lanes % 4 != 0)) throw new UsageException($"--lanes {lanes}: give a multiple of 4, e.g. 16");
        CheckedModel model;
        try
        {
            model = ModelLoader.Load(settings.Model, new TimeOverrides(settings.Start, settings.Stop, settings.Dt, settings.SavePeriod, settings.Method));
        }
        catch (ModelErrorsException)
        {
            return ExitCodes.ModelErrors;
        }
        var (parameters, _) = ParameterAssignments.Resolve(model, settings.Set);
        var plan = PlanCompiler.Compile(model.Bound, model.Analysis, parameters);
        var outputs = settings.Vars is { } vars ? NamedOutputs(plan, vars) : StocksOf(plan, Simulator.DefaultOutputs(plan));
        var program = Engine.Runtime.Vector.VectorProgram.Create(plan, settings.Lanes ?? 16, outputs.Select(o => o.Slot).ToArray(), listing: Console.Out);
        if (!program.HasStepCode)
            Console.WriteLine("// no step code: this model's rates run on the vector interpreter (it draws random numbers or has DELAYs, or the processor lacks AVX)");
        return ExitCodes.Ok;
    }

    private static IReadOnlyList<OutputColumn> ChooseOutputs(EvaluationPlan plan, Settings settings)
    {
        if (settings.Vars is { } vars) return NamedOutputs(plan, vars);
        var all = Simulator.DefaultOutputs(plan);
        return settings.Output is not null ? all : StocksOf(plan, all);
    }

    /// <summary>The outputs named in --vars (every element of an arrayed variable); a usage error for an unknown name.</summary>
    public static IReadOnlyList<OutputColumn> NamedOutputs(EvaluationPlan plan, string vars)
    {
        var names = Engine.Binding.NameResolver.SplitList(vars);
        var (columns, unknown) = Simulator.SelectOutputs(plan, names);
        if (columns is null)
        {
            string? suggestion = Engine.Diagnostics.NameSuggester.Suggest(unknown[0], plan.Model.Variables.Select(v => v.Name));
            throw new UsageException($"--vars: the model has no variable '{unknown[0]}'", suggestion is not null ? $"did you mean '{suggestion}'?" : null);
        }
        if (columns.Count == 0) throw new UsageException("--vars names no variable", "e.g. --vars \"B,C\"");
        return columns;
    }

    /// <summary>The stock elements among <paramref name="all"/>, or all of them when the model has no stocks.</summary>
    public static IReadOnlyList<OutputColumn> StocksOf(EvaluationPlan plan, IReadOnlyList<OutputColumn> all)
    {
        var stocks = all.Where(c => plan.Model.Elements[c.Element].Kind == Engine.Binding.ElementKind.Stock).ToList();
        return stocks.Count > 0 ? stocks : all;
    }
}
