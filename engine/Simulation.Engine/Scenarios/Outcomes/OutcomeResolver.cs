using System.Collections.Immutable;
using System.Globalization;
using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Scenarios.Building;
using Simulation.Engine.Scenarios.Format;
using Simulation.Engine.Scenarios.Resolution;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Scenarios.Outcomes;

/// <summary>
/// Turns the experiment's outcomes (and series) into a <see cref="MeasurementPlan"/>. Outcomes that need a
/// whole trajectory become hidden accumulators compiled into the model, so a run only ever records a few
/// values at chosen steps:
/// <list type="bullet">
/// <item>value of E at t: a hidden auxiliary = E, recorded at t;</item>
/// <item>total of E over [from, to]: a hidden stock A with A(start) = 0 and inflow E, integrated by the model's
/// own method; the total is A(to) - A(from) (with Euler, the left Riemann sum of E over the steps in [from, to));</item>
/// <item>mean of E over [from, to]: that total / (to - from);</item>
/// <item>discounted total: the inflow is E / (1 + rate)^((TIME - t0) / period), continuous in time.</item>
/// </list>
/// Differences, ratios and paired comparisons with the baseline are computed from these after the runs.
/// </summary>
public static class OutcomeResolver
{
    public static MeasurementPlan Resolve(ExperimentDocument experiment, BoundModel model, StepClock clock, HiddenNames names, InputResolver inputs,
        DiagnosticBag diagnostics)
    {
        var b = new MeasurementBuilder(model, clock, names, diagnostics);
        b.Declared.UnionWith(experiment.Outcomes.Select(o => o.Name));
        bool Measured(OutcomeDefinition o) => o.Kind is OutcomeKind.Value or OutcomeKind.Total or OutcomeKind.Mean;
        foreach (var o in experiment.Outcomes.Where(Measured).Where(b.Claim))
        {
            if (o.Kind == OutcomeKind.Value) b.AddValue(o);
            else b.AddAccumulated(o);
        }
        DerivedOutcomes.Add(experiment.Outcomes.Where(o => !Measured(o)), b, diagnostics);
        var series = new List<SeriesColumn>();
        foreach (var reference in experiment.Outputs.Series)
        {
            if (inputs.Resolve(reference, InputUse.Series) is not { } target) continue;
            var variable = model.FindVariable(target.VariableName)!;
            foreach (int p in target.Positions)
                series.Add(new SeriesColumn(variable.Name, ElementLabel(variable.Dimensions, p), b.Output(variable.Name, p)));
        }
        var seriesSteps = series.Count > 0 ? clock.SavedSteps().ToImmutableArray() : ImmutableArray<int>.Empty;
        var layout = new RecordLayout(b.Outputs.ToImmutableArray(), b.Steps.Concat(seriesSteps));
        return new MeasurementPlan(b.Variables.ToImmutableArray(), layout, b.Columns.ToImmutableArray(), series.ToImmutableArray(), seriesSteps)
        {
            Expressions = b.Expressions.ToImmutableArray(),
        };
    }

    /// <summary>Element names joined with commas (<c>65+,Q1</c>) for row-major position <paramref name="flat"/>; "" for scalars.</summary>
    public static string ElementLabel(IReadOnlyList<Dimension> dims, int flat)
    {
        if (dims.Count == 0) return "";
        var parts = new string[dims.Count];
        for (int k = dims.Count - 1; k >= 0; k--)
        {
            parts[k] = dims[k].Elements[flat % dims[k].Size];
            flat /= dims[k].Size;
        }
        return string.Join(",", parts);
    }

    /// <summary>Collects hidden variables, recorded outputs and steps, and outcome columns, checking names, dimensions and times.</summary>
    internal sealed class MeasurementBuilder(BoundModel model, StepClock clock, HiddenNames names, DiagnosticBag diagnostics)
    {
        private readonly Dictionary<RecordedElement, int> _outputIndex = new();
        private readonly Dictionary<string, List<int>> _byName = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, OutcomeDefinition> _claimed = new(StringComparer.OrdinalIgnoreCase);

        public List<VariableDefinition> Variables { get; } = new();
        public List<RecordedElement> Outputs { get; } = new();
        public HashSet<int> Steps { get; } = new();
        public List<OutcomeColumn> Columns { get; } = new();
        public List<MeasuredExpression> Expressions { get; } = new();

        public IReadOnlyDictionary<string, List<int>> ColumnsByName => _byName;

