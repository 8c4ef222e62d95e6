using System.Diagnostics;
using System.Globalization;

namespace Simulation.Engine.Diagnostics;

/// <summary>
/// Where a process's time goes, stage by stage, for finding a fixed cost (a shard's start-up, say): with the environment
/// variable <c>SIM_TRACE=1</c> each <see cref="Mark"/> writes one line to standard error with the wall and processor
/// time since the process started and since the last mark. Off (the default), a mark costs one static field read.
/// The first line's processor time is what the runtime spent before the program's first mark (start-up, loading).
/// </summary>
public static class StageTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("SIM_TRACE") == "1";
    private static readonly object Gate = new();
    private static double _lastWall, _lastCpu;

    public static bool IsEnabled => Enabled;

    /// <summary>Ends the stage named <paramref name="stage"/> (what was done since the last mark).</summary>
    public static void Mark(string stage)
    {
        if (!Enabled) return;
        lock (Gate)
        {
            using var process = Process.GetCurrentProcess();
            double wall = (DateTime.Now - process.StartTime).TotalSeconds, cpu = process.TotalProcessorTime.TotalSeconds;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trace: {wall,7:F3} s wall {cpu,7:F3} s cpu | +{wall - _lastWall,6:F3} wall +{cpu - _lastCpu,6:F3} cpu  {stage}"));
            (_lastWall, _lastCpu) = (wall, cpu);
        }
    }
}
