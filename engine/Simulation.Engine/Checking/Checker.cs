using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Engine.Checking;

/// <summary>
/// Whole-model checks after binding: time settings, algebraic loops, initial-value cycles, and
/// warnings (unused inputs, dt too large). Returns the analysis the compiler needs, or null when
/// the model cannot be run. It does not wait for diagnostics still being produced on another thread
/// (the schema validation): <see cref="ModelPipeline.Check"/> does.
/// </summary>
public static class Checker
{
    public static ModelAnalysis? Check(BoundModel model, DiagnosticBag diagnostics)
    {
        CheckTime(model.Time, diagnostics);
        var rates = DependencyGraph.ForRates(model.Elements);
        var (ratesOrder, loops) = rates.Sort();
        foreach (var loop in Distinct(loops, model))
            ReportCycle(model, loop, DiagnosticCodes.AlgebraicLoop,
                "algebraic loop: these auxiliaries and flows depend on each other with no stock in between", diagnostics,
                "break the loop with a stock, or with a delay or smooth (which holds a stock)");
        var initial = DependencyGraph.ForInitial(model.Elements);
        var (initialOrder, initialCycles) = initial.Sort();
        if (loops.Count == 0)
            foreach (var cycle in Distinct(initialCycles, model))
                ReportCycle(model, cycle, DiagnosticCodes.InitialValueCycle,
                    "the initial values depend on each other in a loop", diagnostics,
                    "give one of these stocks an initial value that does not depend on the others");
        if (ratesOrder is null || initialOrder is null) return null;
        var invariant = TimeInvariance.Analyse(model.Elements, ratesOrder);
        // After errors, references in broken equations are unknown: "unused" would often be wrong.
        if (!diagnostics.HasErrors) UsageWarnings.Report(model, invariant, diagnostics);
        StepSizeWarnings.Report(model, invariant, diagnostics);
        InputRangeChecks.Report(model, invariant, diagnostics);
        return diagnostics.HasErrors ? null : new ModelAnalysis(ratesOrder, initialOrder, invariant);
    }

    public static void CheckTime(TimeSettings time, DiagnosticBag diagnostics)
    {
        if (!(time.Dt > 0) || !double.IsFinite(time.Dt))
        {
            diagnostics.Error(DiagnosticCodes.NonPositiveDt, $"dt is {MessageNumber.Of(time.Dt)}; it must be a finite number greater than zero", time.DtLocation ?? time.Location,
                hint: "dt is the integration step, e.g. 0.25");
            return;
        }
        if (!double.IsFinite(time.Start) || !double.IsFinite(time.Stop))
        {
            diagnostics.Error(DiagnosticCodes.StopNotAfterStart, $"the run goes from {MessageNumber.Of(time.Start)} to {MessageNumber.Of(time.Stop)}; both must be finite numbers",
                time.StopLocation ?? time.Location);
            return;
        }
        if (!(time.Stop > time.Start))
        {
            diagnostics.Error(DiagnosticCodes.StopNotAfterStart, $"the stop time ({MessageNumber.Of(time.Stop)}) is not after the start time ({MessageNumber.Of(time.Start)})",
                time.StopLocation ?? time.Location);
            return;
        }
        if (time.Dt > time.Stop - time.Start)
        {
            diagnostics.Error(DiagnosticCodes.NonPositiveDt, $"dt = {MessageNumber.Of(time.Dt)} is longer than the run ({MessageNumber.Of(time.Start)} to {MessageNumber.Of(time.Stop)}), which would take no step",
                time.DtLocation ?? time.Location, hint: $"use a dt of at most {MessageNumber.Of(time.Stop - time.Start)}");
            return;
        }
        double steps = (time.Stop - time.Start) / time.Dt;
        if (steps > 1e9)
            diagnostics.Error(DiagnosticCodes.NonWholeStepCount, $"the run would take {steps:G3} steps of dt = {MessageNumber.Of(time.Dt)}", time.DtLocation ?? time.Location,
                hint: "use a larger dt or a shorter run");
        else if (Math.Abs(steps - Math.Round(steps)) > 1e-6 * Math.Max(1, steps))
            diagnostics.Warning(DiagnosticCodes.NonWholeStepCount,
                $"stop - start = {MessageNumber.Of(time.Stop - time.Start)} is not a whole number of steps of dt = {MessageNumber.Of(time.Dt)}; the run ends at {MessageNumber.Of(time.Start + Math.Round(steps) * time.Dt)}",
                time.StopLocation ?? time.Location, hint: "choose a dt that divides the run length");
        if (time.SavePeriod is double save)
        {
            double ratio = save / time.Dt;
            if (!(save > 0) || !double.IsFinite(save) || ratio < 1 - 1e-9 || Math.Abs(ratio - Math.Round(ratio)) > 1e-6 * ratio)
                diagnostics.Error(DiagnosticCodes.SavePeriodNotMultiple, $"the save period {MessageNumber.Of(save)} is not a positive whole multiple of dt = {MessageNumber.Of(time.Dt)}",
                    time.SavePeriodLocation ?? time.Location, hint: $"use {MessageNumber.Of(time.Dt)} or a multiple of it, e.g. {MessageNumber.Of(time.Dt * Math.Max(1, Math.Round(ratio)))}");
        }
    }

    /// <summary>An arrayed equation that loops gives one loop per element; report each distinct set of variables once.</summary>
    private static IEnumerable<List<int>> Distinct(List<List<int>> cycles, BoundModel model)
    {
        var seen = new HashSet<string>();
        foreach (var cycle in cycles)
        {
            string key = string.Join("|", cycle.Select(e => model.Elements[e].Variable.Name).Distinct().OrderBy(x => x));
            if (seen.Add(key)) yield return cycle;
        }
    }

    private static void ReportCycle(BoundModel model, List<int> cycle, string code, string message, DiagnosticBag diagnostics, string hint)
    {
        var first = model.Elements[cycle[0]];
        string path = string.Join(" -> ", cycle.Select(e => model.Elements[e].DisplayName));
        diagnostics.Add(new Diagnostic(code, Severity.Error, $"{message}: {path}", first.Variable.Definition?.Location, first.Variable.Name,
            Hint: hint));
    }
}
