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

    /// <summary>Reads, binds and checks; prints diagnostics; throws when the model has errors.</summary>
    public static CheckedModel Load(string path, TimeOverrides overrides, bool jsonDiagnostics = false) =>
        Begin(path, overrides, jsonDiagnostics).Confirm();

    /// <summary>
    /// Reads, binds and checks, without waiting for the schema validation (see <see cref="ModelPipeline.CheckBeforeSchema"/>):
    /// throws, after printing the diagnostics, when binding or checking found errors; otherwise the caller may compile
    /// ahead and calls <see cref="PendingModel.Confirm"/> before running anything or writing any output.
    /// </summary>
    public static PendingModel Begin(string path, TimeOverrides overrides, bool jsonDiagnostics = false)
    {
        var diagnostics = new DiagnosticBag();
        try
        {
            var document = Read(path, diagnostics);
            document = document with { Time = overrides.Apply(document.Time) };
            var (bound, analysis) = ModelPipeline.CheckBeforeSchema(document, diagnostics);
            if (analysis is not null) return new PendingModel(new CheckedModel(document, bound, analysis), diagnostics, jsonDiagnostics);
        }
        catch (ModelErrorsException)
        {
        }
        DiagnosticPrinter.Print(diagnostics.Items, jsonDiagnostics);
        throw new ModelErrorsException();
    }
}

/// <summary>A model that binds and checks, its schema validation perhaps still running.</summary>
public sealed class PendingModel(CheckedModel model, DiagnosticBag diagnostics, bool jsonDiagnostics)
{
    /// <summary>The model, for compiling ahead of <see cref="Confirm"/>.</summary>
    public CheckedModel Model { get; } = model;

    private bool? _holds;

    /// <summary>Waits for the schema validation and prints every diagnostic (the first time only); false when there are errors.</summary>
    public bool Holds()
    {
        if (_holds is null)
        {
            DiagnosticPrinter.Print(diagnostics.Items, jsonDiagnostics);
            _holds = !diagnostics.HasErrors;
        }
        return _holds.Value;
    }

    /// <summary>The model, once <see cref="Holds"/>; throws when it has errors.</summary>
    public CheckedModel Confirm() => Holds() ? Model : throw new ModelErrorsException();
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
        return time with
        {
            Start = Start ?? time.Start,
            Stop = Stop ?? time.Stop,
            Dt = Dt ?? time.Dt,
            SavePeriod = SavePeriod ?? (Dt is not null && time.SavePeriod is double sp && sp < Dt ? null : time.SavePeriod),
            Method = method,
        };
    }
}
