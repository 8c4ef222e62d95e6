using System.Collections.Immutable;
using Simulation.Engine.Calibration.Format;
using Simulation.Engine.Scenarios.Resolution;

namespace Simulation.Engine.Calibration.Problem;

/// <summary>
/// One parameter being estimated: the input it sets (as an experiment's sampled column does), its bounds, its
/// scale and prior. The search and the sampler work in unit coordinates u in [0, 1], mapped to the parameter's
/// value x evenly (x = min + u (max - min)) or, on a log scale, evenly in ln x.
/// </summary>
public sealed class EstimatedParameter
{
    private readonly double _low, _high;

    public EstimatedParameter(SampledInput column, double min, double max, ParameterScale scale, Prior prior, double? start, double modelValue)
    {
        Column = column;
        Min = min;
        Max = max;
        Scale = scale;
        Prior = prior;
        Start = start;
        ModelValue = modelValue;
        (_low, _high) = scale == ParameterScale.Log ? (Math.Log(min), Math.Log(max)) : (min, max);
    }

    /// <summary>The input it sets and how (a value, a factor, or a quantile level across the elements' ranges).</summary>
    public SampledInput Column { get; }

    /// <summary>Its name in outputs: the input as written, with " (factor)" or " (quantile)" as in a sweep's runs table.</summary>
    public string Label => Column.Label;

    public double Min { get; }

    public double Max { get; }

    public ParameterScale Scale { get; }

    public Prior Prior { get; }

    /// <summary>The first guess the fit file gives, if any.</summary>
    public double? Start { get; }

    /// <summary>The value the model itself gives (1 for a factor): the search tries it when it lies within the bounds.</summary>
    public double ModelValue { get; }

    public double ToValue(double u) => Scale == ParameterScale.Log ? Math.Exp(_low + u * (_high - _low)) : _low + u * (_high - _low);

    public double ToUnit(double x) => ((Scale == ParameterScale.Log ? Math.Log(x) : x) - _low) / (_high - _low);

    /// <summary>
    /// ln of the prior density in unit coordinates (the density of x times |dx/du|, up to a constant): what a sampler
    /// moving in u must use so that x has the prior it was given. Minus infinity outside [0, 1].
    /// </summary>
    public double LogPriorInUnits(double u)
    {
        if (!(u >= 0 && u <= 1)) return double.NegativeInfinity;
        double x = ToValue(u);
        double density = Prior.IsFlat ? 0 : Prior.LogDensity(x);
        return Scale == ParameterScale.Log ? density + Math.Log(x) : density;
    }
}

/// <summary>The parameters of a fit, in the order written: one coordinate each.</summary>
public sealed class ParameterSpace(ImmutableArray<EstimatedParameter> parameters)
{
    public ImmutableArray<EstimatedParameter> Parameters { get; } = parameters;

    public int Dimension => Parameters.Length;

    public bool HasPriors => Parameters.Any(p => !p.Prior.IsFlat);

    public double[] ToValues(ReadOnlySpan<double> units)
    {
        var values = new double[Dimension];
        for (int i = 0; i < values.Length; i++) values[i] = Parameters[i].ToValue(units[i]);
        return values;
    }

    public double[] ToUnits(ReadOnlySpan<double> values)
    {
        var units = new double[Dimension];
        for (int i = 0; i < units.Length; i++) units[i] = Parameters[i].ToUnit(values[i]);
        return units;
    }

    /// <summary>Σ ln prior density at the values (0 when every prior is flat; minus infinity outside a prior's support).</summary>
    public double LogPrior(ReadOnlySpan<double> values)
    {
        double sum = 0;
        for (int i = 0; i < Dimension; i++)
            if (!Parameters[i].Prior.IsFlat) sum += Parameters[i].Prior.LogDensity(values[i]);
        return sum;
    }

    public double LogPriorInUnits(ReadOnlySpan<double> units)
    {
        double sum = 0;
        for (int i = 0; i < Dimension; i++) sum += Parameters[i].LogPriorInUnits(units[i]);
        return sum;
    }
}
