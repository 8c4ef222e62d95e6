namespace Simulation.Cli;

/// <summary>Result files: chosen by extension, never overwritten without --force, written whole or not at all; a missing folder is made.</summary>
public static class OutputFiles
{
    public static string FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => "csv",
        ".json" => "json",
        var other => throw new UsageException($"cannot write results as '{other}'", "name the output file .csv or .json"),
    };

    /// <summary>Refuses an output path that names nothing (<c>--output ""</c>) or that no file system accepts.</summary>
    public static void CheckName(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option} is empty", "give the name of the file or folder to write");
        if (path.IndexOfAny(['\0']) >= 0) throw new UsageException($"{option} contains a NUL character, which no file name may hold");
    }

    public static void EnsureWritable(string path, bool force, params string[] inputs)
    {
        CheckName(path, "the output path");
        foreach (var input in inputs)
            if (Path.GetFullPath(input) == Path.GetFullPath(path))
                throw new UsageException($"the output file '{path}' is an input of this command", "choose another output path");
        if (File.Exists(path) && !force)
            throw new UsageException($"'{path}' already exists", "use --force to overwrite it, or choose another file");
        // the folder is made, as sweep --output makes its folder (README writes under results/)
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || Directory.Exists(folder)) return;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot make the folder '{folder}' for '{path}': {e.Message}", "choose another output path");
        }
    }

    /// <summary>Writes to a temporary file beside the target, then moves it into place.</summary>
    public static void WriteAtomically(string path, Action<TextWriter> write)
    {
        string temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var writer = new StreamWriter(temp, false, new System.Text.UTF8Encoding(false)))
                write(writer);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
