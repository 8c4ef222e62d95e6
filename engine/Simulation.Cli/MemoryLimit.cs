using System.Globalization;
using System.Text.RegularExpressions;
using Simulation.Engine.Runtime;
using Simulation.Engine.Scenarios.Output;

namespace Simulation.Cli;

/// <summary>
/// --max-memory: work whose estimated memory (<see cref="MemoryEstimate"/>) exceeds the limit is refused before it
/// allocates, with the estimate, what makes it up and what to change. The default is three quarters of the memory
/// this process may use (the machine's, or a container's or GC heap limit when one is set).
/// </summary>
public static partial class MemoryLimit
{
    public const string Option = "--max-memory";

    public static long Default => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 * 3;

    /// <summary>A size such as 512MB, 4GB, 1.5G or 2TiB (powers of 1,024; a bare number is bytes), or the default.</summary>
    public static long Parse(string? text)
    {
        if (text is null) return Default;
        var match = SizePattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new UsageException($"{Option} '{text}' is not a size", "give a size such as 512MB, 4GB or 1.5TB");
        int power = match.Groups[2].Value.ToUpperInvariant().FirstOrDefault() switch
        {
            'K' => 1, 'M' => 2, 'G' => 3, 'T' => 4, 'P' => 5, _ => 0,
        };
        double bytes = value * Math.Pow(1024, power);
        if (!(bytes >= 1 << 20) || bytes > long.MaxValue / 2)
            throw new UsageException($"{Option} {text}: give at least 1MB and at most {MemoryEstimate.Format(long.MaxValue / 2)}");
        return (long)bytes;
    }

    /// <summary>Refuses <paramref name="work"/> (e.g. "this run") when its estimate exceeds the limit given (or the default).</summary>
    public static void Check(MemoryEstimate estimate, string? limitText, string work, string shrink)
    {
        long limit = Parse(limitText);
        if (estimate.Bytes <= limit) return;
        string which = limitText is null
            ? $"the default limit of {MemoryEstimate.Format(limit)} (three quarters of the {MemoryEstimate.Format(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)} sim may use)"
            : $"{Option} {limitText}";
        throw new UsageException($"{work} needs about {MemoryEstimate.Format(estimate.Bytes)} of memory, more than {which}: {estimate.Breakdown}",
            $"{shrink}, or raise the limit with {Option} {MemoryEstimate.Format(estimate.Bytes + estimate.Bytes / 4).Replace(" ", "").Replace(".0", "")} if the machine has it");
    }

    /// <summary>
    /// Refuses to read a finished sweep's tables back (sim discover, sim report, sim plot) when what they hold once read
    /// (<see cref="SweepFolderReader.Estimate"/>, the one estimate of it) exceeds the limit.
    /// </summary>
    public static void CheckSweepRead(string folder, bool series, string? limitText, string work)
    {
        const long budget = Simulation.Reporting.Report.ReportData.SeriesBudget;
        Check(SweepFolderReader.Estimate(folder, series, budget), limitText, work,
            "it reads every run's inputs and outcomes" + (series ? $" (and at most {budget / 1_000_000:N0} million series values)" : "")
            + ": sweep fewer samples or fewer outcomes");
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s*((?:[KMGTP](?:i?B)?)|B)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();
}
