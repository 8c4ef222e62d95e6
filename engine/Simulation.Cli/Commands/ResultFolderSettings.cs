using System.ComponentModel;
using Simulation.Engine.Calibration.Output;
using Simulation.Engine.Calibration.Search;
using Simulation.Engine.Runtime.Batches;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary>
/// The options of the commands that run a model in batches and write one result folder, whole or not at all
/// (sim calibrate, sim evaluate): how the runs are spread over the machine, how much memory they may take, and whether an
/// earlier result may be replaced.
/// </summary>
public abstract class ResultFolderSettings : CommandSettings
{
    [CommandOption("--force")]
    [Description("Replace an earlier result's files in the output folder (only those).")]
    public bool Force { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Worker threads (default: one per core). Results do not depend on it.")]
    public int? Threads { get; init; }

    [CommandOption("--lanes <N>")]
    [Description("Runs integrated side by side per batch, a multiple of 4 (default 16). Results do not depend on it.")]
    public int? Lanes { get; init; }

    [CommandOption("--max-memory <SIZE>")]
    [Description("Refuse to start when the estimated memory is larger than this (e.g. 8GB; default: three quarters of the machine's memory).")]
    public string? MaxMemory { get; init; }

    public BatchOptions Batches => new() { Threads = Threads ?? Environment.ProcessorCount, LanesPerBatch = Lanes ?? 16 };

    /// <summary>Refuses impossible thread and lane counts, before any work.</summary>
    public void CheckBatches()
    {
        if (Threads is < 1) throw new UsageException("--threads must be at least 1");
        if (Lanes is int lanes && (lanes < 4 || lanes % 4 != 0)) throw new UsageException("--lanes must be a positive multiple of 4", "e.g. 16 or 64");
        MemoryLimit.Parse(MaxMemory);
    }

    /// <summary>The folder, once it is known to take the results (before any work): an earlier result's files are refused unless --force.</summary>
    public ResultFolder Prepare(ResultFolder folder)
    {
        try
        {
            folder.Prepare(Force);
            return folder;
        }
        catch (ResultFolderException e)
        {
            throw new UsageException(e.Message, e.Hint);
        }
    }

    /// <summary>An earlier calibration's estimates (the estimates.csv in its folder), for <paramref name="option"/>.</summary>
    public static IReadOnlyDictionary<string, EstimateRow> EstimatesIn(string folder, string option)
    {
        try
        {
            return EstimatesTable.ReadFolder(folder);
        }
        catch (CalibrationException e)
        {
            throw new UsageException($"{option}: {e.Message}", e.Hint);
        }
    }
}
