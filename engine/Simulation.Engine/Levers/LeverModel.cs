using System.Collections.Concurrent;
using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Runtime.Batches;
using Simulation.Engine.Scenarios;
using Simulation.Engine.Scenarios.Plausibility;
using Simulation.Engine.Scenarios.Summary;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Levers;

/// <summary>
/// The engine behind <c>sim serve</c>: an experiment (or a model) held compiled in memory, answering requests to
/// move its inputs. Every scenario is compiled once with its levers as run parameters (<see cref="LeverPlan"/>), so a
/// request with new input values only runs; a request that adds interventions compiles a variant, kept in a small
/// cache. The baseline's runs are computed once and paired with every request's. Runs go to the vector engine's
/// batch runner, one lane per future. Safe for concurrent requests.
/// </summary>
public sealed class LeverModel
{
    private readonly ResolvedExperiment _experiment;
    private readonly RecordPlan _record;
    private readonly LeverOptions _options;
    private readonly BatchOptions _batch;
    private readonly IReadOnlyList<string> _levers;
    private readonly LeverPlan[] _presets;
    private readonly VariantCache _variants;
    private readonly BaselineRuns _baseline;

    private LeverModel(LeverSource source, ResolvedExperiment experiment, LeverOptions options, LeverPlan[] presets, RecordPlan record)
    {
        Source = source;
        _experiment = experiment;
        _options = options;
        _record = record;
        _presets = presets;
        _batch = new BatchOptions { Threads = options.Threads, LanesPerBatch = options.Lanes, Seed = experiment.Document.Seed };
        _levers = LeverCatalogue.Levers(experiment);
        var baselinePlan = presets[experiment.Baseline];
        Inputs = new LeverCatalogue(experiment, baselinePlan.ValueOf);
        Presets = experiment.Scenarios.Select((s, i) => Preset(s, presets[i])).ToList();
        _variants = new VariantCache(options.VariantCache);
        _baseline = new BaselineRuns(baselinePlan, record, experiment.Uncertainty);
        MaxFutures = experiment.Uncertainty.Kind is null ? 0 : (int)Math.Min(experiment.Uncertainty.Futures, options.MaxFutures);
    }

    public LeverSource Source { get; }

    /// <summary>The baseline scenario's compiled plan (every lever a run parameter).</summary>
    internal Compilation.EvaluationPlan BaselinePlan => _presets[_experiment.Baseline].Plan;

    public ExperimentDocumentSummary Experiment => new(_experiment.Document.Name, _experiment.Document.Description, _experiment.Document.Model.Name,
        _experiment.Scenarios[_experiment.Baseline].Name, _experiment.Model.Time);

    public LeverCatalogue Inputs { get; }

    public IReadOnlyList<LeverPreset> Presets { get; }

    public IReadOnlyList<LeverChart> Charts => _record.Charts;

    /// <summary>Every outcome column (outcome, element, units), in the order results give them.</summary>
    public IReadOnlyList<(string Outcome, string Element, string? Units)> Outcomes => _record.Columns.Select(c => (c.Outcome, c.Element, c.Units)).ToList();

    /// <summary>The most futures a request can ask for: the experiment's (within <see cref="LeverOptions.MaxFutures"/>); 0 without uncertainty.</summary>
    public int MaxFutures { get; }

