using Simulation.Engine.Conformance;

namespace Simulation.Tests.Import.Vensim;

/// <summary>
/// VECTOR SELECT against Vensim's own output (the SDXorg case tests/vector_select). The case also selects with a
/// selection over one range and an expression over another of a different size, which Vensim computes by reading
/// past the end of the shorter array; those records are reported (SD2203) and left out here, and every other
/// column is compared with the canonical output by the conformance rule.
/// </summary>
public class MdlVectorSelectTests
{
    private static readonly string Folder = TestModels.PathOf("tests", "conformance", "sdxorg-mdl", "tests", "vector_select");

    [Test]
    public void VectorSelect_SameDimensions_MatchesVensim()
    {
        string text = File.ReadAllText(Path.Combine(Folder, "test_vector_select.mdl"));
        var errors = MdlModels.Errors(text);
        Assert.That(errors.Select(e => e.Code).Distinct(), Is.EqualTo(new[] { "SD2203" }), "only the selections over a range of another size are refused");
        var run = MdlModels.Run(WithoutRecordsAt(text, errors.Select(e => e.Location!.Value.Line).ToHashSet()));
        int compared = MdlModels.CompareWithCanonical(run, Path.Combine(Folder, "output.tab"), (_, a, e) => ResultComparison.Agree(a, e));
        Assert.That(compared, Is.GreaterThan(400), "most of the case is compared");
    }

    /// <summary>The .mdl text without the records (up to and including their '|') that contain any of the given lines.</summary>
    private static string WithoutRecordsAt(string text, HashSet<int> lines)
    {
        int sketch = text.IndexOf("\\\\\\---///", StringComparison.Ordinal);
        var kept = new System.Text.StringBuilder();
        int start = 0, line = 1;
        for (int i = 0; i < sketch; i++)
        {
            if (text[i] == '\n') line++;
            if (text[i] != '|') continue;
            int firstLine = line - text[start..i].Count(c => c == '\n');
            if (!Enumerable.Range(firstLine, line - firstLine + 1).Any(lines.Contains)) kept.Append(text, start, i + 1 - start);
            start = i + 1;
        }
        return kept.Append(text, start, text.Length - start).ToString();
    }
}
