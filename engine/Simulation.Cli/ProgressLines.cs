using System.Diagnostics;

namespace Simulation.Cli;

/// <summary>
/// Progress of long work as plain lines on standard error: the first report, then at most one every two seconds
/// (the latest), so a terminal and a log file read the same.
/// </summary>
public sealed class ProgressLines(string command)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.MinValue;

    public void Report(string message)
    {
        if (_last != TimeSpan.MinValue && _clock.Elapsed - _last < TimeSpan.FromSeconds(2)) return;
        _last = _clock.Elapsed;
        Console.Error.WriteLine($"{command}: {message} ({_clock.Elapsed.TotalSeconds:F0} s)");
    }
}
