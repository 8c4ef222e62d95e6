using System.Globalization;
using Simulation.Engine.Compilation;

namespace Simulation.Engine.Runtime;

/// <summary>
/// The memory a piece of work will allocate, estimated from its sizes before anything is allocated for them, with
/// the parts that make it up (largest first) so that a refusal can say what to shrink.
/// </summary>
public sealed record MemoryEstimate(IReadOnlyList<(string Part, long Bytes)> Parts)
{
    public long Bytes => Parts.Sum(p => p.Bytes);

    /// <summary>sim itself: the runtime, its code and libraries (peak resident memory of small runs and sweeps: 70-100 MB).</summary>
    public static readonly (string Part, long Bytes) Program = ("sim itself 100 MB", 100L << 20);

    /// <summary>The largest parts, e.g. "saved rows 11.2 GB (600,001 rows x 2,500 values)".</summary>
    public string Breakdown => string.Join("; ", Parts.Where(p => p.Bytes > 0).OrderByDescending(p => p.Bytes).Take(3).Select(p => p.Part));

    /// <summary>Bytes as people read them: 812 KB, 3.4 MB, 12.1 GB (powers of 1,024).</summary>
    public static string Format(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB", "PB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} bytes" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>
    /// One run of <paramref name="plan"/> on the reference evaluator (sim run), recording <paramref name="outputs"/>
    /// values per saved time. <paramref name="rows"/> says where the saved rows go: kept in memory (the table on the
    /// console, a <see cref="Results.SimulationResult"/>), streamed (CSV) or spilled and read back a column at a time (JSON).
    /// </summary>
    public static MemoryEstimate ForRun(EvaluationPlan plan, int outputs, RowStorage rows)
    {
        long saved = (long)plan.StepCount / Math.Max(1, plan.SaveEvery) + 1;
        // Each kept row is a double[] (24 bytes of header) in a list (8), with its time (8) in another.
        long rowBytes = rows switch
        {
            RowStorage.Memory => saved * (8L * outputs + 40),
            RowStorage.Spilled => Math.Min(saved * 8L * (outputs + 1), Math.Max(Results.SpilledRows.Budget, saved * 8L)),
            _ => 0,
        };
        // Slots, stock buffers, pipelines of delays and the compiled plan: a few arrays of the plan's size.
        long state = 8L * (4L * plan.SlotCount + 3L * plan.StockCount) + 200L * plan.Model.Elements.Length;
        return new MemoryEstimate([
            Program,
            ($"saved rows {Format(rowBytes)} ({saved:N0} rows x {outputs:N0} values{(rows == RowStorage.Spilled ? ", read back a column at a time" : "")})", rowBytes),
            ($"the model's state {Format(state)} ({plan.Model.Elements.Length:N0} elements)", state),
        ]);
    }

    /// <summary>
    /// Runs from a design table on the vector engine (sim run --design): the table as read (its text, 2 bytes a
    /// character, and 8 bytes a value), the workers, the finished batches waiting to be written in run order (two per
    /// thread, <see cref="Batches.BatchJob"/>), and the model. Rows are written as they are delivered: nothing grows
    /// with the number of runs but the table.
    /// </summary>
    public static MemoryEstimate ForDesign(EvaluationPlan plan, Designs.DesignTable table, long tableCharacters, int valuesPerRun, int threads, int lanes)
    {
        long values = (long)table.RowCount * table.InputColumns.Count;
        long tableBytes = 2 * tableCharacters + 8 * values + (table.Ids is null ? 0 : 64L * table.RowCount);
        long waiting = 2L * threads * lanes * 8 * valuesPerRun;
        long workers = Workers(plan, threads, lanes, valuesPerRun) + waiting;
        long state = 200L * plan.Model.Elements.Length;
        return new MemoryEstimate([
            Program,
            ($"the design table {Format(tableBytes)} ({table.RowCount:N0} rows x {table.InputColumns.Count:N0} inputs)", tableBytes),
            ($"workers {Format(workers)} ({threads} threads x {lanes} lanes x {plan.SlotCount:N0} slots and {valuesPerRun:N0} recorded values, "
                + "and the batches waiting to be written)", workers),
            ($"the model's state {Format(state)} ({plan.Model.Elements.Length:N0} elements)", state),
        ]);
    }

    /// <summary>
    /// The vector engine's workers: each thread's lanes hold their slots (current, next, saved), stock buffers (value,
    /// slope), parameters and every value their batch records.
    /// </summary>
    public static long Workers(EvaluationPlan plan, int threads, int lanes, long valuesPerRun) =>
        (long)threads * lanes * 8 * (3L * plan.SlotCount + 2L * plan.StockCount + plan.Parameters.Length + valuesPerRun);
}

/// <summary>Where a run's saved rows go.</summary>
public enum RowStorage
{
    /// <summary>Every row kept in memory.</summary>
    Memory,

    /// <summary>Each row written out as it is produced (CSV files).</summary>
    Streamed,

    /// <summary>Rows written to a temporary file and read back a group of columns at a time (JSON files).</summary>
    Spilled,
}
