using Simulation.Tests.Cli;

namespace Simulation.Tests.Structure;

/// <summary>
/// The diagrams in docs/ are what <c>sim graph --format svg</c> draws today (and the charts, what <c>sim loops ...
/// --output FILE.svg</c> draws): each one listed in docs/diagrams.txt is drawn again and compared with the checked-in file. When a model or the drawing
/// changes, <c>bash docs/make-diagrams.sh</c> regenerates them.
/// </summary>
public class DocDiagramTests
{
    private static IEnumerable<TestCaseData> Listed() =>
        File.ReadAllLines(TestModels.PathOf("docs", "diagrams.txt"))
            .Where(l => !l.StartsWith('#') && l.Trim().Length > 0)
            .Select(l => new TestCaseData(l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].Trim()).SetArgDisplayNames(l[..l.IndexOf(':')]));

    [TestCaseSource(nameof(Listed))]
    public void Diagram_IsWhatSimGraphDrawsNow(string file, string arguments)
    {
        var words = HelpExampleTests.ShellWords("sim " + arguments)[1..];
        string path = TestModels.PathOf(file.Split('/'));
        Assert.That(File.Exists(path), $"{file} is listed but missing: run bash docs/make-diagrams.sh");
        string drawn;
        if (words[0] == "loops") // a chart of loop scores: sim loops ... --output FILE.svg
        {
            string chart = Path.Combine(Path.GetTempPath(), $"sim-doc-chart-{Guid.NewGuid():N}.svg");
            var r = SimProcess.Run([.. words, "--output", chart]);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            drawn = File.ReadAllText(chart);
            File.Delete(chart);
        }
        else
        {
            var r = SimProcess.Run(["graph", .. words, "--format", "svg"]);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            drawn = r.Stdout;
        }
        Assert.That(drawn, Is.EqualTo(File.ReadAllText(path)), $"{file} is out of date: run bash docs/make-diagrams.sh");
    }

    [Test]
    public void EveryDiagramInDocs_IsListed_AndShownOnAPage()
    {
        string docs = TestModels.PathOf("docs");
        var listed = Listed().Select(c => (string)c.Arguments[0]!).ToHashSet();
        var pages = string.Join("\n", Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var svg in Directory.EnumerateFiles(docs, "*.svg", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(TestModels.Root, svg).Replace('\\', '/');
            if (relative.StartsWith("docs/schema/", StringComparison.Ordinal)) continue;
            Assert.That(listed, Does.Contain(relative), $"{relative} is not in docs/diagrams.txt, so nothing regenerates it");
        }
        foreach (var file in listed)
            Assert.That(pages, Does.Contain(Path.GetFileName(file)), $"no page in docs/ shows {file}");
    }
}
