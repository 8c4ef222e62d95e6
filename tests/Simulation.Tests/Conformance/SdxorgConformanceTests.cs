using Simulation.Engine.Conformance;

namespace Simulation.Tests.Conformance;

/// <summary>
/// The SDXorg test-models corpora: tests/conformance/sdxorg (XMILE) and tests/conformance/sdxorg-mdl
/// (Vensim .mdl). One test per case, named after it, run as `sim conformance` runs it. A case passes
/// when every value agrees with its canonical output; a set-aside case passes when it fails exactly as
/// its corpus's set-aside.json documents (and agrees with the other tool's output it names), so any
/// change in it is noticed.
/// </summary>
public class SdxorgConformanceTests
{
    private static readonly string Corpus = TestModels.PathOf("tests", "conformance", "sdxorg");
    private static readonly string MdlCorpus = TestModels.PathOf("tests", "conformance", "sdxorg-mdl");

    private static readonly Dictionary<string, SetAsideList> SetAside = new()
    {
        [Corpus] = SetAsideList.ReadFor(Corpus),
        [MdlCorpus] = SetAsideList.ReadFor(MdlCorpus),
    };

    public static IEnumerable<TestCaseData> Cases() =>
        new[] { Corpus, MdlCorpus }.SelectMany(corpus => ConformanceCase.Discover(corpus)
            .Select(c => new TestCaseData(corpus, c).SetName($"{Path.GetFileName(corpus)}/{c.Name}")));

    [TestCaseSource(nameof(Cases))]
    public void Case(string corpus, ConformanceCase conformanceCase)
    {
        var row = ConformanceSuite.Evaluate(conformanceCase, SetAside[corpus]);
        if (row.SetAside is not null)
        {
            Assert.That(row.Unexpected, Is.Null, "set aside in set-aside.json, but it does not behave as documented there");
            return;
        }
        Assert.That(row.Result.Outcome, Is.EqualTo(CaseOutcome.Passed), row.Result.Detail);
        Assert.That(row.Result.ValuesCompared, Is.GreaterThan(0));
    }

    [Test]
    public void Corpus_AllCasesPresent_EachWithItsCanonicalOutput()
    {
        Assert.That(ConformanceCase.Discover(Corpus), Has.Count.EqualTo(54));
        Assert.That(ConformanceCase.WithoutOutput(Corpus), Is.Empty);
        Assert.That(ConformanceCase.Discover(MdlCorpus), Has.Count.EqualTo(118));
        Assert.That(ConformanceCase.WithoutOutput(MdlCorpus).Select(c => c.Name), Is.EquivalentTo(new[]
        {
            "samples/Lotka_Volterra/Lotka_Volterra", "samples/Workforce/workforce", "samples/pendulum/Single_Pendulum",
            "tests/get_constants/test_get_constants", "tests/get_data/test_get_data",
        }));
    }

    [TestCase("samples/Lotka_Volterra/Lotka_Volterra.mdl", null)]
    [TestCase("samples/Workforce/workforce.mdl", null)]
    [TestCase("samples/pendulum/Single_Pendulum.mdl", "SD2103")] // SAVEPER 0.1 is not a whole number of steps of 1/128
    [TestCase("tests/get_constants/test_get_constants.mdl", "SD1303")] // names data.xls and data.csv, which the folder lacks
    [TestCase("tests/get_data/test_get_data.mdl", "SD1303")] // names data down.xls, the folder has data down.xlsx
    public void MdlWithoutOutput_RunsOrReportsWhyNot(string model, string? code)
    {
        var diagnostics = new Engine.Diagnostics.DiagnosticBag();
        var plan = Engine.ModelPipeline.CompileFile(Path.Combine(MdlCorpus, model), diagnostics);
        if (code is null)
        {
            Assert.That(plan, Is.Not.Null, Engine.Diagnostics.DiagnosticRenderer.ToText(diagnostics.Items));
            Assert.That(Engine.Runtime.Simulator.Run(plan!).Diagnostics, Is.Empty);
        }
        else Assert.That(diagnostics.Items.Where(d => d.IsError).Select(d => d.Code).Distinct(), Does.Contain(code));
    }

    [Test]
    public void SetAside_EveryEntry_NamesACaseWithEvidenceAndAnExpectation()
    {
        Assert.Multiple(() =>
        {
            foreach (var (corpus, list) in SetAside)
            foreach (var entry in list.Cases)
            {
                Assert.That(ConformanceCase.Discover(corpus).Select(c => c.Name), Does.Contain(entry.Case));
                Assert.That(entry.Reason.Length + entry.Evidence.Length, Is.GreaterThan(100), entry.Case);
                Assert.That((entry.ExpectError is null) != (entry.ExpectMismatch is null), Is.True, $"{entry.Case}: give exactly one expectation");
            }
        });
    }
}
