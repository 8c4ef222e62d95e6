using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Levers;

namespace Simulation.Benchmarks;

/// <summary>
/// <c>point [count] [pack] [futures]</c>: what <c>sim serve</c> does for <c>POST /api/run</c>, in process and without
/// HTTP: the pack's experiment loaded and warmed up as the server does, then <c>count</c> requests that each move the
/// lever "UCR capacity per 100k" to a new value (one run plus the cached baseline; with <c>futures</c> > 0 that many
/// futures too). Prints the median process CPU time (all threads) and wall time of a request. A steady loop for
/// <c>perf record</c> of the point run, and the in-process figure behind benchmarks/README.md's cycle breakdown.
/// </summary>
public static class PointRequests
{
    public static void Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        string name = args.Length > 1 ? args[1] : "hospital-to-community";
        int futures = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        var diagnostics = new DiagnosticBag();
        var model = LeverModel.Load(Path.Combine(BenchModels.Root, "scenarios", name + ".json"), diagnostics)
                    ?? throw new InvalidOperationException(DiagnosticRenderer.ToText(diagnostics.Items));
        model.WarmUp();
        const string lever = "UCR capacity per 100k";
        double Value(int k) => 80 + 170 * (k * 0.6180339887 % 1.0); // a new value each time, in serve-bench.py's range
        for (int k = 1; k <= (futures > 0 ? 2 : 5); k++) Request(model, lever, Value(k), futures); // the request path compiled
        var cpu = new List<double>();
        var wall = new List<double>();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        for (int k = 0; k < count; k++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            Request(model, lever, Value(k + 6), futures);
            wall.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {count} requests ({(futures > 0 ? $"{futures} futures + " : "")}one run + cached baseline): CPU median {Interleaved.Median(cpu):F1} ms, wall median {Interleaved.Median(wall):F1} ms (min {wall.Min():F1}); load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        if (Environment.GetEnvironmentVariable("SIM_DUMP") is { } dir) Loop.DumpCode(dir); // with DOTNET_PerfMapEnabled=1
    }

    private static void Request(LeverModel model, string lever, double value, int futures)
    {
        var request = new LeverRequest { Inputs = [new LeverSetting(lever, value)], Futures = futures };
        if (model.Run(request, CancellationToken.None, out var problem) is null)
            throw new InvalidOperationException(problem!.Message);
    }
}
