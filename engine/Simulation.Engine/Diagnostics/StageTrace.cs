using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Simulation.Engine.Diagnostics;

/// <summary>
/// Where a process's time goes, stage by stage, for finding a fixed cost (a shard's start-up, say): with the environment
/// variable <c>SIM_TRACE=1</c> each <see cref="Mark"/> writes one line to standard error with the wall and processor
/// time since the process started and since the last mark. Off (the default), a mark costs one static field read.
/// The first line's processor time is what the runtime spent before the program's first mark (start-up, loading).
/// Each line ends with the running totals of what the runtime did besides the program: methods JIT-compiled (those
/// ReadyToRun code does not cover, generated step code, hot methods recompiled) and the time it took, and garbage
/// collections by generation with the time they paused the program, and the memory allocated so far (every allocation
/// is memory the collector must clear and, while the heap grows, pages the kernel must map: part of the fixed cost).
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
                $"trace: {wall,7:F3} s wall {cpu,7:F3} s cpu | +{wall - _lastWall,6:F3} wall +{cpu - _lastCpu,6:F3} cpu  {stage}" +
                $"  [jit {JitInfo.GetCompiledMethodCount()} methods {JitInfo.GetCompilationTime().TotalSeconds:F3} s, " +
                $"gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} paused {GC.GetTotalPauseDuration().TotalSeconds:F3} s, " +
                $"allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB]"));
            (_lastWall, _lastCpu) = (wall, cpu);
        }
    }
}
