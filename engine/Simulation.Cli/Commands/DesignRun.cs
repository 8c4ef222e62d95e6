using System.Globalization;
using Simulation.Engine.Compilation;
using Simulation.Engine.Designs;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>sim run MODEL --design TABLE.csv [--vars a,b] [--output OUT.csv] [--threads N] [--at T1,T2]</c>:
/// one run per row of the table on the vector engine, one row of results per run (the row's
/// identifier and inputs, then each requested value), streamed to the output as batches finish.
/// </summary>
internal static class DesignRun
{
    /// <summary>Runs with NaN or infinite values reported one by one; the rest are counted.</summary>
    private const int ProblemsShown = 5;

    public static int Execute(RunCommand.Settings settings, CancellationToken cancellation)
    {
        string tablePath = settings.Design!;
        if (settings.Output is not null)
        {
            if (OutputFiles.FormatOf(settings.Output) != "csv")
                throw new UsageException("runs from a design table are written as CSV", "name the output file .csv");
            OutputFiles.EnsureWritable(settings.Output, settings.Force, settings.Model, tablePath);
        }
        if (settings.Threads is < 1) throw new UsageException($"--threads {settings.Threads}: give at least one thread");
        if (settings.Lanes is { } lanes && (lanes < 4 || lanes % 4 != 0)) throw new UsageException($"--lanes {lanes}: give a multiple of 4, e.g. 16");
        MemoryLimit.Parse(settings.MaxMemory);

        var clock = new PhaseClock(settings.Timings);
        CheckedModel model;
        try
        {
            model = ModelLoader.Load(settings.Model, new TimeOverrides(settings.Start, settings.Stop, settings.Dt, settings.SavePeriod, settings.Method));
        }
        catch (ModelErrorsException)
        {
            return ExitCodes.ModelErrors;
        }
        clock.Mark("read and check the model");

        var diagnostics = new DiagnosticBag();
        if (Directory.Exists(tablePath)) throw new UsageException($"'{tablePath}' is a folder; give a design table (.csv)");
        if (!File.Exists(tablePath)) throw new UsageException($"the design table '{tablePath}' does not exist");
        var file = SourceFile.Load(tablePath, diagnostics, DiagnosticCodes.DesignTableProblem); // bounded: /dev/zero ends
        var table = file is null ? null : DesignTable.Read(file, diagnostics);
        var design = table?.Bind(model.Bound, model.Analysis, diagnostics);
        DiagnosticPrinter.Print(diagnostics.Items); // the errors, or warnings such as bytes that are not UTF-8
        if (design is null) return ExitCodes.UsageOrFile;
        diagnostics = new DiagnosticBag();
        var (setElements, values) = ParameterAssignments.Resolve(model, settings.Set);
        double[] setValues = values.ToArray();
        if (setElements.FirstOrDefault(design.Parameters.Contains, -1) is int both and >= 0)
            throw new UsageException($"--set {model.Bound.Elements[both].DisplayName}: the design table already sets it", "set each input in one place");
        clock.Mark("read the design table");
        var plan = PlanCompiler.Compile(model.Bound, model.Analysis, [.. design.Parameters, .. setElements]);
        clock.Mark("compile the plan");

        var outputs = settings.Vars is { } vars ? RunCommand.NamedOutputs(plan, vars) : RunCommand.StocksOf(plan, Simulator.DefaultOutputs(plan));
        var record = ChooseRecord(plan, outputs, settings.At, diagnostics);
        if (record is null)
        {
            DiagnosticPrinter.Print(diagnostics.Items);
            return ExitCodes.UsageOrFile;
        }
        var options = new BatchOptions
        {
            Threads = settings.Threads ?? Environment.ProcessorCount,
            LanesPerBatch = settings.Lanes ?? new BatchOptions().LanesPerBatch,
            Seed = settings.Seed,
        };
        int lanesUsed = Math.Min(options.LanesPerBatch, Engine.Runtime.Vector.LaneLayout.LanesFor(table!.RowCount));
        int threadsUsed = Math.Min(options.Threads, (table.RowCount + lanesUsed - 1) / lanesUsed);
        MemoryLimit.Check(MemoryEstimate.ForDesign(plan, table, file!.Text.Length, record.ValuesPerRun, threadsUsed, lanesUsed), settings.MaxMemory,
            "this design run", "record fewer values (--vars, fewer --at times), use fewer --threads or --lanes, or split the table and run it in parts");
        var runner = new BatchRunner(plan, record, options);
        runner.ProgramFor(lanesUsed);
        clock.Mark("generate the step code");
        var inputs = new WithFixedValues(design, setValues);
        DesignCsvSink? sink = null;
        void Write(TextWriter writer)
        {
            sink = new DesignCsvSink(writer, design.Table, record, byTime: settings.At is not null);
            runner.Run(inputs, sink, cancellation);
            sink.Flush();
        }
        if (settings.Output is null) Write(Console.Out);
        else
        {
            OutputFiles.WriteAtomically(settings.Output, Write);
            Console.Error.WriteLine($"wrote {table.RowCount} runs x {record.ValuesPerRun} values to {settings.Output}");
        }
        clock.Mark($"run and write {table.RowCount} runs on {options.Threads} thread{(options.Threads == 1 ? "" : "s")}");
        clock.Report();
        return ReportProblems(sink!, plan, table);
    }

