namespace Simulation.Engine.Conformance;

/// <summary>A folder of cases run together: each case, read with the folder's set-aside list, becomes a <see cref="ReportRow"/>.</summary>
public static class ConformanceSuite
{
    public static ConformanceReport Run(string folder)
    {
        var setAside = SetAsideList.ReadFor(folder);
        return new ConformanceReport(ConformanceCase.Discover(folder).Select(c => Evaluate(c, setAside)).ToList());
    }

    /// <summary>Runs one case; a set-aside case that names another output to agree with is compared with that one too.</summary>
    public static ReportRow Evaluate(ConformanceCase conformanceCase, SetAsideList setAside)
    {
        var result = ConformanceRunner.Run(conformanceCase);
        var entry = setAside.Find(conformanceCase.Name);
        CaseResult? alternative = null;
        if (entry?.Matches is { } other)
            alternative = ConformanceRunner.Run(conformanceCase with { OutputPath = Path.Combine(Path.GetDirectoryName(conformanceCase.ModelPath)!, other) });
        return new ReportRow(result, entry, alternative);
    }
}
