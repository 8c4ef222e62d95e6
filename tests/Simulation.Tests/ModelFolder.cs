namespace Simulation.Tests;

/// <summary>
/// A temporary folder holding a small model (model.json), for tests of files that name a model (experiments, fits):
/// write the files beside it, read or compile them, and dispose to delete the folder.
/// </summary>
public abstract class ModelFolder : IDisposable
{
    protected ModelFolder(string prefix, string model)
    {
        Folder = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Write("model.json", model);
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string Write(string name, string text)
    {
        File.WriteAllText(PathOf(name), text);
        return PathOf(name);
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, true); }
        catch (IOException) { } // a process a test started may still hold a file; the temporary folder is cleaned later
    }
}
