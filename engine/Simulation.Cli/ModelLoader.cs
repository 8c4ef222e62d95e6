using Simulation.Engine;
using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Cli;

/// <summary>A model read, bound and checked, ready to compile (with or without run parameters).</summary>
public sealed record CheckedModel(ModelDocument Document, BoundModel Bound, ModelAnalysis Analysis);

/// <summary>Reads model files for commands, applies command-line time overrides, and prints diagnostics.</summary>
public static class ModelLoader
{
    public static ModelDocument Read(string path, DiagnosticBag diagnostics)
    {
        if (Directory.Exists(path)) throw new UsageException($"'{path}' is a folder; give a model file");
        if (!File.Exists(path)) throw new UsageException($"the model file '{path}' does not exist");
        var document = ModelPipeline.Read(path, diagnostics);
        return document ?? throw new ModelErrorsException();
    }

    /// <summary>
    /// Reads, binds and checks; prints diagnostics; throws when the model has errors. <paramref name="furtherChecks"/>
    /// (the unit checker) runs on a model without errors, before anything is printed, and may add its own.
    /// </summary>
    public static CheckedModel Load(string path, TimeOverrides overrides, bool jsonDiagnostics = false,
        Action<CheckedModel, DiagnosticBag>? furtherChecks = null)
    {
        var diagnostics = new DiagnosticBag();
        CheckedModel? model = null;
        try
        {
            var document = Read(path, diagnostics);
            document = document with { Time = overrides.Apply(document.Time) };
            var (bound, analysis) = ModelPipeline.Check(document, diagnostics);
            if (analysis is not null) model = new CheckedModel(document, bound, analysis);
            if (model is not null && furtherChecks is not null)
            {
                furtherChecks(model, diagnostics);
                if (diagnostics.HasErrors) model = null;
            }
        }
        catch (ModelErrorsException)
        {
        }
        DiagnosticPrinter.Print(diagnostics.Items, jsonDiagnostics);
        return model ?? throw new ModelErrorsException();
    }
}

/// <summary>Raised after a model's errors have been printed: the command exits with code 1.</summary>
public sealed class ModelErrorsException() : Exception("the model has errors");

/// <summary>Time settings given on the command line, replacing the model's.</summary>
public sealed record TimeOverrides(double? Start = null, double? Stop = null, double? Dt = null, double? SavePeriod = null, string? Method = null)
{
    public TimeSettings Apply(TimeSettings time)
    {
        var method = Method?.ToLowerInvariant() switch
        {
            null => time.Method,
            "euler" => IntegrationMethod.Euler,
            "rk2" => IntegrationMethod.RK2,
            "rk4" => IntegrationMethod.RK4,
            _ => throw new UsageException($"unknown method '{Method}'", "use euler, rk2 or rk4"),
        };
        // A setting given here is blamed on its option when it is wrong, not on the model file that did not write it.
        return time with
        {
            Start = Start ?? time.Start,
            Stop = Stop ?? time.Stop,
            Dt = Dt ?? time.Dt,
            SavePeriod = SavePeriod ?? (Dt is not null && time.SavePeriod is double sp && sp < Dt ? null : time.SavePeriod),
            Method = method,
            DtLocation = Dt is null ? time.DtLocation : SourceLocation.Option("--dt"),
            StopLocation = Stop is not null ? SourceLocation.Option("--stop") : Start is not null ? SourceLocation.Option("--start") : time.StopLocation,
            SavePeriodLocation = SavePeriod is not null ? SourceLocation.Option("--save-period")
                : Dt is not null ? SourceLocation.Option("--dt") : time.SavePeriodLocation,
        };
    }
}
