using System.Diagnostics;
using System.Text;

namespace Simulation.Tests.Web;

/// <summary>A real <c>sim serve</c> process (the program built next to the tests), stopped when disposed.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ServeProcess(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestModels.Root };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sim.dll"));
        info.ArgumentList.Add("serve");
        foreach (var a in args) info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("serving ", StringComparison.Ordinal) == true) _url.TrySetResult(e.Data.Split(' ')[1].TrimEnd('/'));
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data);
        };
        _process.Exited += (_, _) => _url.TrySetException(new InvalidOperationException($"sim serve exited ({_process.ExitCode}): {Stderr}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>The address the server printed once it listened.</summary>
    public string Url => _url.Task.WaitAsync(TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();

    /// <summary>Waits for the process to end by itself (for commands that fail before serving).</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(120_000)) Assert.Fail("sim serve did not stop");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
