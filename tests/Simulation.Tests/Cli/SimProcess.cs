using System.Diagnostics;

namespace Simulation.Tests.Cli;

/// <summary>Runs the real <c>sim</c> program (built next to the tests), or any other program, as a separate process.</summary>
public static class SimProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Run(params string[] args) => RunIn(TestModels.Root, args);

    /// <summary>Runs sim in a working folder of the test's choosing (files it writes by default land there).</summary>
    public static Outcome RunIn(string workingDirectory, params string[] args) =>
        RunProgram("dotnet", workingDirectory, new Dictionary<string, string>(), [Path.Combine(AppContext.BaseDirectory, "sim.dll"), .. args]);

    /// <summary>
    /// Starts sim in the background, for tests that stop it: each line it writes to stderr goes to <paramref name="stderr"/>
    /// (stdout is read and dropped), so it never blocks on a full pipe. sim starts with SIGINT handled as by default: a
    /// test run started in the background by a shell without job control (a script's <c>cmd &amp;</c>) ignores SIGINT,
    /// every child inherits that, and .NET keeps an ignored SIGINT ignored, so Ctrl-C would never reach sim.
    /// </summary>
    public static Process Start(Action<string>? stderr, params string[] args)
    {
        var info = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestModels.Root };
        info.ArgumentList.Add("--default-signal=INT"); // env replaces itself with dotnet (exec): the process id is sim's
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sim.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr?.Invoke(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="folder"/> with <paramref name="environment"/> added to this process's; fails the test after 3 minutes.</summary>
    public static Outcome RunProgram(string program, string folder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
