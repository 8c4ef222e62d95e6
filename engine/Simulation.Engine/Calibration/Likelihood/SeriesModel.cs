using Simulation.Engine.Calibration.Format;

namespace Simulation.Engine.Calibration.Likelihood;

/// <summary>
/// One fitted series as the likelihood sees it: its error model and weight, and where its observations lie in
/// the fit's flat list of observations (<see cref="First"/>, <see cref="Count"/>: a series' observations are contiguous).
/// </summary>
public sealed record SeriesModel(string Name, ErrorKind Error, double? KnownSd, double? KnownDispersion, double Weight, int First, int Count)
{
    /// <summary>True when the series' scale (sd or dispersion) is estimated rather than known.</summary>
    public bool EstimatesScale => Error switch
    {
        ErrorKind.Sse => true,
        ErrorKind.Normal or ErrorKind.LogNormal => KnownSd is null,
        ErrorKind.NegativeBinomial => KnownDispersion is null,
        _ => false,
    };

    /// <summary>What the scale of the error model is called in outputs: sd, sd of ln, or dispersion; null for Poisson.</summary>
    public string? ScaleName => Error switch
    {
        ErrorKind.Sse or ErrorKind.Normal => "sd",
        ErrorKind.LogNormal => "sd of ln",
        ErrorKind.NegativeBinomial => "dispersion",
        _ => null,
    };
}
