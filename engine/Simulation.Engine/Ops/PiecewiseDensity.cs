namespace Simulation.Engine.Ops;

/// <summary>
/// A probability density given by points joined by straight lines (zero before the first x and after the last),
/// scaled so that its area is 1: the distribution RANDOM_LOOKUP draws from. The distribution function is
/// quadratic on each segment, so both it and its inverse are exact.
/// </summary>
internal sealed class PiecewiseDensity
{
    private readonly double[] _x, _y, _before; // _before[k]: the (unscaled) area up to point k
    private readonly double _total;

    public PiecewiseDensity(double[] x, double[] y)
    {
        (_x, _y) = (x, y);
        _before = new double[x.Length];
        bool valid = x.All(double.IsFinite) && y.All(v => v >= 0 && double.IsFinite(v));
        for (int k = 1; k < x.Length && valid; k++)
        {
            valid = x[k] >= x[k - 1];
            _before[k] = _before[k - 1] + (x[k] - x[k - 1]) * (y[k - 1] + y[k]) / 2;
        }
        _total = valid ? _before[^1] : 0;
        IsValid = _total > 0 && double.IsFinite(_total);
    }

    /// <summary>True when the points are in x order, no y is negative, and the area is positive.</summary>
    public bool IsValid { get; }

    /// <summary>P(Z ≤ z).</summary>
    public double Cdf(double z)
    {
        if (z <= _x[0]) return 0;
        if (z >= _x[^1]) return 1;
        int k = Segment(z);
        double d = z - _x[k];
        return (_before[k] + d * _y[k] + d * d * Slope(k) / 2) / _total;
    }

    /// <summary>The z with P(Z ≤ z) = u, within the segment that holds that much area.</summary>
    public double InverseCdf(double u)
    {
        double area = Math.Clamp(u, 0, 1) * _total;
        int k = Array.BinarySearch(_before, area);
        k = k >= 0 ? k : ~k - 1;
        k = Math.Clamp(k, 0, _x.Length - 2);
        double rest = area - _before[k], slope = Slope(k);
        // Solve y_k d + slope d^2 / 2 = rest for d >= 0, in the form that loses no digits when slope is near 0.
        double root = Math.Sqrt(Math.Max(0, _y[k] * _y[k] + 2 * slope * rest));
        double d = _y[k] + root > 0 ? 2 * rest / (_y[k] + root) : 0;
        return Math.Clamp(_x[k] + d, _x[k], _x[k + 1]);
    }

    private double Slope(int k) => _x[k + 1] > _x[k] ? (_y[k + 1] - _y[k]) / (_x[k + 1] - _x[k]) : 0;

    /// <summary>The segment [x_k, x_k+1) holding z, for x_0 &lt; z &lt; x_last.</summary>
    private int Segment(double z)
    {
        int k = Array.BinarySearch(_x, z);
        k = k >= 0 ? k : ~k - 1;
        return Math.Clamp(k, 0, _x.Length - 2);
    }
}
