using Simulation.Engine.Scenarios.Output;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Reporting.Report;

/// <summary>
/// The charts of a sweep, computed from its folder: the distribution of each scenario's paired difference on each
/// headline outcome, what drives it (tornado), the cost-effectiveness plane and acceptability curve, and fan charts of
/// the series over time. Per-run values come from the Parquet tables (futures left out by history matching stay out);
/// every statistic the tables print is the summary's, and the acceptability curve uses the summary's own functions.
/// </summary>
public sealed class ReportData
{
    /// <summary>At most this many series values are read to draw fan charts; larger sweeps read every k-th future.</summary>
    public const long SeriesBudget = 20_000_000;

    public const int TornadoBars = 8, PlanePoints = 500;

    public List<ChartSpec> Charts { get; } = new();

    /// <summary>How many futures the tables hold: the experiment's, or fewer in a partial merge.</summary>
    public int Futures { get; private set; }

    /// <summary>How many futures the fan charts read (all of them unless the sweep is large).</summary>
    public int SeriesFutures { get; private set; }

    /// <param name="outcomes">The outcomes (as the summary names them) to chart; null: the headline.</param>
    public static ReportData Build(SweepFolder folder, IReadOnlyCollection<string>? outcomes = null, bool costEffectiveness = true, bool series = true)
    {
        var data = new ReportData();
        var summary = folder.Summary;
        var scenarios = summary.Scenarios.ToList();
        int b = scenarios.IndexOf(summary.Baseline);
        var results = SweepFolderReader.Read(folder.Path, series, SeriesBudget);
        // A partial merge's tables hold fewer futures than the experiment has, numbered among themselves as its summary numbers them.
        if (!results.Scenarios.SequenceEqual(scenarios) || results.Futures > summary.Futures)
            throw new ReportingException($"the tables in '{folder.Path}' do not match its {SweepOutputs.SummaryJson} ({results.Scenarios.Length} scenarios x {results.Futures} futures against {scenarios.Count} x {summary.Futures})",
                $"run the sweep again (sim sweep EXPERIMENT --output {folder.Path} --force)");
        data.Futures = results.Futures;
        var kept = summary.HistoryMatch?.Kept.ToArray() ?? Enumerable.Range(0, results.Futures).ToArray();
        var chosen = outcomes ?? summary.Headline;
        var keys = summary.Rows.Where(r => chosen.Contains(r.Outcome) && r.Kind != OutcomeKindNames.NetMonetaryBenefit && r.Comparison is not null)
            .Select(r => (r.Outcome, r.Element)).Distinct().ToList();
        var ce = summary.CostEffectiveness;
        double[] Change(int s, (string Outcome, string Element) key)
        {
            int k = results.OutcomeIndex(new OutcomeKey(key.Outcome, key.Element));
            if (k < 0) return kept.Select(_ => double.NaN).ToArray();
            var (mine, theirs) = (results.OutcomeValues[s][k], results.OutcomeValues[b][k]);
            return kept.Select(f => ZeroToRounding.Difference(mine[f], theirs[f])).ToArray();
        }
        var others = Enumerable.Range(0, scenarios.Count).Where(s => s != b).ToList();

        // Differences: each chosen outcome, then net monetary benefit at each threshold.
        var differences = keys.Select(k => (Key: k, Units: summary.Rows.First(r => r.Outcome == k.Outcome).Units, Of: (Func<int, double[]>)(s => Change(s, k)))).ToList();
        if (ce is not null)
            foreach (double lambda in ce.Thresholds.Where(l => chosen.Contains(CostEffectivenessSummary.OutcomeName(l))))
                differences.Add(((CostEffectivenessSummary.OutcomeName(lambda), ""), ce.Units,
                    s => CostEffectivenessSummary.NetBenefit(Change(s, (ce.Cost, "")), Change(s, (ce.Qalys, "")), lambda)));
        var rows = summary.Rows.Where(r => r.Comparison is not null).ToDictionary(r => (r.Scenario, r.Outcome, r.Element));
        var (inputNames, inputs) = (results.Inputs, results.InputValues);
        var keptInputs = inputs.Select(column => kept.Select(f => column[f]).ToArray()).ToArray();
        foreach (var ((outcome, element), units, of) in differences)
        {
            string name = element.Length == 0 ? outcome : $"{outcome}[{element}]";
            var boxes = others.Where(s => rows.ContainsKey((scenarios[s], outcome, element)))
                .Select(s => new DifferenceBox(scenarios[s], s, rows[(scenarios[s], outcome, element)].Comparison!.Difference)).ToList();
            if (boxes.All(x => x.Difference.Count == 0)) continue;
            data.Charts.Add(new DifferenceChart($"difference-{data.Charts.Count}", name, units, boxes));
            foreach (var (s, d) in others.Select(s => (s, d: of(s))))
            {
                if (d.All(x => x == 0 || !double.IsFinite(x)) || inputs.Length == 0) continue;
                var bars = inputNames.Select((input, k) => (input, rho: ChartMath.Spearman(keptInputs[k], d)))
                    .Where(x => double.IsFinite(x.rho)).OrderByDescending(x => Math.Abs(x.rho)).Take(TornadoBars).ToList();
                if (bars.Count > 0) data.Charts.Add(new TornadoChart($"tornado-{data.Charts.Count}", name, scenarios[s], bars));
            }
        }
        if (ce is not null && costEffectiveness) data.AddCostEffectiveness(ce, scenarios, others, s => Change(s, (ce.Qalys, "")), s => Change(s, (ce.Cost, "")));
        if (series) data.AddFans(folder, results, outcomes);
        return data;
    }

