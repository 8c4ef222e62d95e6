using System.Globalization;
using Simulation.Engine.Runtime.Vector;

namespace Simulation.Benchmarks;

/// <summary>
/// <c>onerun [rounds] [pack ...]</c>: one run of a pack's baseline (its plan and recorded outcomes as a sweep builds them,
/// at the model's point values) on the batch engine (a 4-lane batch holding the one run) and on the one-run program
/// (array elements in the lanes), alternated round by round in one process; prints the median thread CPU time of each,
/// their ratio, and checks that both recorded the same bits.
/// </summary>
public static class OneRun
{
    public static void Run(string[] args)
    {
        int rounds = args.Length > 0 && int.TryParse(args[0], out int r) ? r : 9;
        string[] packs = args.Length > 1 ? args[1..] : ["hospital-to-community", "illness-to-prevention"];
        foreach (string name in packs)
        {
            var pack = new NhsPack(name);
            var plan = pack.Scenario.Plan;
            var layout = pack.Experiment.Measurement.Layout;
            int[] slots = pack.Scenario.RecordSlots.ToArray();
            int[] steps = layout.Steps.ToArray();

            var batchProgram = VectorProgram.Create(plan, 4, slots);
            var batch = new BatchWorkspace(batchProgram, steps.Length) { ActiveLanes = 1 };
            for (int p = 0; p < plan.Parameters.Length; p++) batch.Parameters.Row(p).Fill(plan.ParameterDefaults[p]);
            using var listing = Environment.GetEnvironmentVariable("SIM_LISTING") is { } file ? new StreamWriter(file) : null;
            var oneProgram = OneRunProgram.Create(plan, slots, listing) ?? throw new InvalidOperationException("no one-run program (AVX2?)");
            var one = new OneRunWorkspace(oneProgram, steps.Length);
            plan.ParameterDefaults.AsSpan().CopyTo(one.Parameters);

            var cases = new (string Name, Action Body)[]
            {
                ("4-lane batch, 1 run", () => VectorKernel.Run(batch, steps)),
                ("one-run program", () => OneRunKernel.Run(one, steps, 0, 0)),
            };
            foreach (var c in cases) c.Body();
            for (int v = 0; v < one.Recorded.Length; v++)
                if (BitConverter.DoubleToInt64Bits(one.Recorded[v]) != BitConverter.DoubleToInt64Bits(batch.Recorded.Row(v)[0]))
                    throw new InvalidOperationException($"{name}: recorded value {v} differs: {batch.Recorded.Row(v)[0]:R} and {one.Recorded[v]:R}");
            var cpu = cases.Select(_ => new List<double>()).ToArray();
            for (int round = 0; round < rounds; round++)
                for (int c = 0; c < cases.Length; c++)
                {
                    double cpu0 = Interleaved.ThreadCpuMs();
                    cases[c].Body();
                    cpu[c].Add(Interleaved.ThreadCpuMs() - cpu0);
                }
            var medians = cpu.Select(Interleaved.Median).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {plan.Rates.Length} step instructions, {oneProgram.PackCount} packs of 4 elements; {rounds} rounds, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            for (int c = 0; c < cases.Length; c++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cases[c].Name,-22} CPU median {medians[c],8:F1} ms (min {cpu[c].Min():F1})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one-run / batch: {medians[1] / medians[0]:F2}; same bits in all {one.Recorded.Length} recorded values"));
        }
    }
}
