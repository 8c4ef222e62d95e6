namespace Simulation.Tests.Hardening;

/// <summary>
/// Issue 22, item 7 (and the fuzzer's finds: the first 600 cases of seed 22 before the fix, case 742 of seed 2022): <c>sim summary</c> on a damaged
/// summary.json gave internal errors (JsonReaderException, InvalidCastException, OverflowException, NullReference).
/// Each is now a file error (exit 2) that names the file. Written against the summary format of this commit.
/// </summary>
[NonParallelizable]
public class DamagedSummaryTests
{
    private static string? _good;
    private string _folder = "";

    [OneTimeSetUp]
    public void SweepOnce()
    {
        string folder = Path.Combine(Path.GetTempPath(), "sim-summary-" + Guid.NewGuid().ToString("N"));
        var r = InProcessSim.Run("sweep", TestModels.PathOf("scenarios", "hospital-beds.json"), "--output", folder, "--threads", "1", "--reference");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        _good = File.ReadAllText(Path.Combine(folder, "summary.json"));
        Directory.Delete(folder, true);
    }

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "sim-summary-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, true);

    public static IEnumerable<TestCaseData> Damage()
    {
        yield return new TestCaseData((Func<string, string>)(_ => "")).SetName("Summary_Empty");
        yield return new TestCaseData((Func<string, string>)(s => s[..(s.Length / 2)])).SetName("Summary_Truncated");
        yield return new TestCaseData((Func<string, string>)(_ => "[1, 2, 3]")).SetName("Summary_AnArray");
        yield return new TestCaseData((Func<string, string>)(_ => "{}")).SetName("Summary_NoKeys");
        yield return new TestCaseData((Func<string, string>)(s => System.Text.RegularExpressions.Regex.Replace(s, "\"n\": (\\d+)", "\"n\": \"$1 runs\""))).SetName("Summary_NumbersAsText");
        yield return new TestCaseData((Func<string, string>)(s => System.Text.RegularExpressions.Regex.Replace(s, "\"scenario\": \"[^\"]*\"", "\"scenario\": null"))).SetName("Summary_NullNames");
        yield return new TestCaseData((Func<string, string>)(s => System.Text.RegularExpressions.Regex.Replace(s, "\"runs\": \\d+", "\"runs\": 4294967296"))).SetName("Summary_RunsTooLarge");
        yield return new TestCaseData((Func<string, string>)(s => s.Replace("\"value\": {", "\"value\": ["))).SetName("Summary_BrokenShape");
        // Found by the fuzz campaign of seed 2022 (case 742): a row listed twice broke the table's rendering.
        yield return new TestCaseData((Func<string, string>)(s =>
        {
            var rows = Newtonsoft.Json.Linq.JObject.Parse(s);
            var list = (Newtonsoft.Json.Linq.JArray)rows["rows"]!;
            list.Add(list[list.Count - 1]!.DeepClone());
            return rows.ToString();
        })).SetName("Summary_RowTwice");
    }

    [TestCaseSource(nameof(Damage))]
    public void DamagedSummary_IsAFileErrorNamingTheFile(Func<string, string> damage)
    {
        File.WriteAllText(Path.Combine(_folder, "summary.json"), damage(_good!));
        foreach (var format in new[] { "table", "markdown" })
        {
            var r = InProcessSim.Run("summary", _folder, "--format", format);
            Assert.That(r.IsInternalError, Is.False, r.Stderr);
            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr + r.Stdout);
            Assert.That(r.Stderr, Does.Contain("summary.json").And.Contain("damaged"));
        }
    }
}
