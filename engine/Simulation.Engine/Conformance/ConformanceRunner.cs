using System.Diagnostics;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime;

namespace Simulation.Engine.Conformance;

public enum CaseOutcome
{
    /// <summary>Every compared value agrees.</summary>
    Passed,

    /// <summary>The model ran, but a column is missing or a value disagrees.</summary>
    Mismatch,

    /// <summary>The model could not be read, checked or compiled (or has no canonical output).</summary>
    Error,
}

/// <summary>What happened when one case ran: the outcome, the first mismatch or error, and the error codes reported.</summary>
public sealed record CaseResult(ConformanceCase Case, CaseOutcome Outcome, string? Detail, int ValuesCompared,
    IReadOnlyList<string> ErrorCodes, TimeSpan Elapsed)
{
    public bool Passed => Outcome == CaseOutcome.Passed;
}

/// <summary>Runs a case as `sim run` would (read, check, compile, simulate on the reference evaluator) and compares it with its canonical output.</summary>
public static class ConformanceRunner
{
    public static CaseResult Run(ConformanceCase conformanceCase)
    {
        var clock = Stopwatch.StartNew();
        if (conformanceCase.OutputPath is null)
            return Result(CaseOutcome.Error, $"no {string.Join(" or ", ConformanceCase.OutputNames)} beside the model", 0, []);
        CanonicalOutput expected;
        try
        {
            expected = CanonicalOutput.ReadFile(conformanceCase.OutputPath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Result(CaseOutcome.Error, e.Message, 0, []);
        }
        var diagnostics = new DiagnosticBag();
        EvaluationPlan? plan = null;
        if (ModelPipeline.Read(conformanceCase.ModelPath, diagnostics) is { } document)
        {
            var (bound, analysis) = ModelPipeline.Check(document, diagnostics); // also after read errors, to report every problem
            if (analysis is not null) plan = PlanCompiler.Compile(bound, analysis);
        }
        if (plan is null)
        {
            var errors = diagnostics.Items.Where(d => d.IsError).ToList();
            string detail = errors.Count == 0 ? "the model did not compile"
                : errors.Count == 1 ? Describe(errors[0])
                : $"{Describe(errors[0])} (and {errors.Count - 1} more)";
            return Result(CaseOutcome.Error, detail, 0, errors.Select(e => e.Code).Distinct().ToList());
        }
        var run = Simulator.Run(plan, continueOnNonFinite: true);
        var comparison = ResultComparison.Compare(run, expected);
        return Result(comparison.Matches ? CaseOutcome.Passed : CaseOutcome.Mismatch, comparison.FirstMismatch, comparison.ValuesCompared, []);

        CaseResult Result(CaseOutcome outcome, string? detail, int compared, IReadOnlyList<string> codes) =>
            new(conformanceCase, outcome, detail, compared, codes, clock.Elapsed);
    }

    private static string Describe(Diagnostic d) =>
        $"{d.Code} {(d.Location is { } l ? $"(line {l.Line}) " : "")}{d.Message}";
}
