namespace Simulation.Tests.Cli;

/// <summary>`sim run` on XMILE, `sim import` and `sim conformance` as users run them.</summary>
public class ImportCliTests
{
    private const string Teacup = "tests/conformance/sdxorg/samples/teacup/teacup.xmile";
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sim-import-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, true);

    [Test]
    public void Run_XmileFile_RunsDirectly()
    {
        var r = SimProcess.Run("run", Teacup);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("Teacup Temperature"));
    }

    [Test]
    public void Import_Xmile_WritesJsonThatRunsTheSame()
    {
        string json = Path.Combine(_dir, "teacup.json"), fromXmile = Path.Combine(_dir, "a.csv"), fromJson = Path.Combine(_dir, "b.csv");
        var r = SimProcess.Run("import", Teacup, "-o", json);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(File.ReadAllText(json), Does.Contain("\"$schema\": \"https://"), "written outside the repository, the file names the schema's URL");
        Assert.That(SimProcess.Run("run", Teacup, "-o", fromXmile).ExitCode, Is.EqualTo(0));
        Assert.That(SimProcess.Run("run", json, "-o", fromJson).ExitCode, Is.EqualTo(0));
        Assert.That(File.ReadAllText(fromJson), Is.EqualTo(File.ReadAllText(fromXmile)));
    }

    [Test]
    public void Import_ExistingOutput_RefusedWithoutForce()
    {
        string json = Path.Combine(_dir, "teacup.json");
        File.WriteAllText(json, "keep me");
        var r = SimProcess.Run("import", Teacup, "-o", json);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(File.ReadAllText(json), Is.EqualTo("keep me"));
        Assert.That(SimProcess.Run("import", Teacup, "-o", json, "--force").ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Import_ModelWithErrors_WritesNothingAndExitsOne()
    {
        string xmile = Path.Combine(_dir, "bad.xmile"), json = Path.Combine(_dir, "bad.json");
        File.WriteAllText(xmile, "<xmile><sim_specs><start>0</start><stop>1</stop></sim_specs><model><variables>\n<aux name=\"a\"><eqn>b</eqn></aux></variables></model></xmile>");
        var r = SimProcess.Run("import", xmile, "-o", json);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Stderr, Does.Contain("bad.xmile(2,20): error SD2001: unknown variable 'b'"));
        Assert.That(File.Exists(json), Is.False);
    }

    [Test]
    public void Import_NoOutputGiven_UsageError()
    {
        var r = SimProcess.Run("import", Teacup);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("-o FILE.json"));
    }

    [Test]
    public void Conformance_Folder_PrintsTableAndWritesMarkdown()
    {
        string folder = Path.Combine(_dir, "cases", "teacup");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "teacup.xmile", "output.csv" })
            File.Copy(Path.Combine(TestModels.Root, "tests/conformance/sdxorg/samples/teacup", file), Path.Combine(folder, file));
        string markdown = Path.Combine(_dir, "conformance.md");
        var r = SimProcess.Run("conformance", Path.Combine(_dir, "cases"), "--markdown", markdown);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("teacup/teacup"));
        Assert.That(r.Stdout, Does.Contain("1 of 1 cases pass, 0 are set aside, 0 fail"));
        Assert.That(File.ReadAllText(markdown), Does.Contain("| `teacup/teacup` | pass | 964 |"));
    }

    [Test]
    public void Conformance_FailingCase_ExitsOneWithTheFirstMismatch()
    {
        string folder = Path.Combine(_dir, "cases", "teacup");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TestModels.Root, Teacup), Path.Combine(folder, "teacup.xmile"));
        File.WriteAllText(Path.Combine(folder, "output.csv"), "Time,Teacup Temperature\n0,180\n1,150\n");
        var r = SimProcess.Run("conformance", Path.Combine(_dir, "cases"));
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Stdout, Does.Contain("FAIL"));
        Assert.That(r.Stdout, Does.Contain("'Teacup Temperature' at time 1: expected"));
        Assert.That(r.Stdout, Does.Contain("150, got 169.4694049"));
    }
}

/// <summary>`sim run`, `sim check` and `sim import` on Vensim .mdl files, as users run them.</summary>
public class VensimCliTests
{
    private const string Teacup = "tests/conformance/sdxorg-mdl/samples/teacup/teacup.mdl";
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sim-mdl-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, true);

    [Test]
    public void Run_MdlFile_RunsDirectly()
    {
        var r = SimProcess.Run("run", Teacup);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("Teacup Temperature"));
    }

    [Test]
    public void Import_Mdl_WritesJsonThatRunsTheSame()
    {
        string json = Path.Combine(_dir, "teacup.json"), fromMdl = Path.Combine(_dir, "a.csv"), fromJson = Path.Combine(_dir, "b.csv");
        var r = SimProcess.Run("import", Teacup, "-o", json);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(SimProcess.Run("run", Teacup, "-o", fromMdl).ExitCode, Is.EqualTo(0));
        Assert.That(SimProcess.Run("run", json, "-o", fromJson).ExitCode, Is.EqualTo(0));
        Assert.That(File.ReadAllText(fromJson), Is.EqualTo(File.ReadAllText(fromMdl)));
    }

    [TestCase("{UTF-8}\nx = 1 ~~|\ny = x *\n", "bad.mdl(3,1): error SD1301")]
    [TestCase("{UTF-8}\nx = FROB(1) ~~|\nFINAL TIME = 1 ~~|\nTIME STEP = 1 ~~|\n", "bad.mdl(2,5): error SD2002: unknown function 'FROB'")]
    [TestCase("{UTF-8}\nx = SHIFT IF TRUE(1, 2, 3, 4, 5) ~~|\nFINAL TIME = 1 ~~|\nTIME STEP = 1 ~~|\n", "bad.mdl(2,5): error SD1302")]
    [TestCase("{UTF-8}\nx = GET DIRECT DATA('none.csv', ',', 'A', 'B2') ~~|\nFINAL TIME = 1 ~~|\nTIME STEP = 1 ~~|\n", "error SD1303: the data file 'none.csv' does not exist")]
    public void Check_BadMdl_LocatedErrorExitOne(string text, string expected)
    {
        string path = Path.Combine(_dir, "bad.mdl");
        File.WriteAllText(path, text);
        var r = SimProcess.Run("check", path);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Stderr, Does.Contain(expected));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Check_BinaryMdl_ExitOneNoStackTrace()
    {
        string path = Path.Combine(_dir, "model.mdl");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0, 0, 0xFF, 0xFE, 0x7C]);
        var r = SimProcess.Run("check", path);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Stderr, Does.Contain("SD1301").And.Not.Contain("   at "));
    }
}