    private void AddCostEffectiveness(CostEffectivenessSummary ce, List<string> scenarios, List<int> others, Func<int, double[]> qalys, Func<int, double[]> costs)
    {
        var q = others.ToDictionary(s => s, qalys);
        var c = others.ToDictionary(s => s, costs);
        var allQ = q.Values.SelectMany(x => x).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var clouds = others.Select(s =>
        {
            var points = ChartMath.Thinned(q[s].Length, PlanePoints).Where(f => double.IsFinite(q[s][f]) && double.IsFinite(c[s][f])).ToList();
            return new PlaneCloud(scenarios[s], s, points.Select(f => q[s][f]).ToArray(), points.Select(f => c[s][f]).ToArray());
        }).ToList();
        Charts.Add(new PlaneChart("plane", ce.Cost, ce.Qalys, ce.Units, clouds, ce.Thresholds, Math.Min(0, allQ.Min()), Math.Max(0, allQ.Max())));
        var grid = ChartMath.AcceptabilityGrid(ce.Thresholds);
        var curves = others.Select(s => new AcceptabilityCurve(scenarios[s], s,
            grid.Select(l => CostEffectivenessSummary.ProbabilityPositive(CostEffectivenessSummary.NetBenefit(c[s], q[s], l))).ToArray())).ToList();
        Charts.Add(new AcceptabilityChart("acceptability", grid, curves, ce.Thresholds));
    }

    private void AddFans(SweepFolder folder, SweepResults results, IReadOnlyCollection<string>? variables)
    {
        if (results.Series.IsEmpty) return;
        SeriesFutures = results.SeriesValues[0].FirstOrDefault()?.Length ?? 0;
        var units = folder.Summary.About?.SeriesUnits ?? new Dictionary<string, string>();
        int b = results.Baseline;
        // One fan per variable element: its saved times in the order the table first lists them.
        foreach (var element in results.Series.Select((key, point) => (key, point)).GroupBy(p => (p.key.Variable, p.key.Element)))
        {
            var (variable, elementName) = element.Key;
            string name = elementName.Length == 0 ? variable : $"{variable}[{elementName}]";
            if (variables is not null && !variables.Contains(variable) && !variables.Contains(name)) continue;
            var points = element.Select(p => p.point).ToArray();
            var times = element.Select(p => p.key.Time).ToArray();
            double[][] Bands(int s) => points.Select(p => ChartMath.Fan(results.SeriesValues[s][p])).ToArray();
            var baseline = new Fan(results.Scenarios[b], ReportCharts.BaselineColour, Bands(b));
            foreach (int s in Enumerable.Range(0, results.Scenarios.Length).Where(s => s != b))
                Charts.Add(new FanChart($"fan-{Charts.Count}", name, results.Scenarios[s], units.GetValueOrDefault(variable), folder.Summary.About?.TimeUnits, times,
                    [baseline, new Fan(results.Scenarios[s], ReportCharts.Palette[s % ReportCharts.Palette.Length], Bands(s))]));
        }
    }
}
