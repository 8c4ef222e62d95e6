using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Compilation;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import;
using Simulation.Engine.Import.Vensim;
using Simulation.Engine.Model;

namespace Simulation.Engine;

/// <summary>
/// The pipeline in one place: read -> bind -> check -> compile. Each stage is a function of the
/// previous stage's value; diagnostics from all of them are collected in one bag.
/// </summary>
public static class ModelPipeline
{
    /// <summary>Reads a model file and stops at the document: XMILE (.xmile, .stmx, .itmx) or Vensim (.mdl) by extension, otherwise our JSON.</summary>
    public static ModelDocument? Read(string path, DiagnosticBag diagnostics) =>
        XmileReader.IsXmilePath(path) ? XmileReader.ReadFile(path, diagnostics)
        : MdlReader.IsMdlPath(path) ? MdlReader.ReadFile(path, diagnostics)
        : ModelJsonReader.ReadFile(path, diagnostics);

    /// <summary>Binds and checks a document. Returns null analysis when the model has errors (reading's included).</summary>
    public static (BoundModel Model, ModelAnalysis? Analysis) Check(ModelDocument document, DiagnosticBag diagnostics)
    {
        var bound = Binder.Bind(document, diagnostics);
        var analysis = Checker.Check(bound, diagnostics);
        return (bound, diagnostics.HasErrors ? null : analysis);
    }

    /// <summary>Reads, binds, checks and compiles; null (with diagnostics) when anything is wrong.</summary>
    public static EvaluationPlan? Compile(ModelDocument document, DiagnosticBag diagnostics, IReadOnlyList<int>? parameters = null)
    {
        var (bound, analysis) = Check(document, diagnostics);
        return analysis is null ? null : PlanCompiler.Compile(bound, analysis, parameters);
    }

    /// <summary>
    /// After errors in reading, what was read is still bound and checked, so that every problem is reported at once
    /// (and <see cref="Check"/> then returns no analysis).
    /// </summary>
    public static EvaluationPlan? CompileFile(string path, DiagnosticBag diagnostics) =>
        Read(path, diagnostics) is { } document ? Compile(document, diagnostics) : null;
}
