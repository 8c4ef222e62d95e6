namespace Simulation.Engine.Conformance;

/// <summary>
/// One conformance case: a model file (XMILE or Vensim .mdl) and the canonical output beside it
/// (output.tab or output.csv). Its name is the model's path relative to the corpus folder, without
/// extension ("tests/lookups/test_lookups_xscale"), which is unique and says where to look.
/// </summary>
public sealed record ConformanceCase(string Name, string ModelPath, string? OutputPath)
{
    public static readonly string[] OutputNames = ["output.tab", "output.csv"];

    /// <summary>
    /// The kind of model a corpus holds: its .xmile files when it has any (an XMILE corpus may keep the
    /// .mdl each file was converted from beside it), otherwise its .mdl files.
    /// </summary>
    public static string ModelPattern(string folder) =>
        Directory.EnumerateFiles(folder, "*.xmile", Everywhere).Any() ? "*.xmile" : "*.mdl";

    private static readonly EnumerationOptions Everywhere = new() { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive };

    /// <summary>
    /// Every case under <paramref name="folder"/> (see <see cref="ModelPattern"/>), in name order: each model
    /// file with a canonical output beside it. A model without one has nothing to be compared with
    /// (<see cref="WithoutOutput"/> lists them).
    /// </summary>
    public static IReadOnlyList<ConformanceCase> Discover(string folder) => All(folder).Where(c => c.OutputPath is not null).ToList();

    /// <summary>Model files in the corpus with no canonical output beside them.</summary>
    public static IReadOnlyList<ConformanceCase> WithoutOutput(string folder) => All(folder).Where(c => c.OutputPath is null).ToList();

    private static IReadOnlyList<ConformanceCase> All(string folder)
    {
        var root = Path.GetFullPath(folder);
        return Directory.EnumerateFiles(root, ModelPattern(root), Everywhere)
            .Select(path =>
            {
                string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                string name = relative[..^Path.GetExtension(relative).Length];
                string? output = OutputNames.Select(o => Path.Combine(Path.GetDirectoryName(path)!, o)).FirstOrDefault(File.Exists);
                return new ConformanceCase(name, path, output);
            })
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    public override string ToString() => Name;
}
