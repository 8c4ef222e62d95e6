using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Designs;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Sampling;

namespace Simulation.Engine.Scenarios.Resolution;

/// <summary>
/// Resolves the "uncertainty" block into design columns and a <see cref="SampleDesign"/>: targets must be
/// inputs, distributions possible, grids must have levels, and the design must have samples.
/// </summary>
public static class UncertaintyResolver
{
    /// <param name="modelValue">An element's value in the model when it is a constant (null otherwise): the default median.</param>
    public static UncertaintyPlan Resolve(ExperimentDocument experiment, BoundModel model, InputResolver inputs, Func<int, double?> modelValue,
        DiagnosticBag diagnostics)
    {
        if (experiment.Uncertainty is not { } u) return UncertaintyPlan.None;
        var columns = new List<SampledInput>();
        var distributions = new List<InputDistribution>();
        var levels = new List<IReadOnlyList<double>>();
        SampleDesign? design = null;
        if (u.Design == DesignKind.Table)
        {
            if (!u.Inputs.IsEmpty)
                diagnostics.Error(DiagnosticCodes.InvalidExperiment, "a table design takes its inputs from the table's columns, not from \"inputs\"",
                    u.Inputs[0].Location, hint: "remove \"inputs\", or choose another design");
            if (DesignTableOf(u, diagnostics) is not { } table) return UncertaintyPlan.None;
            foreach (var cell in table.InputCells)
                if (TableColumn(cell.Text, new SourceLocation(table.Path, cell.Line, cell.Column), model, inputs, diagnostics) is { } column)
                    columns.Add(column);
            design = new TableDesign(table);
        }
        else
        {
            foreach (var input in u.Inputs)
            {
                var target = inputs.Resolve(input.Target, InputUse.Value);
                if (target is null || input.Distribution is null) continue;
                var (distribution, elements) = DistributionOf(input, target, model, modelValue, diagnostics);
                if (distribution is null) continue;
                if (u.Design == DesignKind.Grid)
                {
                    if (input.Distribution.Kind != DistributionKind.Discrete && input.Levels is null)
                    {
                        diagnostics.Error(DiagnosticCodes.EmptyDesign, $"the grid has no levels for '{target.Label}'", input.Location,
                            hint: "give \"levels\": n (spread over its distribution) or \"values\": [...]");
                        continue;
                    }
                    levels.Add(distribution.GridLevels(input.Levels ?? 0));
                }
                columns.Add(new SampledInput(target, input.Apply, distribution) { ElementDistributions = elements });
                distributions.Add(distribution);
            }
            design = Design(u, distributions, levels, experiment.Seed, diagnostics);
        }
        CheckOverlaps(columns, u, diagnostics);
        if (design is null) return UncertaintyPlan.None;
        if (design.Count == 0)
            diagnostics.Error(DiagnosticCodes.EmptyDesign, "the design has no samples, so nothing would run", u.SamplesLocation, hint: "ask for at least one sample");
        return new UncertaintyPlan(columns.ToImmutableArray(), design, u.Replications, u.Design);
    }

    private const string FactorSuffix = " (factor)", QuantileSuffix = " (quantile)";

    /// <summary>
    /// A design table's column: an input (its values set it), or, as a sweep's runs table and a calibration's
    /// posterior.csv name them, "X (factor)" (a factor on X's value) or "X (quantile)" (an array moved across its
    /// elements' ranges: each element low + value (high - low)), so those tables can drive a sweep as they are.
    /// </summary>
    private static SampledInput? TableColumn(string text, SourceLocation location, BoundModel model, InputResolver inputs, DiagnosticBag diagnostics)
    {
        var apply = ApplyMode.Set;
        bool across = false;
        string name = text.Trim();
        if (model.FindVariable(InputReference.Parse(name, location).Name) is null)
        {
            if (name.EndsWith(FactorSuffix, StringComparison.OrdinalIgnoreCase)) (name, apply) = (name[..^FactorSuffix.Length], ApplyMode.Multiply);
            else if (name.EndsWith(QuantileSuffix, StringComparison.OrdinalIgnoreCase)) (name, across) = (name[..^QuantileSuffix.Length], true);
        }
        var target = inputs.Resolve(InputReference.Parse(name, location), InputUse.Value);
        if (target is null) return null;
        if (!across) return new SampledInput(target, apply, null);
        var info = model.FindVariable(target.VariableName)?.Definition?.Input;
        var ranges = target.Positions.Select(p => info?.RangeOf(p)).ToList();
        if (ranges.Any(r => r is null))
        {
            diagnostics.Error(DiagnosticCodes.ImpossibleDistribution, $"the column '{text}' moves '{target.Label}' across its elements' ranges, but the model gives it none",
                location, hint: "give the input a \"range\" in the model, or name its values in the table");
            return null;
        }
        return new SampledInput(target, ApplyMode.Set, null)
        {
            ElementDistributions = ranges.Select(r => (InputDistribution)new UniformDistribution(r!.Value.Low, r.Value.High)).ToImmutableArray(),
        };
    }

