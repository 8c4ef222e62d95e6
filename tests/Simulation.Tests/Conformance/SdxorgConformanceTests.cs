using Simulation.Engine.Conformance;

namespace Simulation.Tests.Conformance;

/// <summary>
/// The SDXorg test-models corpus (tests/conformance/sdxorg): one test per .xmile file, named after
/// the case, run as `sim conformance` runs it. A case passes when every value agrees with its
/// canonical output; a set-aside case passes when it fails exactly as set-aside.json documents
/// (and agrees with the other tool's output it names), so any change in it is noticed.
/// </summary>
public class SdxorgConformanceTests
{
    private static readonly string Corpus = TestModels.PathOf("tests", "conformance", "sdxorg");

    private static readonly SetAsideList SetAside = SetAsideList.ReadFor(Corpus);

    public static IEnumerable<TestCaseData> Cases() =>
        ConformanceCase.Discover(Corpus).Select(c => new TestCaseData(c).SetName(c.Name));

    [TestCaseSource(nameof(Cases))]
    public void Case(ConformanceCase conformanceCase)
    {
        var row = ConformanceSuite.Evaluate(conformanceCase, SetAside);
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
        var cases = ConformanceCase.Discover(Corpus);
        Assert.That(cases, Has.Count.EqualTo(54));
        Assert.That(cases.Where(c => c.OutputPath is null).Select(c => c.Name), Is.Empty);
    }

    [Test]
    public void SetAside_EveryEntry_NamesACaseWithEvidenceAndAnExpectation()
    {
        var names = ConformanceCase.Discover(Corpus).Select(c => c.Name).ToHashSet();
        Assert.Multiple(() =>
        {
            foreach (var entry in SetAside.Cases)
            {
                Assert.That(names, Does.Contain(entry.Case));
                Assert.That(entry.Reason.Length + entry.Evidence.Length, Is.GreaterThan(100), entry.Case);
                Assert.That((entry.ExpectError is null) != (entry.ExpectMismatch is null), Is.True, $"{entry.Case}: give exactly one expectation");
            }
        });
    }
}
