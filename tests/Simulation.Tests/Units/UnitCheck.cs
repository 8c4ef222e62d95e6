using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Units;

namespace Simulation.Tests.Units;

/// <summary>Runs the checker and then the unit checker on a model given as JSON, as <c>sim check</c> does.</summary>
internal static class UnitCheck
{
    public sealed record Outcome(IReadOnlyList<Diagnostic> Diagnostics, UnitAnalysis Analysis)
    {
        public IEnumerable<Diagnostic> Units => Diagnostics.Where(d => d.Code.StartsWith("SD4", StringComparison.Ordinal));

        public IEnumerable<string> Codes => Units.Select(d => d.Code);

        public string Text => DiagnosticRenderer.ToText(Diagnostics);

        public string? InferredOf(string variable) =>
            Analysis.Listing().Single(r => r.Variable == variable).Inferred;
    }

    /// <summary>A model whose time is in days unless <paramref name="timeUnits"/> says otherwise (null: none declared).</summary>
    public static Outcome Run(string variables, string? timeUnits = "days", bool strict = false, string dimensions = "[]")
    {
        string time = "\"start\": 0, \"stop\": 10, \"dt\": 1" + (timeUnits is null ? "" : $", \"units\": \"{timeUnits}\"");
        return RunJson(TestModels.Model(variables, time, dimensions), strict);
    }

    public static Outcome RunJson(string json, bool strict = false, string path = "test.json")
    {
        var diagnostics = new DiagnosticBag();
        var document = TestModels.Read(json, diagnostics, path) ?? throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
        if (analysis is null || diagnostics.HasErrors) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        var units = UnitChecker.Check(bound, diagnostics, strict);
        return new Outcome(diagnostics.Items, units);
    }

    /// <summary>A model file (our JSON or XMILE) checked as <c>sim check</c> does; null when the checker finds errors.</summary>
    public static Outcome? RunFile(string path, bool strict = false)
    {
        var diagnostics = new DiagnosticBag();
        var document = ModelPipeline.Read(path, diagnostics);
        if (document is null) return null;
        var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
        if (analysis is null || diagnostics.HasErrors) return null;
        return new Outcome(diagnostics.Items, UnitChecker.Check(bound, diagnostics, strict));
    }

    public static string Aux(string name, string equation, string? units = null) =>
        $$"""{ "name": "{{name}}", "kind": "auxiliary", "equation": "{{equation}}"{{(units is null ? "" : $", \"units\": \"{units}\"")}} }""";

    public static string Stock(string name, string initial, string units, string inflows = "", string outflows = "") =>
        $$"""{ "name": "{{name}}", "kind": "stock", "initial": "{{initial}}", "units": "{{units}}", "inflows": [{{Quote(inflows)}}], "outflows": [{{Quote(outflows)}}] }""";

    public static string Flow(string name, string equation, string? units = null) =>
        $$"""{ "name": "{{name}}", "kind": "flow", "equation": "{{equation}}"{{(units is null ? "" : $", \"units\": \"{units}\"")}} }""";

    private static string Quote(string names) =>
        string.Join(", ", names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => $"\"{n}\""));
}
