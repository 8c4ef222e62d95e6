namespace Simulation.Engine.Scenarios.Running;

/// <summary>Files written whole or not at all: to a temporary name beside the target, flushed, then renamed into place.</summary>
public static class AtomicFile
{
    public static string TempPath(string path) => path + ".tmp";

    public static void WriteAllText(string path, string text)
    {
        string temp = TempPath(path);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static void Publish(string temp, string path) => File.Move(temp, path, overwrite: true);
}
