using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// Chosen variables of one run on the reference evaluator, at every step, and the yearly figures KPIs are
/// reported as: a total over a period is the left Riemann sum Σ v(tᵢ)·dt over the steps from ≤ tᵢ &lt; to
/// (what an accumulator stock integrated by Euler holds), a mean is that total over the period's length.
/// </summary>
public sealed class StepSeries
{
    private readonly SimulationResult _result;
    private readonly double _dt;

    private StepSeries(SimulationResult result, double dt)
    {
        _result = result;
        _dt = dt;
    }

    /// <summary>Runs <paramref name="document"/> from its start to <paramref name="stop"/>, recording <paramref name="variables"/>.</summary>
    public static StepSeries Run(ModelDocument document, double stop, IEnumerable<string> variables)
    {
        var diagnostics = new DiagnosticBag();
        var plan = ModelPipeline.Compile(document.EveryStepUntil(stop), diagnostics)
                   ?? throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        var (columns, unknown) = Simulator.SelectOutputs(plan, variables);
        if (columns is null) throw new AssertionException("the model has no variable " + string.Join(", ", unknown));
        var result = Simulator.Run(plan, columns);
        Assert.That(result.Diagnostics, Is.Empty, () => DiagnosticRenderer.ToText(result.Diagnostics));
        return new StepSeries(result, plan.Time.Dt);
    }

    public double Total(string variable, double from, double to)
    {
        int column = _result.IndexOf(variable);
        if (column < 0) throw new AssertionException($"'{variable}' was not recorded");
        double sum = 0;
        for (int i = 0; i < _result.Times.Count; i++)
        {
            double t = _result.Times[i];
            if (t >= from - _dt / 2 && t < to - _dt / 2) sum += _result.Rows[i][column];
        }
        return sum * _dt;
    }

    public double Mean(string variable, double from, double to) => Total(variable, from, to) / (to - from);

    public double At(string variable, double time)
    {
        int column = _result.IndexOf(variable);
        for (int i = 0; i < _result.Times.Count; i++)
            if (Math.Abs(_result.Times[i] - time) < _dt / 2) return _result.Rows[i][column];
        throw new AssertionException($"no value of '{variable}' at {time}");
    }
}
