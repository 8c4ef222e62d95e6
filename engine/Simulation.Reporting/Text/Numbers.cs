using System.Globalization;
using Simulation.Engine.Scenarios.Summary;

namespace Simulation.Reporting.Text;

/// <summary>How every view writes a number: four significant digits, with k, M and bn for large magnitudes, so columns stay narrow.</summary>
public static class Numbers
{
    public static string Format(double v)
    {
        if (!double.IsFinite(v)) return "–";
        double a = Math.Abs(v);
        string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
        return a >= 1e9 ? G(v / 1e9) + "bn" : a >= 1e6 ? G(v / 1e6) + "M" : a >= 1e4 ? G(v / 1e3) + "k" : a != 0 && a < 1e-3 ? v.ToString("0.###E+0", CultureInfo.InvariantCulture) : G(v);
    }

    /// <summary>A threshold per QALY, in full: "20,000".</summary>
    public static string Threshold(double v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A change: with its sign (+ for increases).</summary>
    public static string Signed(double v) => double.IsFinite(v) && v > 0 ? "+" + Format(v) : Format(v);

    /// <summary>A share as a whole percentage ("97%"; "<1%" and ">99%" rather than a rounded 0% or 100% that is not).</summary>
    public static string Percent(double p)
    {
        if (!double.IsFinite(p)) return "–";
        double x = 100 * p;
        return x > 0 && x < 0.5 ? "<1%" : x < 100 && x > 99.5 ? ">99%" : x.ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>mean [P5, P95]; "0" when every value is zero (to rounding); "–" when there are none.</summary>
    public static string Band(Distribution d, bool signed)
    {
        if (d.Count == 0) return "–";
        if (d.IsZero) return "0";
        Func<double, string> f = signed ? Signed : Format;
        return $"{f(d.Mean)} [{f(d.P5)}, {f(d.P95)}]";
    }
}
