using System.Text;

namespace Simulation.Engine.Calibration.Output;

/// <summary>
/// A folder of result files written whole or not at all: every file goes beside its final name first and the set is
/// moved into place once all are written, so a failed or stopped command leaves the folder as it was (an earlier
/// result included). A folder that holds an earlier result's files is refused unless forced, and then only those
/// files are replaced or removed.
/// </summary>
public sealed class ResultFolder(string path, string kind, IReadOnlyList<string> files)
{
    public string Path { get; } = path;

    /// <summary>Checks, before any work, that the folder can take the files; throws <see cref="ResultFolderException"/> when it holds an earlier result's.</summary>
    public void Prepare(bool force)
    {
        if (File.Exists(Path)) throw new ResultFolderException($"'{Path}' is a file; the output is a folder", "choose another --output");
        var existing = files.Where(f => File.Exists(System.IO.Path.Combine(Path, f))).ToList();
        if (existing.Count > 0 && !force)
            throw new ResultFolderException($"'{Path}' already holds {kind} ({string.Join(", ", existing)})",
                $"use --force to replace it (only {kind}'s files are removed), or choose another --output");
    }

    /// <summary>Writes every file (name, text), then moves them into place together and removes the earlier result's others; returns the names, in order.</summary>
    public IReadOnlyList<string> Publish(IReadOnlyDictionary<string, string> contents)
    {
        Directory.CreateDirectory(Path);
        var temps = new List<string>();
        try
        {
            foreach (var (name, text) in contents)
            {
                string temp = System.IO.Path.Combine(Path, $".{name}.tmp");
                temps.Add(temp);
                using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write);
                stream.Write(new UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            foreach (var name in contents.Keys) File.Move(System.IO.Path.Combine(Path, $".{name}.tmp"), System.IO.Path.Combine(Path, name), overwrite: true);
            foreach (var stale in files.Except(contents.Keys).Select(f => System.IO.Path.Combine(Path, f)).Where(File.Exists)) File.Delete(stale);
        }
        finally
        {
            foreach (var temp in temps.Where(File.Exists)) File.Delete(temp);
        }
        return contents.Keys.Order(StringComparer.Ordinal).ToList();
    }
}

/// <summary>The output folder cannot take the results (it is a file, or holds an earlier result).</summary>
public sealed class ResultFolderException(string message, string hint) : Exception(message)
{
    public string Hint { get; } = hint;
}