        /// <summary>Value outcomes read at several times: per time (in the order listed), the columns of its elements.</summary>
        public Dictionary<string, List<List<int>>> Timed { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IEnumerable<string> Names => _claimed.Keys;

        /// <summary>Every outcome name the experiment writes, so a value outcome's times cannot take one of them.</summary>
        public HashSet<string> Declared { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Registers an outcome's name; false (reported) when another outcome has it.</summary>
        public bool Claim(OutcomeDefinition o)
        {
            if (_claimed.TryAdd(o.Name, o)) return true;
            diagnostics.Error(DiagnosticCodes.DuplicateExperimentName, $"two outcomes are called '{o.Name}'", o.Location,
                hint: $"the first is at {_claimed[o.Name].Location}; names ignore case");
            return false;
        }

        public int Output(string variable, int position)
        {
            var key = new RecordedElement(variable, position);
            if (!_outputIndex.TryGetValue(key, out int index))
            {
                _outputIndex[key] = index = Outputs.Count;
                Outputs.Add(key);
            }
            return index;
        }

        public void AddColumns(string outcome, IReadOnlyList<(string Element, OutcomeFormula Formula)> columns, OutcomeDefinition definition)
        {
            var list = new List<int>();
            foreach (var (element, formula) in columns)
            {
                list.Add(Columns.Count);
                Columns.Add(new OutcomeColumn(outcome, element, definition.Units, formula) { Definition = definition });
            }
            _byName[outcome] = list;
        }

        public void AddValue(OutcomeDefinition o)
        {
            if (Dimensions(o) is not { } dims || o.Expression is null) return;
            var times = o.At.IsEmpty ? [clock.Time.Stop] : o.At;
            var steps = times.Select(t => Step(t, o.AtLocation, o, "at")).ToList();
            if (steps.Any(s => s < 0)) return;
            string name = names.Make($"outcome: {o.Name}");
            Variables.Add(Variable(name, VariableKind.Auxiliary, dims, o.Expression));
            AddExpression(o, name, dims);
            var timed = new List<List<int>>();
            for (int k = 0; k < times.Length; k++)
            {
                string outcome = times.Length == 1 ? o.Name : OutcomeNames.At(o.Name, times[k], clock.Time.Units);
                if (times.Length > 1 && Declared.Contains(outcome))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateExperimentName,
                        $"'{o.Name}' read at {times[k].ToString("R", CultureInfo.InvariantCulture)} is called '{outcome}', the name of another outcome",
                        o.AtLocation ?? o.Location, hint: $"rename one of them: '{o.Name}' names each of its times \"{o.Name}{OutcomeNames.Separator}WHEN\"");
                    return;
                }
                AddColumns(outcome, PerElement(dims, p => new ValueAt(Output(name, p), steps[k])), o);
                timed.Add(_byName[outcome]);
                Steps.Add(steps[k]);
            }
            Timed[o.Name] = timed;
        }

        public void AddAccumulated(OutcomeDefinition o)
        {
            if (Dimensions(o) is not { } dims || o.Expression is null) return;
            double from = o.From ?? clock.Time.Start, to = o.To ?? clock.Time.Stop;
            int fromStep = Step(from, o.FromLocation, o, "from"), toStep = Step(to, o.ToLocation, o, "to");
            if (fromStep < 0 || toStep < 0) return;
            if (toStep <= fromStep)
            {
                diagnostics.Error(DiagnosticCodes.OutcomeTime, $"the period of '{o.Name}' ends at {to}, which is not after its start at {from}", o.ToLocation,
                    hint: "\"to\" must be later than \"from\"");
                return;
            }
            string stock = names.Make($"outcome: {o.Name}"), flow = names.Make($"outcome: {o.Name} (rate)");
            EquationSource rate = o.Expression;
            string measured = flow;
            if (o.Discount is { } discount)
            {
                if (DiscountEquation(o, discount) is not { } factor) return;
                string value = measured = names.Make($"outcome: {o.Name} (value)");
                Variables.Add(Variable(value, VariableKind.Auxiliary, dims, o.Expression));
                rate = EquationSource.Detached($"{ExprPrinter.FormatName(value)} {factor}", o.Location?.Path ?? "<experiment>");
            }
            AddExpression(o, measured, dims);
            Variables.Add(Variable(flow, VariableKind.Flow, dims, rate));
            Variables.Add(Variable(stock, VariableKind.Stock, dims, EquationSource.Detached("0")) with
            {
                Inflows = [new NameReference(flow, o.Location)],
            });
            double divisor = o.Kind == OutcomeKind.Mean ? to - from : 1;
            AddColumns(o.Name, PerElement(dims, p => new IncreaseOver(Output(stock, p), fromStep, toStep, divisor)), o);
            Steps.Add(fromStep);
            Steps.Add(toStep);
        }