    /// <summary>Final values, or the values at the --at times (each must be a step time within the run).</summary>
    private static RecordRequest? ChooseRecord(EvaluationPlan plan, IReadOnlyList<OutputColumn> outputs, string? at, DiagnosticBag diagnostics)
    {
        if (at is null) return RecordRequest.FinalValues(plan, outputs);
        var times = new List<double>();
        foreach (var text in at.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) || !double.IsFinite(t))
                throw new UsageException($"--at: '{text}' is not a time", "give times as numbers, e.g. --at 5,10");
            if (plan.Clock.TryStepOf(t, out _)) times.Add(t);
            else
            {
                var time = plan.Time;
                bool inside = t >= time.Start && t <= time.Stop;
                diagnostics.Add(new Diagnostic(DiagnosticCodes.RecordTimeOutsideRun, Severity.Error,
                    inside ? $"--at {text}: the run has no step at that time" : $"--at {text}: the run goes from {Format(time.Start)} to {Format(time.Stop)}",
                    Hint: $"give times from {Format(time.Start)} to {Format(time.Stop)} in steps of dt = {Format(time.Dt)}"));
            }
        }
        if (times.Count == 0 && !diagnostics.HasErrors) throw new UsageException("--at names no time", "e.g. --at 5,10");
        return diagnostics.HasErrors ? null : RecordRequest.AtTimes(plan, outputs, times);
    }

    private static int ReportProblems(DesignCsvSink sink, EvaluationPlan plan, DesignTable table)
    {
        if (sink.Problems.Count == 0) return ExitCodes.Ok;
        var shown = sink.Problems.Take(ProblemsShown).Select(p =>
        {
            string run = table.Ids is { } ids ? $"'{ids[p.Run]}' (row {p.Run + 1})" : $"row {p.Run + 1}";
            string element = p.Problem.Element >= 0 ? plan.Model.Elements[p.Problem.Element].DisplayName : "a value";
            return new Diagnostic(DiagnosticCodes.NotFinite, Severity.Error, $"run {run}: '{element}' became NaN or infinite at time {Format(p.Problem.Time)}",
                new SourceLocation(table.Path, p.Run + 2, 1),
                Hint: "look for a division by zero, LN or SQRT of a negative number, or a value growing without bound; the run went on, so its results may be NaN");
        }).ToList();
        DiagnosticPrinter.Print(shown);
        if (sink.ProblemCount > shown.Count)
            Console.Error.WriteLine($"{sink.ProblemCount} of {table.RowCount} runs had NaN or infinite values ({shown.Count} shown)");
        return ExitCodes.ModelErrors;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Times the phases of a command for --timings; the first phase counts from the process's start (runtime start-up and JIT included).</summary>
    private sealed class PhaseClock(bool enabled)
    {
        private readonly List<(string Phase, double Milliseconds)> _phases = new();
        private DateTime _last = enabled ? System.Diagnostics.Process.GetCurrentProcess().StartTime : DateTime.Now;

        public void Mark(string phase)
        {
            var now = DateTime.Now;
            _phases.Add((phase, (now - _last).TotalMilliseconds));
            _last = now;
        }

        public void Report()
        {
            if (!enabled) return;
            foreach (var (phase, ms) in _phases) Console.Error.WriteLine($"{ms,9:F1} ms  {phase}");
            Console.Error.WriteLine($"{_phases.Sum(p => p.Milliseconds),9:F1} ms  in all, from the start of the process");
        }
    }

    /// <summary>The design's values followed by the same --set values for every run.</summary>
    private sealed class WithFixedValues(IRunInputs inner, double[] fixedValues) : IRunInputs
    {
        public int RunCount => inner.RunCount;

        public int ParameterCount => inner.ParameterCount + fixedValues.Length;

        public void Fill(int run, Span<double> values)
        {
            inner.Fill(run, values[..inner.ParameterCount]);
            fixedValues.CopyTo(values[inner.ParameterCount..]);
        }
    }
}
