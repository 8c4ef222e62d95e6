using Simulation.Engine;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Results;
using Simulation.Engine.Runtime;

namespace Simulation.Tests.Models.Nhs;

/// <summary>
/// Chosen variables of one run on the reference evaluator, at every step from the start to a stop time, and
/// the figures KPIs are reported as for that period: a total is the left Riemann sum Σ v(tᵢ)·dt over the steps
/// start ≤ tᵢ &lt; stop (what an accumulator stock integrated by Euler holds), a mean is the total over the
/// period's length.
/// </summary>
public sealed class StepSeries
{
    private readonly SimulationResult _result;
    private readonly double _dt;
    private readonly double _length;

    private StepSeries(SimulationResult result, double dt, double length)
    {
        _result = result;
        _dt = dt;
        _length = length;
    }

    /// <summary>Runs <paramref name="document"/> from its start to <paramref name="stop"/>, recording every variable without dimensions.</summary>
    public static StepSeries Run(ModelDocument document, double stop)
    {
        var diagnostics = new DiagnosticBag();
        var plan = ModelPipeline.Compile(document.EveryStepUntil(stop), diagnostics)
                   ?? throw new AssertionException(DiagnosticRenderer.ToText(diagnostics.Items));
        var (columns, _) = Simulator.SelectOutputs(plan, document.Variables.Where(v => !v.IsArrayed && v.Kind != VariableKind.Graphical).Select(v => v.Name));
        var result = Simulator.Run(plan, columns!);
        Assert.That(result.Diagnostics, Is.Empty, () => DiagnosticRenderer.ToText(result.Diagnostics));
        return new StepSeries(result, plan.Time.Dt, plan.Time.Stop - plan.Time.Start);
    }

    public double Total(string variable)
    {
        int column = _result.IndexOf(variable);
        if (column < 0) throw new AssertionException($"'{variable}' was not recorded");
        double sum = 0;
        for (int i = 0; i < _result.Times.Count - 1; i++) sum += _result.Rows[i][column];
        return sum * _dt;
    }

    public double Mean(string variable) => Total(variable) / _length;
}
