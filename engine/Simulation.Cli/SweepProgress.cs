using System.Diagnostics;
using Simulation.Engine.Scenarios.Running;
using Spectre.Console;
using Simulation.Engine.Scenarios;

namespace Simulation.Cli;

/// <summary>
/// Shows a sweep's progress while it runs: a Spectre.Console progress bar with runs per second and time
/// left on a terminal; plain lines on standard error (every few seconds) when output is redirected, where
/// the bar would print nothing.
/// </summary>
public static class SweepProgress
{
    public static SweepStatus Show(SweepRunner runner, Func<SweepStatus> run)
    {
        var work = Task.Run(run);
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RunsPerSecondColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    // The bar counts this sweep's runs: a resume's runs already done would inflate its runs per second.
                    var task = ctx.AddTask("runs", maxValue: Math.Max(1, runner.TotalRuns));
                    void Update()
                    {
                        long resumed = runner.ResumedRuns;
                        if (resumed > 0) (task.Description, task.MaxValue) = ($"runs ({resumed:N0} done before)", Math.Max(1, runner.TotalRuns - resumed));
                        task.Value = runner.CompletedRuns - resumed;
                    }
                    while (!Finished(work, TimeSpan.FromMilliseconds(200))) Update();
                    Update();
                });
        else
            PlainLines(runner, work);
        return work.GetAwaiter().GetResult();
    }

    private static void PlainLines(SweepRunner runner, Task work)
    {
        var clock = Stopwatch.StartNew();
        while (!Finished(work, TimeSpan.FromSeconds(5)))
        {
            long done = runner.CompletedRuns, total = runner.TotalRuns;
            double rate = (done - runner.ResumedRuns) / Math.Max(1e-9, clock.Elapsed.TotalSeconds); // this sweep's runs only
            string left = rate > 0 ? TimeSpan.FromSeconds(Math.Ceiling((total - done) / rate)).ToString(@"hh\:mm\:ss") : "unknown";
            Console.Error.WriteLine($"sweep: {done:N0}/{total:N0} runs ({100.0 * done / Math.Max(1, total):F0}%), {rate:N0} runs/s, {left} left");
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for the sweep; its exceptions surface later, from GetResult.</summary>
    private static bool Finished(Task work, TimeSpan wait) => ((IAsyncResult)work).AsyncWaitHandle.WaitOne(wait);

    /// <summary>Runs completed per second, from the task's own speed estimate.</summary>
    private sealed class RunsPerSecondColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is double speed ? $"{speed:N0} runs/s" : "");
    }
}
