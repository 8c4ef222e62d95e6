using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Runtime.Vector;
using Simulation.Engine.Scenarios;

namespace Simulation.Benchmarks;

/// <summary>
/// <c>stepcode EXPERIMENT [rounds] [lanes]</c>: what a sweep process pays for its batch step code, in process and
/// repeated. Each round generates the step code of the experiment's first plan again (<see cref="VectorProgram.Create"/>:
/// new dynamic methods) and runs it once on zeroed memory, which JIT-compiles every method; it prints the thread's
/// processor time for each (the JIT works on the calling thread, so load on the other core does not count), the memory
/// generating allocated, and the medians from the third round on (once the generator itself is optimised, as a
/// ReadyToRun build has it from the start). <c>SIM_LISTING=FILE</c> writes the step code's listing.
/// </summary>
public static class StepCodeCost
{
    public static unsafe void Run(string[] args)
    {
        string path = args.Length > 0 ? args[0] : throw new ArgumentException("usage: stepcode EXPERIMENT [rounds] [lanes]");
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
        int lanes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        var diagnostics = new DiagnosticBag();
        var experiment = ExperimentCompiler.CompileFile(path, diagnostics)
                         ?? throw new InvalidOperationException(DiagnosticRenderer.ToText(diagnostics.Items));
        var scenario = experiment.Scenarios[0];
        var recorded = scenario.RecordSlots.ToArray();
        if (Environment.GetEnvironmentVariable("SIM_LISTING") is { } file)
        {
            using var writer = new StreamWriter(file);
            VectorProgram.Create(scenario.Plan, lanes, recorded, listing: writer);
        }
        var generated = new List<double>();
        var compiled = new List<double>();
        var allocated = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            GC.Collect();
            double start = ThreadCpu(), bytes = GC.GetAllocatedBytesForCurrentThread();
            var program = VectorProgram.Create(scenario.Plan, lanes, recorded);
            double generating = ThreadCpu() - start, megabytes = (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1048576.0;
            long methods = JitInfo.GetCompiledMethodCount(currentThread: true);
            var current = new LaneBuffer(program.Layout);
            var next = new LaneBuffer(program.Layout);
            start = ThreadCpu();
            program.Rates!.Run(current.Pointer, 0, (nint)((byte*)next.Pointer - (byte*)current.Pointer));
            double compiling = ThreadCpu() - start;
            methods = JitInfo.GetCompiledMethodCount(currentThread: true) - methods;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {r}: generated {generating:F3} s ({megabytes:F1} MB, {program.Rates.ChunkCount} methods); JIT-compiled and run once {compiling:F3} s ({methods} methods)"));
            if (r < 2) continue;
            generated.Add(generating);
            compiled.Add(compiling);
            allocated.Add(megabytes);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of rounds 2..{rounds - 1}: generated {Median(generated):F3} s, JIT-compiled {Median(compiled):F3} s (thread CPU), allocated {Median(allocated):F1} MB"));
    }

    /// <summary>This thread's processor time (Linux, CLOCK_THREAD_CPUTIME_ID).</summary>
    private static double ThreadCpu()
    {
        if (clock_gettime(3, out var time) != 0) throw new InvalidOperationException("clock_gettime failed");
        return time.Seconds + time.Nanoseconds * 1e-9;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
