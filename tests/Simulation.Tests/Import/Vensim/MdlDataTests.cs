using Simulation.Engine.Model;

namespace Simulation.Tests.Import.Vensim;

/// <summary>GET DIRECT / GET XLS functions: constants, data series, lookups and subscript ranges read from files at import.</summary>
public class MdlDataTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder()
    {
        Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sim-mdl-data-" + Guid.NewGuid().ToString("N")));
        File.WriteAllText(Path.Combine(_dir, "values.csv"), "name,v1,v2,v3\nrow a,1,2,3\nrow b,4,5,6\n");
        File.WriteAllText(Path.Combine(_dir, "series.csv"), "time,a,b\n0,10,100\n2,30,\n4,50,300\n");
        File.WriteAllText(Path.Combine(_dir, "names.csv"), "x,North,South,East\n");
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, true);

    private string Model(string records)
    {
        string path = Path.Combine(_dir, "model.mdl");
        File.WriteAllText(path, MdlModels.File(records));
        return path;
    }

    private Engine.Results.SimulationResult Run(string records) => MdlModels.Run(File.ReadAllText(Model(records)), Path.Combine(_dir, "model.mdl"));

    [Test]
    public void Constants_RightAlongTheLastSubscriptDownAlongTheOneBefore()
    {
        var result = Run("R: r1, r2 ~~|\nC: c1, c2, c3 ~~|\nk[R, C] = GET DIRECT CONSTANTS('values.csv', ',', 'B2') ~~|\nt[C, R] = GET DIRECT CONSTANTS('values.csv', ',', 'B2*') ~~|");
        Assert.That(new[] { result.Series("k[r1,c3]")[0], result.Series("k[r2,c1]")[0], result.Series("t[c3,r1]")[0], result.Series("t[c1,r2]")[0] },
            Is.EqualTo(new[] { 3.0, 4, 3, 4 }));
    }

    [Test]
    public void Data_DownAColumn_InterpolatedHeldOrLookingForward_EmptyCellsDropped()
    {
        var result = Run("""
            D: a, b ~~|
            lin[D] := GET DIRECT DATA('series.csv', ',', 'A', 'B2') ~~|
            held[D] :HOLD BACKWARD: := GET DIRECT DATA('series.csv', ',', 'A', 'B2') ~~|
            ahead :LOOK FORWARD: := GET DIRECT DATA('series.csv', ',', 'A', 'B2') ~~|
            """);
        Assert.Multiple(() =>
        {
            Assert.That(result.Series("lin[a]"), Is.EqualTo(new[] { 10.0, 20, 30, 40, 50 }));
            Assert.That(result.Series("lin[b]"), Is.EqualTo(new[] { 100.0, 150, 200, 250, 300 }), "the empty cell at t = 2 is no point");
            Assert.That(result.Series("held[a]"), Is.EqualTo(new[] { 10.0, 10, 30, 30, 50 }));
            Assert.That(result.Series("ahead"), Is.EqualTo(new[] { 10.0, 30, 30, 50, 50 }));
        });
    }

    [Test]
    public void Data_Raw_ValueOnlyAtTheDataTimes_NaElsewhere()
    {
        const double na = -6.490371073168535e32; // Vensim's :NA:
        var result = Run("D: a, b ~~|\nraw[D] :RAW: := GET DIRECT DATA('series.csv', ',', 'A', 'B2') ~~|");
        Assert.Multiple(() =>
        {
            Assert.That(result.Series("raw[a]"), Is.EqualTo(new[] { 10.0, na, 30, na, 50 }));
            Assert.That(result.Series("raw[b]"), Is.EqualTo(new[] { 100.0, na, na, na, 300 }), "the empty cell at t = 2 is no data time");
        });
    }

    [Test]
    public void Lookups_AndSubscriptRange_ReadFromTheFile()
    {
        var result = Run("""
            Region: GET DIRECT SUBSCRIPT('names.csv', ',', 'B1', 'D1', 'in ') ~~|
            tbl(GET DIRECT LOOKUPS('series.csv', ',', 'A', 'B2')) ~~|
            x[Region] = tbl(Time) + Region ~~|
            """);
        Assert.That(result.Series("x[in South]"), Is.EqualTo(new[] { 12.0, 22, 32, 42, 52 }));
    }

    [Test]
    public void MissingFileOrCell_LocatedError()
    {
        var errors = MdlModels.Errors(File.ReadAllText(Model("k = GET DIRECT CONSTANTS('nowhere.csv', ',', 'B2') ~~|\nj = GET DIRECT CONSTANTS('values.csv', ',', 'Z9') ~~|")),
            Path.Combine(_dir, "model.mdl"));
        Assert.That(errors.Where(e => e.Code == "SD1303").Select(e => (e.Location!.Value.Line, e.Message.Contains("does not exist") || e.Message.Contains("Z9"))),
            Is.EqualTo(new[] { (2, true), (3, true) }));
    }

    [Test]
    public void ImportedData_IsInTheModelItself()
    {
        var document = MdlModels.Document(File.ReadAllText(Model("lin := GET DIRECT DATA('series.csv', ',', 'A', 'C2') ~~|")), Path.Combine(_dir, "model.mdl"));
        var lin = document.Variables.Single();
        Assert.That((lin.Equation!.Text, lin.Graph!.X.ToArray(), lin.Graph.Y.ToArray()), Is.EqualTo(("TIME", new[] { 0.0, 4 }, new[] { 100.0, 300 })));
        Assert.That(lin.Graph.Interpolation, Is.EqualTo(GraphInterpolation.Continuous));
    }
    [Test]
    public void GetDataBetweenTimes_InterpolatedForwardOrBackward_NaOutsideTheData()
    {
        const double na = -6.490371073168535e32; // Vensim's :NA:
        var result = Run("""
            D: a, b ~~|
            lin[D] := GET DIRECT DATA('series.csv', ',', 'A', 'B2') ~~|
            held[D] :HOLD BACKWARD: := GET DIRECT DATA('series.csv', ',', 'A', 'B2') ~~|
            ahead :LOOK FORWARD: := GET DIRECT DATA('series.csv', ',', 'A', 'B2') ~~|
            between[D] = GET DATA BETWEEN TIMES(lin[D], Time + 0.5, 0) ~~|
            next = GET DATA BETWEEN TIMES(lin[a], Time + 0.5, 1) ~~|
            before = GET DATA BETWEEN TIMES(lin[a], Time - 0.5, -1) ~~|
            at = GET DATA BETWEEN TIMES(lin[a], Time, 0) ~~|
            held between = GET DATA BETWEEN TIMES(held[a], Time + 0.5, 0) ~~|
            ahead before = GET DATA BETWEEN TIMES(ahead, Time, -1) ~~|
            """);
        // series.csv: a = 10, 30, 50 and b = 100, (none), 300 at times 0, 2, 4; the run's times are 0..4.
        Assert.Multiple(() =>
        {
            Assert.That(result.Series("between[a]"), Is.EqualTo(new[] { 15.0, 25, 35, 45, na }), "interpolated at t + 0.5; after the last data time :NA:");
            Assert.That(result.Series("between[b]"), Is.EqualTo(new[] { 125.0, 175, 225, 275, na }), "the empty cell is no point");
            Assert.That(result.Series("next"), Is.EqualTo(new[] { 30.0, 30, 50, 50, na }));
            Assert.That(result.Series("before"), Is.EqualTo(new[] { na, 10, 10, 30, 30 }), "before the first data time :NA:");
            Assert.That(result.Series("at"), Is.EqualTo(new[] { 10.0, 20, 30, 40, 50 }), "the data's own span, ends included");
            Assert.That(result.Series("held between"), Is.EqualTo(new[] { 15.0, 25, 35, 45, na }), "interpolated, though the variable holds");
            Assert.That(result.Series("ahead before"), Is.EqualTo(new[] { 10.0, 10, 30, 30, 50 }));
            Assert.That(result.Series("held[a]"), Is.EqualTo(new[] { 10.0, 10, 30, 30, 50 }), "the variable itself unchanged");
        });
    }

    [TestCase("GET DATA BETWEEN TIMES(k, Time, 0)", "k", "reads a data variable")]
    [TestCase("GET DATA BETWEEN TIMES(lin, Time, 2)", "2", "the mode of GET DATA BETWEEN TIMES")]
    public void GetDataBetweenTimes_NotADataVariableOrAnUnknownMode_IsALocatedError(string call, string at, string message)
    {
        string mdl = File.ReadAllText(Model($"k = 3 ~~|\nlin := GET DIRECT DATA('series.csv', ',', 'A', 'B2') ~~|\ny = {call} ~~|"));
        var error = MdlModels.Errors(mdl, Path.Combine(_dir, "model.mdl")).Single();
        Assert.That(error.Message, Does.Contain(message));
        Assert.That(error.Location!.Value.Line, Is.EqualTo(4));
        Assert.That(error.Location!.Value.Column, Is.EqualTo(5 + call.LastIndexOf(at, StringComparison.Ordinal)));
    }
}
