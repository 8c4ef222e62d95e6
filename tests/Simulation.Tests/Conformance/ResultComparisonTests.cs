using Simulation.Engine.Conformance;
using Simulation.Engine.Results;

namespace Simulation.Tests.Conformance;

public class ResultComparisonTests
{
    private static SimulationResult Run(string[] names, double[] times, params double[][] rows) => new(names, times, rows, []);

    [Test]
    public void Parse_OldMacLineEndsTabsAndQuotes_ReadAsRows()
    {
        var output = CanonicalOutput.Parse("Time\tA\t\"Two Dims[A,D]\"\r0\t1\t2\r1\t\t3\r", '\t');
        Assert.Multiple(() =>
        {
            Assert.That(output.Columns, Is.EqualTo(new[] { "A", "Two Dims[A,D]" }));
            Assert.That(output.Times, Is.EqualTo(new[] { 0.0, 1 }));
            Assert.That(output.Rows[0], Is.EqualTo(new[] { 1.0, 2 }));
            Assert.That(double.IsNaN(output.Rows[1][0]), Is.True, "an empty cell is not compared");
        });
    }

    [Test]
    public void Parse_CrLfCommaSeparated_ReadAsRows()
    {
        var output = CanonicalOutput.Parse("Time,x\r\n0,-0.0\r\n0.5,1e-3\r\n", ',');
        Assert.That(output.Rows.Select(r => r[0]), Is.EqualTo(new[] { 0.0, 0.001 }));
    }

    [Test]
    public void Parse_TextInACell_Rejected()
    {
        Assert.That(() => CanonicalOutput.Parse("Time,x\n0,abc\n", ','), Throws.TypeOf<InvalidDataException>().With.Message.Contains("'abc'"));
    }

    [TestCase("Bed Occupancy", "bed__occupancy")]
    [TestCase("Two Dims[A, D]", "two_dims[a,d]")]
    [TestCase("Stock with   Newline Character", "stock_with_newline_character")]
    [TestCase("hares.hares killed per lynx", "hares.hares_killed_per_lynx")]
    public void ColumnKey_NamesThatMeanTheSameVariable_Equal(string a, string b)
    {
        Assert.That(ColumnKey.Of(a), Is.EqualTo(ColumnKey.Of(b)));
    }

    [TestCase(100.0, 100.1, true)]
    [TestCase(100.0, 100.11, false)]
    [TestCase(0.0, 9e-7, true)]
    [TestCase(0.0, 2e-6, false)]
    [TestCase(-50.0, -50.049, true)]
    public void Agree_Tolerance_AbsolutePlusRelative(double expected, double actual, bool agree)
    {
        Assert.That(ResultComparison.Agree(actual, expected), Is.EqualTo(agree));
    }

    [Test]
    public void Compare_RoundedTimesAndExtraRunColumns_Match()
    {
        var run = Run(["x", "extra"], [0, 0.03125, 92.21875], [1, 9], [2, 9], [3, 9]);
        var expected = CanonicalOutput.Parse("time,X,SAVEPER\n0,1,1\n92.2188,3.001,1\n", ',');
        var outcome = ResultComparison.Compare(run, expected);
        Assert.That((outcome.Matches, outcome.ValuesCompared), Is.EqualTo((true, 2)));
    }

    [Test]
    public void Compare_MissingColumn_Mismatch()
    {
        var outcome = ResultComparison.Compare(Run(["x"], [0], [1]), CanonicalOutput.Parse("Time,x,y\n0,1,2\n", ','));
        Assert.That(outcome.FirstMismatch, Is.EqualTo("the run has no column 'y'"));
    }

    [Test]
    public void Compare_TimeNotInRun_Mismatch()
    {
        var outcome = ResultComparison.Compare(Run(["x"], [0, 1], [1], [1]), CanonicalOutput.Parse("Time,x\n0,1\n2,1\n", ','));
        Assert.That(outcome.FirstMismatch, Does.StartWith("the run has no time 2"));
    }

    [Test]
    public void Compare_ValueOutsideTolerance_FirstMismatchNamed()
    {
        var outcome = ResultComparison.Compare(Run(["x", "y"], [0, 1], [1, 1], [1, 5]), CanonicalOutput.Parse("Time,x,y\n0,1,1\n1,1,4\n", ','));
        Assert.That(outcome.FirstMismatch, Is.EqualTo("'y' at time 1: expected 4, got 5"));
    }
}