        private void AddExpression(OutcomeDefinition o, string variable, ImmutableArray<Dimension> dims)
        {
            int count = dims.Aggregate(1, (n, d) => n * d.Size);
            Expressions.Add(new MeasuredExpression(o.Name, o.Expression!.Text, o.Units, variable,
                Enumerable.Range(0, count).Select(p => ElementLabel(dims, p)).ToImmutableArray()));
        }

        /// <summary>"/ (1 + r) ^ ((TIME - t0) / period)", or null (reported) when the rate or period is impossible or unknown.</summary>
        private string? DiscountEquation(OutcomeDefinition o, DiscountDefinition d)
        {
            if (!(d.Rate > -1) || !double.IsFinite(d.Rate))
            {
                diagnostics.Error(DiagnosticCodes.InvalidExperiment, $"the discount rate of '{o.Name}' is {d.Rate}; it must be above -1", d.RateLocation,
                    hint: "e.g. 0.035 for NICE's 3.5% a year");
                return null;
            }
            string? units = clock.Time.Units?.Trim().ToLowerInvariant();
            double? period = d.Period ?? (units is "year" or "years" or "yr" or "yrs" or "y" ? 1 : null);
            if (period is null)
            {
                diagnostics.Error(DiagnosticCodes.DiscountPeriodUnknown,
                    $"the discount rate of '{o.Name}' is per period, but the model's time unit is {(units is null ? "not given" : $"'{units}'")}, not years",
                    d.Location, hint: "give \"period\": the length of one discounting period in model time units (365 for days, 12 for months)");
                return null;
            }
            if (!(period > 0))
            {
                diagnostics.Error(DiagnosticCodes.DiscountPeriodUnknown, $"the discount period of '{o.Name}' is {period}; it must be positive", d.Location);
                return null;
            }
            string Num(double x) => x < 0 ? $"({ExprPrinter.FormatNumber(x)})" : ExprPrinter.FormatNumber(x);
            return $"/ (1 + {Num(d.Rate)}) ^ ((TIME - {Num(d.From ?? clock.Time.Start)}) / {Num(period.Value)})";
        }

        private int Step(double t, SourceLocation? location, OutcomeDefinition o, string key)
        {
            if (clock.TryStepOf(t, out int step)) return step;
            bool inside = t >= clock.Time.Start && t <= clock.Time.Stop;
            diagnostics.Error(DiagnosticCodes.OutcomeTime,
                inside
                    ? $"\"{key}\" of '{o.Name}' is {t}, between two steps of the run (dt = {clock.Time.Dt})"
                    : $"\"{key}\" of '{o.Name}' is {t}, outside the run ({clock.Time.Start} to {clock.Time.Stop})",
                location, hint: inside ? "use a time start + k * dt" : "choose a time within the run, or change the run's \"time\"");
            return -1;
        }

        private ImmutableArray<Dimension>? Dimensions(OutcomeDefinition o)
        {
            var dims = ImmutableArray.CreateBuilder<Dimension>();
            foreach (var name in o.By)
            {
                var d = model.Dimensions.FirstOrDefault(x => x.Canonical == Identifier.Canonical(name.Name));
                if (d is null)
                {
                    string? s = NameSuggester.Suggest(name.Name, model.Dimensions.Select(x => x.Name));
                    diagnostics.Error(DiagnosticCodes.UnknownDimension, $"'{o.Name}' is given by '{name.Name}', which is not a dimension of the model",
                        name.Location, hint: s is not null ? $"did you mean '{s}'?" : $"the dimensions are: {string.Join(", ", model.Dimensions)}");
                    return null;
                }
                dims.Add(d);
            }
            return dims.ToImmutable();
        }

        private static List<(string, OutcomeFormula)> PerElement(ImmutableArray<Dimension> dims, Func<int, OutcomeFormula> formula)
        {
            int count = dims.Aggregate(1, (n, d) => n * d.Size);
            return Enumerable.Range(0, count).Select(p => (ElementLabel(dims, p), formula(p))).ToList();
        }

        private static VariableDefinition Variable(string name, VariableKind kind, ImmutableArray<Dimension> dims, EquationSource equation) => new()
        {
            Name = name,
            Kind = kind,
            Equation = equation,
            Dimensions = dims.Select(d => new NameReference(d.Name, null)).ToImmutableArray(),
        };
    }
}
