using Simulation.Cli;
using Simulation.Cli.Commands;
using Spectre.Console.Cli;

namespace Simulation.Tests.Cli;

/// <summary><c>sim run MODEL --design TABLE.csv</c> end to end: files in, CSV out, exit codes.</summary>
[NonParallelizable]
public class DesignRunTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "sim-design-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    private string Teacup => TestModels.PathOf("models", "teacup.json");

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Error) Run(RunCommand.Settings settings)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int exit;
            try
            {
                exit = new RunCommand().Execute(new CommandContext([], new NoArguments(), "run", null), settings, CancellationToken.None);
            }
            catch (Exception e)
            {
                exit = ErrorReporter.Report(e);
            }
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    [Test]
    public void Design_TableWithIds_OneRowPerRunWithInputsAndFinalStocks()
    {
        string table = Write("design.csv", "scenario,Room Temperature,characteristic_time\nwarm,80,10\ncold,60,5\n");
        string output = Path.Combine(_folder, "out.csv");
        var (exit, _, error) = Run(new RunCommand.Settings { Model = Teacup, Design = table, Output = output, Threads = 2 });
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
        var lines = File.ReadAllLines(output);
        Assert.That(lines[0], Is.EqualTo("scenario,Room Temperature,characteristic_time,Teacup Temperature"));
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[1], Does.StartWith("warm,80,10,"));
        Assert.That(lines[2], Does.StartWith("cold,60,5,"));
        // Euler on dT/dt = -(T - room) / tau: T(30) = room + (180 - room) (1 - dt/tau)^240
        double cold = double.Parse(lines[2].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(cold, Is.EqualTo(60 + 120 * Math.Pow(1 - 0.125 / 5, 240)).Within(1e-9));
    }

    [Test]
    public void Design_At_ColumnsNamedByTime()
    {
        string table = Write("design.csv", "Room Temperature\n70\n");
        var (exit, stdout, error) = Run(new RunCommand.Settings { Model = Teacup, Design = table, At = "10,0", Vars = "Teacup Temperature,Heat Loss to Room" });
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("Room Temperature,Teacup Temperature@0,Heat Loss to Room@0,Teacup Temperature@10,Heat Loss to Room@10"));
        Assert.That(lines[1], Does.StartWith("70,180,11,"));
    }

    /// <summary>
    /// The command compiles while the schema validation may still run; a model the schema rejects (an unknown property
    /// the lenient reader ignores) must still stop it before anything runs or is written, whatever else is wrong later.
    /// </summary>
    [TestCase("run,Room Temperature\n1,70\n")]
    [TestCase("run,Room Temprature\n1,70\n")]
    public void Design_ModelTheSchemaRejects_ExitOneAndNothingWritten(string tableText)
    {
        string model = Write("model.json", File.ReadAllText(Teacup).Replace("\"kind\": \"stock\"", "\"kind\": \"stock\", \"colour\": \"red\""));
        string table = Write("design.csv", tableText);
        string output = Path.Combine(_folder, "out.csv");
        var (exit, _, error) = Run(new RunCommand.Settings { Model = model, Design = table, Output = output });
        Assert.That(exit, Is.EqualTo(ExitCodes.ModelErrors), error);
        Assert.That(error, Does.Contain("unknown property \"colour\""));
        Assert.That(error, Does.Not.Contain("SD5104"), "the model's errors come first, as when validation ran in line");
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public void Design_UnknownColumn_DiagnosticWithSuggestionAndExitTwo()
    {
        string table = Write("design.csv", "run,Room Temprature\n1,70\n");
        var (exit, _, error) = Run(new RunCommand.Settings { Model = Teacup, Design = table });
        Assert.That(exit, Is.EqualTo(ExitCodes.UsageOrFile));
        Assert.That(error, Does.Contain("design.csv(1,5): error SD5104: column 'Room Temprature': the model has no variable 'Room Temprature'"));
        Assert.That(error, Does.Contain("did you mean 'Room Temperature'?"));
    }

    [Test]
    public void Design_TimeOutsideRun_DiagnosticAndExitTwo()
    {
        string table = Write("design.csv", "Room Temperature\n70\n");
        var (exit, _, error) = Run(new RunCommand.Settings { Model = Teacup, Design = table, At = "31" });
        Assert.That(exit, Is.EqualTo(ExitCodes.UsageOrFile));
        Assert.That(error, Does.Contain("error SD5107: --at 31: the run goes from 0 to 30"));
    }

    [Test]
    public void Design_RunGoesNaN_ReportedWithRowAndExitOne()
    {
        string table = Write("design.csv", "scenario,Characteristic Time\nok,10\nbroken,0\n");
        var (exit, stdout, error) = Run(new RunCommand.Settings { Model = Teacup, Design = table });
        Assert.That(exit, Is.EqualTo(ExitCodes.ModelErrors));
        Assert.That(error, Does.Contain("design.csv(3,1): error SD6001: run 'broken' (row 2): 'Heat Loss to Room' became NaN or infinite at time 0"));
        Assert.That(stdout.Split('\n')[1], Does.StartWith("ok,10,"));
    }

    [Test]
    public void Design_ExistingOutputWithoutForce_RefusedBeforeRunning()
    {
        string table = Write("design.csv", "Room Temperature\n70\n");
        string output = Write("out.csv", "keep me");
        var (exit, _, error) = Run(new RunCommand.Settings { Model = Teacup, Design = table, Output = output });
        Assert.That(exit, Is.EqualTo(ExitCodes.UsageOrFile));
        Assert.That(File.ReadAllText(output), Is.EqualTo("keep me"));
        Assert.That(error, Does.Contain("already exists"));
    }

    private sealed class NoArguments : IRemainingArguments
    {
        public ILookup<string, string?> Parsed { get; } = Array.Empty<string>().ToLookup(s => s, s => (string?)s);

        public IReadOnlyList<string> Raw { get; } = [];
    }
}
