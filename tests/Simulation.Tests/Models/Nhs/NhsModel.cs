using System.Collections.Concurrent;
using System.Collections.Immutable;
using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// The two NHS reference models in <c>models/</c>, read once per test run, and the few edits their tests
/// make to a copy of a model: a shorter run, or observer variables (probes) that only read the model.
/// </summary>
internal static class NhsModel
{
    public const string HospitalToCommunity = "hospital-to-community.json";
    public const string IllnessToPrevention = "illness-to-prevention.json";

    private static readonly ConcurrentDictionary<string, ModelDocument> Documents = new();

    /// <summary>The model as bundled; a model with any diagnostic fails the test that reads it.</summary>
    public static ModelDocument Read(string file) => Documents.GetOrAdd(file, f =>
    {
        var diagnostics = new DiagnosticBag();
        var document = ModelPipeline.Read(TestModels.PathOf("models", f), diagnostics);
        if (document is null || diagnostics.Items.Count > 0) throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        return document;
    });

    /// <summary>The same model run from its start to <paramref name="stop"/>, saving every step.</summary>
    public static ModelDocument EveryStepUntil(this ModelDocument document, double stop) =>
        document with { Time = document.Time with { Stop = stop, SavePeriod = null } };

    public static ModelDocument With(this ModelDocument document, IEnumerable<VariableDefinition> extra) =>
        document with { Variables = document.Variables.AddRange(extra) };

    public static VariableDefinition Auxiliary(string name, string equation) =>
        new() { Name = name, Kind = VariableKind.Auxiliary, Equation = new EquationSource(equation, null, 0) };

    public static VariableDefinition Flow(string name, string equation) =>
        new() { Name = name, Kind = VariableKind.Flow, Equation = new EquationSource(equation, null, 0) };

    /// <summary>A stock that starts at 0 and accumulates one flow: the integral of that flow over the run so far.</summary>
    public static VariableDefinition Accumulator(string name, string flow) =>
        new()
        {
            Name = name, Kind = VariableKind.Stock, Equation = new EquationSource("0", null, 0),
            Inflows = ImmutableArray.Create(new NameReference(flow, null)),
        };

    /// <summary><paramref name="name"/> as an equation operand: quoted, so names such as <c>G&amp;A beds</c> need no care.</summary>
    public static string Quoted(string name) => "\"" + name + "\"";

    /// <summary>All elements of a variable in an equation: <c>"x"[*, *]</c> for two dimensions, <c>"x"</c> for a scalar.</summary>
    public static string AllOf(VariableDefinition variable) =>
        Quoted(variable.Name) + (variable.IsArrayed ? "[" + string.Join(", ", variable.Dimensions.Select(_ => "*")) + "]" : "");
}
