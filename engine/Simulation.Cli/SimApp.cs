using System.Reflection;
using Simulation.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Simulation.Cli;

/// <summary>The <c>sim</c> command line: every command registered in one place (tests run it in process).</summary>
public static class SimApp
{
    public static int Run(string[] args)
    {
        Engine.Diagnostics.StageTrace.Mark("runtime start-up, to Main");
        // A file or pipe has no width and Spectre would assume 80 columns, wrapping every table cell; 160 keeps rows whole.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        // Spectre.Console.Cli builds a model of every registered command (reflecting over its settings) before it runs one:
        // about 0.05 s of CPU a process. A command line naming a command exactly registers that one alone (its help, errors
        // and run are the same); anything else (no command, --help, --version, a misspelling) registers them all.
        string? only = args.Length > 0 && Array.Exists(Commands, c => c.Name == args[0]) ? args[0] : null;
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("sim");
            config.SetApplicationVersion(Version);
            foreach (var (name, add) in Commands)
                if (only is null || name == only) add(config);
            config.SetExceptionHandler((exception, _) => ErrorReporter.Report(exception));
        });
        if (args.Length == 0)
        {
            // Help, but not success: a script that calls sim without a command has a bug.
            app.Run(["--help"]);
            Console.Error.WriteLine("sim: name a command, e.g. sim run models/teacup.json");
            return ExitCodes.UsageOrFile;
        }
        return app.Run(args);
    }

    /// <summary>Every command, in the order <c>sim --help</c> lists them: its name and how it is registered.</summary>
    private static readonly (string Name, Action<IConfigurator> Add)[] Commands =
    [
        ("run", config => config.AddCommand<RunCommand>("run")
            .WithDescription("Run a model and print its main variables, or write every variable to a CSV or JSON file.")
            .WithExample("run", "models/teacup.json")
            .WithExample("run", "models/sir.json", "--output", "sir.csv", "--set", "\"Contact Rate=8\"", "--method", "rk4")),
        ("check", config => config.AddCommand<CheckCommand>("check")
            .WithDescription("Check a model and print every problem found, with its location.")
            .WithExample("check", "models/hospital-beds.json")
            .WithExample("check", "models/hospital-beds.json", "--format", "json")),
        ("units", config => config.AddCommand<UnitsCommand>("units")
            .WithDescription("List every variable's declared units and the units its equation gives (inferred where none are declared).")
            .WithExample("units", "models/sir.json")
            .WithExample("units", "models/hospital-beds.json", "--format", "json")),
        ("graph", config => config.AddCommand<GraphCommand>("graph")
            .WithDescription("Draw the model's stocks, flows and links: an SVG picture, or Mermaid or Graphviz text.")
            .WithExample("graph", "models/sir.json")
            .WithExample("graph", "models/sir.json", "--format", "svg", "--output", "sir-diagram.svg")
            .WithExample("graph", "models/hospital-to-community.json", "--format", "svg", "--stocks-and-flows", "--focus", "\"Acute treatment\"", "--depth", "2", "--output", "acute.svg")
            .WithExample("graph", "models/hospital-to-community.json", "--format", "dot", "--focus", "\"Acute treatment\"", "--depth", "1")),
        ("loops", config => config.AddCommand<LoopsCommand>("loops")
            .WithDescription("List the model's feedback loops (elementary cycles) with their polarity: reinforcing, balancing or unknown; with --dominance, which loop dominates when over a run (Loops that Matter scores).")
            .WithExample("loops", "models/sir.json")
            .WithExample("loops", "models/teacup.json", "--format", "json")
            .WithExample("loops", "models/sir.json", "--dominance")),
        ("inputs", config => config.AddCommand<InputsCommand>("inputs")
            .WithDescription("List a model's inputs with their meaning, value, units, plausible range and source (Markdown or CSV).")
            .WithExample("inputs", "models/hospital-to-community.json")
            .WithExample("inputs", "models/illness-to-prevention.json", "--format", "csv")),
        ("import", config => config.AddCommand<ImportCommand>("import")
            .WithDescription("Convert a model (Vensim .mdl, XMILE .xmile/.stmx/.itmx) to our JSON format.")
            .WithExample("import", "tests/conformance/sdxorg/samples/teacup/teacup.xmile", "-o", "teacup.json")),
        ("conformance", config => config.AddCommand<ConformanceCommand>("conformance")
            .WithDescription("Run every case (XMILE or Vensim .mdl) in a folder against its canonical output and print a pass/fail table.")
            .WithExample("conformance", "tests/conformance/sdxorg")
            .WithExample("conformance", "tests/conformance/sdxorg", "--markdown", "docs/conformance.md", "--force")),
        ("sweep", config => config.AddCommand<SweepCommand>("sweep")
            .WithDescription("Run an experiment: every scenario over every sampled future, in parallel; resumable; Parquet outputs and a summary.")
            .WithExample("sweep", "scenarios/hospital-beds.json", "--output", "beds-sweep")
            .WithExample("sweep", "scenarios/hospital-beds.json", "--output", "beds-sweep", "--resume")),
        ("merge", config => config.AddCommand<MergeCommand>("merge")
            .WithDescription("Join the shards of one sweep (sim sweep --shard I/N) into the folder the whole sweep would have written, byte for byte.")
            .WithExample("merge", "shards/0", "shards/1", "shards/2", "--output", "merged")),
        ("summary", config => config.AddCommand<SummaryCommand>("summary")
            .WithDescription("Print a finished sweep's comparison: each outcome per scenario, and the paired difference from the baseline.")
            .WithExample("summary", "beds-sweep")
            .WithExample("summary", "beds-sweep", "--format", "markdown")),
        ("report", config => config.AddCommand<ReportCommand>("report")
            .WithDescription("Make a finished sweep's report: one self-contained HTML page with the headline, charts, inputs and how to reproduce it.")
            .WithExample("report", "beds-sweep")
            .WithExample("report", "beds-sweep", "--output", "beds.html")),
        ("plot", config => config.AddCommand<PlotCommand>("plot")
            .WithDescription("Draw one of the report's charts as an image for slides (PNG or SVG), or the variables of one run over time.")
            .WithExample("plot", "beds-sweep", "--outcome", "\"Occupied bed days\"", "--output", "beds.png")
            .WithExample("plot", "--run", "models/sir.json", "--vars", "Infected,Recovered", "--output", "sir.svg")),
        ("sensitivity", config => config.AddCommand<SensitivityCommand>("sensitivity")
            .WithDescription("Which uncertain inputs drive each outcome: Sobol' indices or Morris screening over a new sweep, or partial rank correlations from a finished one.")
            .WithExample("sensitivity", "scenarios/hospital-beds.json", "--method", "sobol", "--samples", "1024", "--output", "beds-sobol")
            .WithExample("sensitivity", "scenarios/hospital-beds.json", "--method", "morris", "--samples", "20")
            .WithExample("sensitivity", "beds-sweep", "--method", "correlation")),
        ("discover", config => config.AddCommand<DiscoverCommand>("discover")
            .WithDescription("Scenario discovery: under which combinations of the sampled inputs an outcome crosses a threshold (PRIM boxes, a CART tree, feature scores).")
            .WithExample("discover", "beds-sweep", "--outcome", "\"Occupied bed days\"", "--above", "210000")
            .WithExample("discover", "beds-sweep", "--outcome", "\"Extra cost\"", "--scenario", "\"discharge to assess\"", "--above", "700000", "--format", "json")),
        ("calibrate", config => config.AddCommand<CalibrateCommand>("calibrate")
            .WithDescription("Estimate a model's inputs from observed data: maximum likelihood with profile intervals, or a posterior sample (MCMC).")
            .WithExample("calibrate", "scenarios/calibration/flu-sir.json", "--output", "flu-calibration")
            .WithExample("calibrate", "scenarios/calibration/flu-sir.json", "--method", "mcmc", "--output", "flu-posterior")),
        ("synthesize", config => config.AddCommand<SynthesizeCommand>("synthesize")
            .WithDescription("Make up observed data from a fit's model with known inputs and noise (for recovery tests and the bundled synthetic history).")
            .WithExample("synthesize", "scenarios/calibration/flu-sir.json", "--set", "Beta=1.7", "--set", "Gamma=0.45", "--noise", "in_bed=15", "--output", "made-up.csv")),
        ("evaluate", config => config.AddCommand<EvaluateCommand>("evaluate")
            .WithDescription("Compare data observed after an intervention with the counterfactual: the experiment's baseline over its (calibrated) futures.")
            .WithExample("evaluate", "experiment.json", "--fit", "fit.json", "--data", "after.csv", "--from", "1092", "--scenario", "\"virtual wards\"",
                "--calibration", "calibrated")),
        ("serve", config => config.AddCommand<ServeCommand>("serve")
            .WithDescription("Serve a local web page to move an experiment's inputs and see its outcomes at once, against the baseline and with uncertainty bands.")
            .WithExample("serve", "scenarios/hospital-to-community.json")
            .WithExample("serve", "models/sir.json", "--port", "8080", "--open")),
    ];

    /// <summary>The version and the commit it was built from (sim --version).</summary>
    public static string Version =>
        $"sim {typeof(SimApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown"} (.NET {Environment.Version})";
}
