using System.Globalization;
using Simulation.Engine.Scenarios.Running;

namespace Simulation.Engine.Scenarios.Output;

/// <summary>The columns of the runs table: which scenario and future each run is, its sampled values, and any problem it had.</summary>
internal sealed class RunsTable
{
    private readonly CompiledExperiment _experiment;
    private readonly LongColumn _run = new("run");
    private readonly StringColumn _scenario = new("scenario");
    private readonly LongColumn _sample = new("sample");
    private readonly LongColumn _replication = new("replication");
    private readonly ValueColumn[] _inputs;
    private readonly OptionalTextColumn _problem = new("problem");
    private readonly double[] _values;

    public RunsTable(CompiledExperiment experiment)
    {
        _experiment = experiment;
        _inputs = experiment.Uncertainty.Columns.Select(c => new ValueColumn(c.Label)).ToArray();
        _values = new double[experiment.Uncertainty.Design.Columns];
    }

    public TableColumn[] Columns => [_run, _scenario, _sample, _replication, .. _inputs, _problem];

    public void Add(int scenario, int future, FutureProblem? problem)
    {
        int sample = _experiment.SampleOf(future);
        _run.Add(_experiment.RunId(scenario, future));
        _scenario.Add(_experiment.Scenarios[scenario].Name);
        _sample.Add(sample);
        _replication.Add(_experiment.ReplicationOf(future));
        _experiment.Uncertainty.Design.Fill(sample, _values);
        for (int j = 0; j < _inputs.Length; j++) _inputs[j].Add(_values[j]);
        _problem.Add(problem is { } p ? Describe(_experiment.Scenarios[scenario], p) : null);
    }

    private static string Describe(CompiledScenario scenario, FutureProblem p)
    {
        var elements = scenario.Model.Elements;
        string name = p.Element >= 0 && p.Element < elements.Length ? elements[p.Element].DisplayName : "a value";
        return $"'{name}' became NaN or infinite at time {p.Time.ToString("R", CultureInfo.InvariantCulture)}";
    }
}
