namespace Simulation.Engine.Conformance;

/// <summary>
/// One conformance case: an XMILE model file and the canonical output beside it (output.tab or
/// output.csv). Its name is the model's path relative to the corpus folder, without extension
/// ("tests/lookups/test_lookups_xscale"), which is unique and says where to look.
/// </summary>
public sealed record ConformanceCase(string Name, string ModelPath, string? OutputPath)
{
    public static readonly string[] OutputNames = ["output.tab", "output.csv"];

    /// <summary>Every .xmile file under <paramref name="folder"/>, in name order.</summary>
    public static IReadOnlyList<ConformanceCase> Discover(string folder)
    {
        var root = Path.GetFullPath(folder);
        return Directory.EnumerateFiles(root, "*.xmile", SearchOption.AllDirectories)
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
