using System.Diagnostics;
using System.Globalization;

namespace Simulation.Benchmarks;

/// <summary>
/// The NHS packs' 1-lane and 16-lane batches timed in one process, the cases alternated round by round so that
/// each comparison sees the same machine load: prints per case the median and best wall time and the median thread
/// CPU time of one batch, and per run. <c>interleaved [rounds] [pack ...]</c>.
/// </summary>
public static class Interleaved
{
    public static void Run(string[] args)
    {
        int rounds = args.Length > 0 && int.TryParse(args[0], out int r) ? r : 15;
        string[] packs = args.Length > 1 ? args[1..] : ["hospital-to-community", "illness-to-prevention"];
        var cases = new List<(string Name, int Runs, Func<double> Body)>();
        foreach (string name in packs)
        {
            if (Environment.GetEnvironmentVariable("SIM_LANES") is { } widths)
            {
                var pack = new NhsPack(name);
                foreach (int lanes in widths.Split(',').Select(int.Parse))
                {
                    pack.Run(16, lanes);
                    cases.Add(($"{name} 16 runs at {lanes} lanes", 16, () => pack.Run(16, lanes)));
                }
                continue;
            }
            foreach (int runs in new[] { 1, 16 })
            {
                Func<double> body = name == "icb-bench" ? IcbBatch(runs) : PackBatch(new NhsPack(name), runs);
                body();
                cases.Add(($"{name} {runs,2} run(s)", runs, body));
            }
        }
        var wall = cases.Select(_ => new List<double>()).ToArray();
        var cpu = cases.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
            for (int c = 0; c < cases.Count; c++)
            {
                double cpu0 = ThreadCpuMs();
                long t0 = Stopwatch.GetTimestamp();
                cases[c].Body();
                wall[c].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                cpu[c].Add(ThreadCpuMs() - cpu0);
            }
        Console.WriteLine($"{rounds} interleaved rounds; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
        Console.WriteLine($"{"case",-40} {"wall median",12} {"best",8} {"cpu median",11} {"median/run",11} {"best/run",9}");
        for (int c = 0; c < cases.Count; c++)
        {
            double med = Median(wall[c]), best = wall[c].Min();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cases[c].Name,-40} {med,12:F1} {best,8:F1} {Median(cpu[c]),11:F1} {med / cases[c].Runs,11:F2} {best / cases[c].Runs,9:F2}"));
        }
    }

    private static Func<double> PackBatch(NhsPack pack, int runs) => () => pack.Run(runs, runs);

    /// <summary>icb-bench as IntegrationLoopBenchmarks runs it (model defaults in every lane), for comparison with its recorded figures.</summary>
    private static Func<double> IcbBatch(int runs)
    {
        var plan = BenchModels.Plan("icb-bench", "euler");
        var program = Simulation.Engine.Runtime.Vector.VectorProgram.Create(plan, Simulation.Engine.Runtime.Vector.LaneLayout.LanesFor(runs), [plan.ElementSlots[0]]);
        var work = new Simulation.Engine.Runtime.Vector.BatchWorkspace(program, 1) { ActiveLanes = runs };
        for (int p = 0; p < plan.Parameters.Length; p++) work.Parameters.Row(p).Fill(plan.ParameterDefaults[p]);
        int[] record = [plan.StepCount];
        return () =>
        {
            Simulation.Engine.Runtime.Vector.VectorKernel.Run(work, record);
            return work.Recorded.Row(0)[0];
        };
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>This thread's CPU time (CLOCK_THREAD_CPUTIME_ID), in milliseconds: on a loaded machine, closer to a quiet machine's wall time than the wall time is.</summary>
    public static double ThreadCpuMs()
    {
        ClockGetTime(3, out var t);
        return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary><c>loop PACK RUNS COUNT</c>: runs one case COUNT times (for perf stat and perf record).</summary>
public static class Loop
{
    public static void Run(string[] args)
    {
        var pack = new NhsPack(args[0]);
        int runs = int.Parse(args[1]), count = int.Parse(args[2]);
        pack.Run(runs, runs);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < count; i++) pack.Run(runs, runs);
        Console.WriteLine($"{args[0]} {runs} runs x {count}: {watch.Elapsed.TotalMilliseconds / count:F1} ms a batch");
        if (Environment.GetEnvironmentVariable("SIM_DUMP") is { } dir) DumpCode(dir);
    }

    /// <summary>Copies the generated methods' machine code (addresses from the runtime's perf map) into files, for objdump.</summary>
    internal static unsafe void DumpCode(string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var line in File.ReadLines($"/tmp/perf-{Environment.ProcessId}.map"))
        {
            var parts = line.Split(' ', 3);
            if (!parts[2].Contains("dynamicClass::rates_") && !parts[2].Contains("dynamicClass::one_run_")) continue;
            long address = Convert.ToInt64(parts[0], 16);
            int size = Convert.ToInt32(parts[1], 16);
            string name = System.Text.RegularExpressions.Regex.Match(parts[2], "(rates|one_run)_[0-9]+").Value;
            File.WriteAllBytes(Path.Combine(dir, $"{name}_{address:x}.bin"), new ReadOnlySpan<byte>((void*)address, size).ToArray());
        }
    }
}