    /// <summary>Reads and compiles an experiment or a JSON model; null (with the problems) when it has errors.</summary>
    public static LeverModel? Load(string path, DiagnosticBag diagnostics, LeverOptions? options = null)
    {
        options ??= new LeverOptions();
        if (LeverSource.Read(path, diagnostics) is not { } source) return null;
        if (ExperimentCompiler.Resolve(source.Document, diagnostics) is not { } experiment) return null;
        var record = new RecordPlan(experiment);
        var levers = LeverCatalogue.Levers(experiment);
        var batch = new BatchOptions { Threads = options.Threads, LanesPerBatch = options.Lanes, Seed = experiment.Document.Seed };
        var presets = new LeverPlan?[experiment.Scenarios.Length];
        var bags = experiment.Scenarios.Select(_ => new DiagnosticBag()).ToArray();
        Parallel.For(0, presets.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) },
            i => presets[i] = LeverPlan.Compile(experiment, levers, experiment.Scenarios[i], [], record, batch, bags[i]));
        foreach (var d in bags.SelectMany(b => b.Items).Where(d => d.IsError).Distinct()) diagnostics.Add(d);
        if (diagnostics.HasErrors || presets.Any(p => p is null)) return null;
        return new LeverModel(source, experiment, options, presets!, record);
    }

    /// <summary>
    /// Runs the baseline once and compiles every other scenario's step code for a run alone, so that the first request,
    /// and the first that picks a preset, is as quick as the rest. The other scenarios are compiled, not run: compiling
    /// is what a first run of them would add.
    /// </summary>
    public void WarmUp(CancellationToken cancellation = default)
    {
        _baseline.Point(cancellation);
        Parallel.ForEach(_presets.Where((_, i) => i != _experiment.Baseline),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Threads), CancellationToken = cancellation },
            plan => plan.Runner.PrepareOneRun());
    }

    /// <summary>The baseline's answer (its point run, computed once): what every answer's baseline values are.</summary>
    public LeverResult Baseline() => Run(new LeverRequest(), CancellationToken.None, out _)!;

    /// <summary>Answers a request; null with the problem when the request is wrong (nothing is run then).</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellation"/> fires.</exception>
    public LeverResult? Run(LeverRequest request, CancellationToken cancellation, out LeverProblem? problem)
    {
        if (Prepare(request, out problem) is not { } prepared || PlanFor(prepared, out problem) is not { } plan) return null;
        var settings = Settings(prepared, plan, out problem);
        if (problem is not null) return null;
        bool isBaseline = plan == _presets[_experiment.Baseline] && settings.Count == 0;
        // The point run takes every parameter at its default, then the settings: settings that are the defaults (to the bit)
        // are the baseline's run. Futures are sampled first, so there only no settings at all are the baseline's.
        bool pointIsBaseline = plan == _presets[_experiment.Baseline]
            && settings.All(s => BitConverter.DoubleToInt64Bits(s.Value) == BitConverter.DoubleToInt64Bits(plan.Plan.ParameterDefaults[s.Parameter]));
        var baselinePoint = _baseline.Point(cancellation);
        var point = pointIsBaseline ? baselinePoint : RunSet.Run(plan, _record, _experiment.Uncertainty, 1, false, settings, baselinePoint, cancellation);
        RunSet? futures = null, baselineFutures = null;
        int n = prepared.Futures;
        if (n > 0)
        {
            baselineFutures = _baseline.Futures(n, cancellation);
            futures = isBaseline ? baselineFutures : RunSet.Run(plan, _record, _experiment.Uncertainty, n, true, settings, baselineFutures, cancellation);
        }
        return Result(prepared, plan, point, baselinePoint, futures, baselineFutures, n);
    }

    /// <summary>
    /// The experiment with the request saved as one more scenario (JSON that <c>sim sweep</c> reads as it is); null
    /// with the problem when the request is wrong.
    /// </summary>
    public string? SaveScenario(LeverRequest request, out LeverProblem? problem)
    {
        if (Prepare(request, out problem) is not { } prepared || PlanFor(prepared, out problem) is not { } plan) return null;
        Settings(prepared, plan, out problem);
        if (problem is not null) return null;
        return ScenarioFile.Write(Source, _experiment, prepared);
    }

    private PreparedRequest? Prepare(LeverRequest request, out LeverProblem? problem) =>
        PreparedRequest.Prepare(request, _experiment, Inputs, MaxFutures, _options,
            (variable, p) => _presets[_experiment.Baseline].ParameterOf(variable, p) is null, out problem);

    private LeverPlan? PlanFor(PreparedRequest prepared, out LeverProblem? problem)
    {
        problem = null;
        if (!prepared.HasInterventions && prepared.Computed.IsEmpty) return _presets[prepared.Scenario.Index];
        var (plan, diagnostics) = _variants.Get(prepared.VariantKey, () =>
        {
            var bag = new DiagnosticBag();
            return (LeverPlan.Compile(_experiment, _levers, prepared.Scenario, prepared.Computed, _record, _batch, bag), bag);
        });
        if (plan is null)
            problem = LeverRequestReader.FromDiagnostic(diagnostics.Items.FirstOrDefault(d => d.IsError)
                ?? new Diagnostic("SD5020", Severity.Error, "the scenario with these changes does not compile"), prepared.HasInterventions ? "interventions" : "inputs");
        return plan;
    }

    /// <summary>Each setting's plan parameters and values, later settings winning per element.</summary>
    private static List<(int Parameter, double Value)> Settings(PreparedRequest prepared, LeverPlan plan, out LeverProblem? problem)
    {
        problem = null;
        var byParameter = new Dictionary<int, double>();
        var order = new List<int>();
        foreach (var (target, value) in prepared.Settings)
            foreach (int p in target.Positions)
            {
                if (plan.ParameterOf(target.VariableName, p) is not int k)
                {
                    problem = new LeverProblem($"'{target.Label}' cannot be moved in scenario '{prepared.Scenario.Name}': the scenario makes it change during the run",
                        $"inputs/{target.Reference.Text}");
                    return [];
                }
                if (byParameter.TryAdd(k, value)) order.Add(k);
                else byParameter[k] = value;
            }
        return order.Select(k => (k, byParameter[k])).ToList();
    }

    private LeverResult Result(PreparedRequest prepared, LeverPlan plan, RunSet point, RunSet baseline, RunSet? futures, RunSet? baselineFutures, int n)
    {
        var columns = _record.Columns;
        // As a sweep's summary does: futures whose baseline misses a plausibility target are left out of every statistic.
        HistoryMatch? match = null;
        IReadOnlyList<int> kept = Enumerable.Range(0, n).ToList();
        if (baselineFutures is not null && !_experiment.Plausibility.IsEmpty)
        {
            match = HistoryMatch.Judge(_experiment.Plausibility, Enumerable.Range(0, columns.Length).Select(c => baselineFutures.Column(c)[..n]).ToList(), n);
            kept = match.Kept;
        }
        // The statistics are the summary's own (SweepSummary.Describe): the same futures left out, the same paired differences.
        double[][]? own = null, theirs = null;
        bool[]? ownFailed = null, theirFailed = null;
        if (futures is not null && baselineFutures is not null)
        {
            (own, theirs) = (Kept(futures, kept), Kept(baselineFutures, kept));
            (ownFailed, theirFailed) = (kept.Select(f => futures.Failed[f]).ToArray(), kept.Select(f => baselineFutures.Failed[f]).ToArray());
        }
        var outcomes = new List<OutcomeResult>(columns.Length);
        for (int c = 0; c < columns.Length; c++)
        {
            Distribution? spread = null, baselineSpread = null, difference = null;
            if (own is not null && theirs is not null)
            {
                (spread, var comparison) = SweepSummary.Describe(columns, _experiment.Decisions, c, own, ownFailed, theirs, theirFailed, isBaseline: false);
                baselineSpread = SweepSummary.Describe(columns, _experiment.Decisions, c, theirs, theirFailed, theirs, theirFailed, isBaseline: true).Value;
                (spread, baselineSpread) = (SweepSummary.Implausible(match, spread), SweepSummary.Implausible(match, baselineSpread));
                difference = comparison is null ? null : SweepSummary.Implausible(match, comparison.Difference);
            }
            outcomes.Add(new OutcomeResult(columns[c].Outcome, columns[c].Element, columns[c].Units, point.Outcomes[c], baseline.Outcomes[c], spread, baselineSpread, difference));
        }
        int times = _record.Times.Length;
        var lines = new List<LineResult>(_record.LineCount);
        int line = 0;
        foreach (var chart in _record.Charts)
            foreach (string element in chart.Lines)
            {
                lines.Add(new LineResult(chart.Id, element, point.LinesOf(0).Slice(line * times, times).ToArray(), baseline.LinesOf(0).Slice(line * times, times).ToArray(),
                    futures is null ? null : Band.Of(futures, kept, line, times), baselineFutures is null ? null : Band.Of(baselineFutures, kept, line, times)));
                line++;
            }
        return new LeverResult
        {
            Scenario = prepared.Scenario.Name,
            Futures = n,
            Warnings = prepared.Warnings,
            Outcomes = outcomes,
            Times = _record.Times,
            Lines = lines,
            Problem = ProblemText(plan, point, futures),
            HistoryMatch = match?.Describe(),
        };
    }

    /// <summary>The outcome columns of the kept futures: [column][kept future].</summary>
    private static double[][] Kept(RunSet runs, IReadOnlyList<int> kept) =>
        Enumerable.Range(0, runs.Columns).Select(c => { var all = runs.Column(c); return kept.Select(f => all[f]).ToArray(); }).ToArray();

    private static string? ProblemText(LeverPlan plan, RunSet point, RunSet? futures)
    {
        var (set, what) = point.Problem is not null ? (point, "the run") : (futures, "future");
        if (set?.Problem is not var (run, problem)) return null;
        string element = plan.Plan.Model.Elements[problem.Element].DisplayName;
        return $"{(set == point ? what : $"{what} {run}")}: '{element}' became NaN or infinite at time {problem.Time.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} (the run went on)";
    }

    private LeverPreset Preset(Scenarios.Resolution.ResolvedScenario scenario, LeverPlan plan)
    {
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var input in Inputs.Inputs.Where(i => i.Settable))
            for (int p = 0; p < input.Values.Length; p++)
            {
                double v = plan.ValueOf(input.Name, p);
                if (v.Equals(input.Values[p])) continue;
                values[input.IsArrayed ? $"{input.Name}[{input.Elements[p]}]" : input.Name] = v;
            }
        var written = _experiment.Document.Scenarios.FirstOrDefault(s => string.Equals(s.Name, scenario.Name, StringComparison.OrdinalIgnoreCase));
        return new LeverPreset(scenario.Name, scenario.Documentation, written?.BasedOn?.Name, scenario.Index == _experiment.Baseline,
            scenario.Interventions.Select(i => i.Definition).ToImmutableArray(), values);
    }

    /// <summary>Compiled variants by key, the least recently used dropped beyond the capacity; each compiled once even when asked for concurrently.</summary>
    private sealed class VariantCache(int capacity)
    {
        private readonly ConcurrentDictionary<string, (Lazy<(LeverPlan?, DiagnosticBag)> Plan, long Used)> _entries = new();
        private long _clock;

        public (LeverPlan?, DiagnosticBag) Get(string key, Func<(LeverPlan?, DiagnosticBag)> compile)
        {
            long now = Interlocked.Increment(ref _clock);
            var entry = _entries.AddOrUpdate(key, _ => (new Lazy<(LeverPlan?, DiagnosticBag)>(compile), now), (_, e) => (e.Plan, now));
            if (_entries.Count > capacity)
                foreach (var stale in _entries.OrderBy(e => e.Value.Used).Take(_entries.Count - capacity).ToList())
                    if (stale.Key != key) _entries.TryRemove(stale);
            return entry.Plan.Value;
        }
    }

    /// <summary>
    /// The baseline's point run and its futures, each computed once (the futures again only when more are asked for).
    /// Two locks: a request for futures, which may take seconds, must not hold up point runs.
    /// </summary>
    private sealed class BaselineRuns(LeverPlan plan, RecordPlan record, Scenarios.Resolution.UncertaintyPlan uncertainty)
    {
        private readonly object _pointGate = new();
        private readonly object _futuresGate = new();
        private RunSet? _point;
        private RunSet? _futures;

        public RunSet Point(CancellationToken cancellation)
        {
            lock (_pointGate) return _point ??= RunSet.Run(plan, record, uncertainty, 1, false, [], null, cancellation);
        }

        public RunSet Futures(int n, CancellationToken cancellation)
        {
            lock (_futuresGate)
            {
                if (_futures is null || _futures.Runs < n) _futures = RunSet.Run(plan, record, uncertainty, n, true, [], null, cancellation);
                return _futures;
            }
        }
    }
}

/// <summary>What the page shows of the experiment itself.</summary>
public sealed record ExperimentDocumentSummary(string Name, string? Description, string Model, string Baseline, TimeSettings Time);
