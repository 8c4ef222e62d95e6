namespace Simulation.Tests.Cli;

/// <summary>
/// A scratch folder laid out like the repository's root for running documented examples as printed: the models,
/// scenarios and conformance cases are links to the repository's, so what an example writes lands here, where a test
/// can see it, and the repository is untouched. Deleted on dispose.
/// </summary>
public sealed class ExampleFolder : IDisposable
{
    /// <summary>The repository's folders an example may read, linked into the scratch folder.</summary>
    public static readonly string[] Linked = ["models", "scenarios", System.IO.Path.Combine("tests", "conformance")];

    public ExampleFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sim-examples-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "tests"));
        foreach (var folder in Linked)
            Directory.CreateSymbolicLink(System.IO.Path.Combine(Path, folder), TestModels.PathOf(folder.Split(System.IO.Path.DirectorySeparatorChar)));
    }

    public string Path { get; }

    /// <summary>What is in the folder's root besides the links (and the tests folder that holds one).</summary>
    public IReadOnlyList<string> Written() =>
        [.. Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).OfType<string>()
            .Where(n => n is not ("models" or "scenarios" or "tests")).Order()];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
