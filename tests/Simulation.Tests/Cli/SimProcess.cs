using System.Diagnostics;

namespace Simulation.Tests.Cli;

/// <summary>Runs the real <c>sim</c> program (built next to the tests) as a separate process.</summary>
public static class SimProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Run(params string[] args) => RunIn(TestModels.Root, args);

    /// <summary>Runs sim in a working folder of the test's choosing (files it writes by default land there).</summary>
    public static Outcome RunIn(string workingDirectory, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "sim.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(true);
            Assert.Fail($"sim {string.Join(' ', args)} did not finish in 2 minutes");
        }
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
