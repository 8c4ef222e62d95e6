using Simulation.Engine.Model;

namespace Simulation.Cli;

/// <summary>
/// What a written model file names in "$schema": the relative path to the repository's schema when
/// the file is written inside a checkout (so editors validate it offline, as the bundled models do),
/// otherwise the schema's published URL.
/// </summary>
public static class SchemaReference
{
    public const string Url = "https://simulation.nhs-models.example/schema/model-v1.schema.json";

    public static string For(string outputPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        for (var dir = folder is null ? null : new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            string schema = Path.Combine(dir.FullName, ModelSchema.RelativePath);
            if (File.Exists(schema)) return Path.GetRelativePath(folder!, schema).Replace('\\', '/');
        }
        return Url;
    }
}