    /// <summary>
    /// The column's distribution. Parameters the experiment leaves out are taken from the model, element by element
    /// (<see cref="DistributionFactory.TakesFromModel"/>); when the elements of an array differ in them, each element
    /// gets its own distribution and the column draws one quantile level u for all of them (the column is uniform on
    /// [0, 1]), so one draw moves the whole array together between its low and high ends.
    /// </summary>
    private static (InputDistribution?, ImmutableArray<InputDistribution>) DistributionOf(UncertainInput input, ResolvedInput target, BoundModel model,
        Func<int, double?> modelValue, DiagnosticBag diagnostics)
    {
        var d = input.Distribution!;
        var variable = model.FindVariable(target.VariableName)!;
        var (range, value) = DistributionFactory.TakesFromModel(d);
        var defaults = target.Positions.Select(p => new DistributionFactory.ModelDefaults(
            range ? variable.Definition?.Input?.RangeOf(p) : null, value ? modelValue(variable.Elements[p]) : null)).ToList();
        if (input.Apply == ApplyMode.Multiply && (value || defaults.Distinct().Count() > 1))
        {
            diagnostics.Error(DiagnosticCodes.ImpossibleDistribution, $"a multiplier of '{target.Label}' needs its own parameters", d.Location,
                hint: "the model's range and value are values of the input, not factors: give the factor's distribution in full, or sample the values (\"apply\": \"set\")");
            return (null, default);
        }
        if (defaults.Distinct().Count() == 1) return (DistributionFactory.Create(d, target.Label, defaults[0], diagnostics), default);
        var elements = ImmutableArray.CreateBuilder<InputDistribution>();
        for (int i = 0; i < defaults.Count; i++)
        {
            string element = model.Elements[variable.Elements[target.Positions[i]]].DisplayName;
            if (DistributionFactory.Create(d, element, defaults[i], diagnostics) is not { } own) return (null, default);
            elements.Add(own);
        }
        return (new UniformDistribution(0, 1), elements.ToImmutable());
    }

    /// <summary>The design table the experiment names (located problems: the file, its cells).</summary>
    private static DesignTable? DesignTableOf(UncertaintyDefinition u, DiagnosticBag diagnostics)
    {
        if (u.TablePath is null) return null;
        if (!File.Exists(u.TablePath))
        {
            diagnostics.Error(DiagnosticCodes.DesignTableProblem, $"cannot read the design table '{u.TablePath}': it does not exist", u.Table?.Location,
                hint: "the path is relative to the experiment file's folder");
            return null;
        }
        var file = SourceFile.Load(u.TablePath, diagnostics, DiagnosticCodes.DesignTableProblem);
        return file is null ? null : DesignTable.Read(file, diagnostics);
    }

    private static SampleDesign? Design(UncertaintyDefinition u, List<InputDistribution> distributions, List<IReadOnlyList<double>> levels, ulong seed,
        DiagnosticBag diagnostics)
    {
        int samples = u.Samples ?? 0;
        switch (u.Design)
        {
            case DesignKind.Grid:
                long size = GridDesign.Size(levels.Select(l => l.Count));
                if (size > int.MaxValue)
                {
                    diagnostics.Error(DiagnosticCodes.DesignTooLarge, $"the grid has {size:N0} combinations, more than a sweep can run", u.DesignLocation,
                        hint: "use fewer levels, or a Latin hypercube or Sobol design");
                    return null;
                }
                return new GridDesign(levels);
            case DesignKind.Sobol when distributions.Count > SobolSequence.MaxDimensions:
                diagnostics.Error(DiagnosticCodes.DesignTooLarge, $"Sobol points are available for up to {SobolSequence.MaxDimensions} inputs; this design has {distributions.Count}",
                    u.DesignLocation, hint: "use a Latin hypercube or Monte Carlo design");
                return null;
            case DesignKind.Sobol:
                return new QuantileDesign(new SobolPoints(samples, distributions.Count), distributions);
            case DesignKind.LatinHypercube:
                if ((long)samples * distributions.Count > 200_000_000)
                {
                    diagnostics.Error(DiagnosticCodes.DesignTooLarge, $"a Latin hypercube of {samples:N0} samples in {distributions.Count} inputs is too large to hold",
                        u.SamplesLocation, hint: "use a Sobol or Monte Carlo design");
                    return null;
                }
                return new QuantileDesign(new LatinHypercubePoints(seed, samples, distributions.Count), distributions);
            default:
                return new QuantileDesign(new MonteCarloPoints(seed, samples, distributions.Count), distributions);
        }
    }

    /// <summary>Two columns that set the same element would fight over it; a column given twice is a mistake either way.</summary>
    private static void CheckOverlaps(List<SampledInput> columns, UncertaintyDefinition u, DiagnosticBag diagnostics)
    {
        for (int i = 0; i < columns.Count; i++)
        for (int j = 0; j < i; j++)
        {
            var (a, b) = (columns[j], columns[i]);
            if (a.Target.VariableName != b.Target.VariableName || !a.Target.Positions.Intersect(b.Target.Positions).Any()) continue;
            bool bothSet = a.Apply == ApplyMode.Set && b.Apply == ApplyMode.Set;
            if (!bothSet && !(a.Apply == b.Apply && a.Target.Label == b.Target.Label)) continue; // a multiplier scales whatever the value is
            diagnostics.Error(DiagnosticCodes.SampledTwice, $"'{b.Target.Label}' is sampled twice (it overlaps '{a.Target.Label}')", b.Target.Reference.Location,
                hint: "sample each element once; a multiplier (\"apply\": \"multiply\") may overlap a sampled value");
        }
    }
}
