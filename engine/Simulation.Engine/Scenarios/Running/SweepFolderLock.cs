using System.Globalization;

namespace Simulation.Engine.Scenarios.Running;

/// <summary>
/// An exclusive lock on a sweep's output folder, so that two sweeps (two resumes of one, say) never write one folder
/// at once: the file <c>DIR/.sweep.lock</c> held open with <see cref="FileShare.None"/> (an flock on Unix, a sharing lock
/// on Windows), which the operating system releases when the process ends, however it ends. The file itself stays:
/// deleting it would let two processes lock two different files of one name. Who holds the lock is written beside
/// it (<c>.sweep.lock.holder</c>, removed when the sweep ends), for the message a second sweep gives.
/// </summary>
public sealed class SweepFolderLock : IDisposable
{
    public const string FileName = ".sweep.lock";
    public const string HolderFileName = ".sweep.lock.holder";

    private readonly FileStream _lock;
    private readonly string _holder;

    private SweepFolderLock(FileStream held, string holder)
    {
        _lock = held;
        _holder = holder;
    }

    /// <summary>Takes the lock on <paramref name="folder"/> (creating the folder), or throws saying who holds it.</summary>
    public static SweepFolderLock Acquire(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, FileName), holder = Path.Combine(folder, HolderFileName);
        FileStream held;
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            string who = File.Exists(holder) ? File.ReadAllText(holder).Trim() : "another process";
            throw new SweepFolderException($"'{folder}' is in use by another sweep ({who})",
                "wait for it to finish or stop it, then --resume; a folder holds one sweep at a time");
        }
        File.WriteAllText(holder, string.Create(CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName}, since {DateTime.Now:yyyy-MM-dd HH:mm:ss}: {Environment.CommandLine}\n"));
        return new SweepFolderLock(held, holder);
    }

    /// <summary>Removes the holder's note (while still holding the lock), then releases the lock.</summary>
    public void Dispose()
    {
        try { File.Delete(_holder); }
        catch (IOException) { } // the note is a courtesy; the lock is what matters
        _lock.Dispose();
    }
}
