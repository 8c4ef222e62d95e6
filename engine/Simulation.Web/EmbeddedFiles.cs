using System.Collections.Concurrent;

namespace Simulation.Web;

/// <summary>
/// The page, its scripts and the vendored chart library (with its licence), embedded in this assembly so the app
/// works offline and from any folder; nothing is fetched from elsewhere.
/// </summary>
internal static class EmbeddedFiles
{
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new();

    /// <summary>URL path -> (resource name, content type).</summary>
    public static readonly IReadOnlyDictionary<string, (string Resource, string ContentType)> Routes = new Dictionary<string, (string, string)>
    {
        ["/"] = ("page/index.html", "text/html; charset=utf-8"),
        ["/app.js"] = ("page/app.js", "text/javascript; charset=utf-8"),
        ["/charts.js"] = ("page/charts.js", "text/javascript; charset=utf-8"),
        ["/app.css"] = ("page/app.css", "text/css; charset=utf-8"),
        ["/vendor/echarts.min.js"] = ("vendor/echarts.min.js", "text/javascript; charset=utf-8"),
        ["/vendor/LICENSE"] = ("vendor/LICENSE", "text/plain; charset=utf-8"),
        ["/vendor/LICENSE-d3"] = ("vendor/LICENSE-d3", "text/plain; charset=utf-8"),
        ["/vendor/NOTICE"] = ("vendor/NOTICE", "text/plain; charset=utf-8"),
    };

    public static byte[] Read(string resource) => Cache.GetOrAdd(resource, name =>
    {
        using var stream = typeof(EmbeddedFiles).Assembly.GetManifestResourceStream(name);
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }) ?? throw new InvalidOperationException($"the embedded file '{resource}' is missing from the build");
}
