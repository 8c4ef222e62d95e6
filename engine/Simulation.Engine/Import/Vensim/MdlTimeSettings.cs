using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// The run's clock from Vensim's control variables: INITIAL TIME, FINAL TIME, TIME STEP (which
/// become the time settings; equations that name them read our STARTTIME, STOPTIME and DT) and
/// SAVEPER (the save period; it stays a variable too, as Vensim outputs it). Each must be a constant
/// (a number or an expression of constants): Vensim allows them to change during a run, which is
/// reported as not supported.
/// </summary>
internal static class MdlTimeSettings
{
    private const string Start = "initial_time", Stop = "final_time", Step = "time_step", Save = "saveper";

    public static TimeSettings Read(Dictionary<string, MdlVariable> variables, string? method, DiagnosticBag diagnostics)
    {
        foreach (var name in new[] { Start, Stop, Step })
            if (variables.TryGetValue(name, out var control)) control.Role = MdlRole.Control;
        var evaluator = new MdlConstants(variables);
        double start = Value(evaluator, Start, "INITIAL TIME", required: false, diagnostics) ?? 0;
        double stop = Value(evaluator, Stop, "FINAL TIME", required: true, diagnostics) ?? start + 1;
        double dt = Value(evaluator, Step, "TIME STEP", required: true, diagnostics) ?? 1;
        double? save = Value(evaluator, Save, "SAVEPER", required: false, diagnostics);
        var stopRecord = variables.GetValueOrDefault(Stop)?.Equations[0].Record;
        return new TimeSettings
        {
            Start = start,
            Stop = stop,
            Dt = dt,
            SavePeriod = save is double s && s != dt ? s : null,
            Method = method switch
            {
                "rk4" => IntegrationMethod.RK4,
                "rk2" => IntegrationMethod.RK2,
                _ => IntegrationMethod.Euler,
            },
            Units = stopRecord is null || string.IsNullOrWhiteSpace(stopRecord.Units) ? null : stopRecord.Units.Trim(),
            Location = stopRecord?.Location,
            StopLocation = stopRecord?.Location,
            DtLocation = variables.GetValueOrDefault(Step)?.Equations[0].Record.Location,
            SavePeriodLocation = variables.GetValueOrDefault(Save)?.Equations[0].Record.Location,
        };
    }

    private static double? Value(MdlConstants constants, string canonical, string display, bool required, DiagnosticBag diagnostics)
    {
        if (!constants.Variables.TryGetValue(canonical, out var variable))
        {
            if (required)
                diagnostics.Error(DiagnosticCodes.MissingEquation, $"the model has no {display}, so the run's clock is not known", null, display,
                    $"add a record: {display} = <number> ~ <time unit> ~ |");
            return null;
        }
        if (constants.Value(canonical) is double value) return value;
        var e = variable.Equations[0];
        diagnostics.InEquation(DiagnosticCodes.UnsupportedVensimFeature, Severity.Error,
            $"{display} must be a constant: a {display} that changes during the run is not supported", e.Record.Equation,
            e.Right?.Span ?? e.Left.NameSpan, display, "give it a number");
        return null;
    }
}
