using System.Globalization;
using System.Text;
using Simulation.Engine.Designs;
using Simulation.Engine;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Runtime.Batches;

namespace Simulation.Benchmarks;

/// <summary>The models the benchmarks run: SIR (built here), icb-bench (benchmarks/icb-bench), and a generated model of any size.</summary>
public static class BenchModels
{
    /// <summary>The repository root (where Simulation.sln is), found from wherever BenchmarkDotNet runs us.</summary>
    public static string Root { get; } = FindRoot();

    public static string IcbBench => Path.Combine(Root, "benchmarks", "icb-bench", "icb-bench.json");

    public static string IcbScenarios => Path.Combine(Root, "benchmarks", "icb-bench", "icb-bench-scenarios.csv");

    /// <summary>The classic SIR epidemic over 100 years at dt = 1/64 (6,400 steps), saving yearly; contact rate and duration are inputs.</summary>
    public const string Sir = """
        {
          "name": "SIR",
          "time": { "start": 0, "stop": 100, "dt": 0.015625, "savePeriod": 1, "method": "euler", "units": "years" },
          "variables": [
            { "name": "Susceptible", "kind": "stock", "initial": "Population - 10", "outflows": ["Infection"] },
            { "name": "Infected", "kind": "stock", "initial": 10, "inflows": ["Infection"], "outflows": ["Recovery"] },
            { "name": "Recovered", "kind": "stock", "initial": 0, "inflows": ["Recovery"] },
            { "name": "Infection", "kind": "flow", "equation": "Contact Rate * Infectivity * Susceptible * Infected / Population" },
            { "name": "Recovery", "kind": "flow", "equation": "Infected / Duration" },
            { "name": "Population", "kind": "auxiliary", "equation": 100000 },
            { "name": "Contact Rate", "kind": "auxiliary", "equation": 6, "input": true },
            { "name": "Infectivity", "kind": "auxiliary", "equation": 0.25 },
            { "name": "Duration", "kind": "auxiliary", "equation": 2, "input": true }
          ]
        }
        """;

    /// <summary>A checked, compiled plan with the model's inputs as parameters, with the integration method replaced.</summary>
    public static EvaluationPlan Plan(string model, string method)
    {
        var diagnostics = new DiagnosticBag();
        var document = model == "sir" ? ModelJsonReader.Read(new SourceFile("sir.json", Sir), diagnostics) : ModelPipeline.Read(IcbBench, diagnostics);
        document = document! with { Time = document.Time with { Method = Enum.Parse<IntegrationMethod>(method, ignoreCase: true) } };
        var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
        if (analysis is null) throw new InvalidOperationException(DiagnosticRenderer.ToText(diagnostics.Items));
        var inputs = bound.Variables.Where(v => v.IsInput).SelectMany(v => v.Elements).ToList();
        return PlanCompiler.Compile(bound, analysis, inputs);
    }

    /// <summary>The 1,000-row icb-bench design table bound to the model, and the plan compiled for it.</summary>
    public static (EvaluationPlan Plan, DesignInputs Inputs) IcbDesign()
    {
        var diagnostics = new DiagnosticBag();
        var document = ModelPipeline.Read(IcbBench, diagnostics)!;
        var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
        var table = DesignTable.Read(new SourceFile(IcbScenarios, File.ReadAllText(IcbScenarios)), diagnostics);
        var inputs = table?.Bind(bound, analysis!, diagnostics) ?? throw new InvalidOperationException(DiagnosticRenderer.ToText(diagnostics.Items));
        return (PlanCompiler.Compile(bound, analysis!, inputs.Parameters), inputs);
    }

    /// <summary>
    /// A model of <paramref name="variables"/> variables (a multiple of 5): chains of a stock, its
    /// inflow and outflow and two auxiliaries, each chain feeding the next, with a mix of operators,
    /// builtins and graphical functions, as a large hand-built model has.
    /// </summary>
    public static string Generated(int variables)
    {
        int chains = variables / 5;
        var json = new StringBuilder();
        json.Append("""{ "name": "generated", "time": { "start": 0, "stop": 50, "dt": 0.25, "method": "euler" }, "variables": [""");
        for (int i = 0; i < chains; i++)
        {
            int previous = (i + chains - 1) % chains;
            string c = (1 + i % 7).ToString(CultureInfo.InvariantCulture);
            if (i > 0) json.Append(',');
            json.Append(CultureInfo.InvariantCulture, $$"""
                { "name": "Stock_{{i}}", "kind": "stock", "initial": "{{c}} * 10", "inflows": ["Inflow_{{i}}"], "outflows": ["Outflow_{{i}}"], "nonNegative": true },
                { "name": "Inflow_{{i}}", "kind": "flow", "equation": "Rate_{{i}} * MAX(0, Stock_{{previous}} - {{c}}) + STEP(1, 10)" },
                { "name": "Outflow_{{i}}", "kind": "flow", "equation": "Stock_{{i}} / (1 + Delay_{{i}}) * IF TIME > 5 THEN 1.1 ELSE 0.9" },
                { "name": "Rate_{{i}}", "kind": "auxiliary", "equation": "0.01 * {{c}} + Delay_{{i}} / 1000" },
                { "name": "Delay_{{i}}", "kind": "auxiliary", "equation": "Stock_{{previous}} / 100", "graph": { "x": [0, 1, 2, 5], "y": [1, 1.5, 3, 4] } }
                """);
        }
        json.Append("] }");
        return json.ToString();
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulation.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Simulation.sln) above " + AppContext.BaseDirectory);
    }
}
