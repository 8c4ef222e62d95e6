using System.Diagnostics;
using System.Runtime;
using System.Text;
using System.Text.Json.Nodes;

namespace Simulation.Web;

/// <summary>
/// Requests the app sends itself before it is announced. The runtime compiles a method when it is first called, quickly
/// and without optimising, and again, optimised, once it has been called some 30 times: on a fresh server the first
/// few dozen requests paid for compiling the whole request path (Kestrel, routing, reading the body, the lever
/// settings, building and writing the answer) twice, in the request and in the runtime's compiling thread. The app
/// asks for its baseline with one lever set to its own value (the baseline's cached run: nothing is run) until no
/// method has been compiled for as many requests as it takes to reach the optimising compiler.
/// </summary>
public static class WarmUpRequests
{
    /// <summary>Requests in a row that compile nothing before the path counts as warm (more than the runtime's 30 calls).</summary>
    private const int QuietRequests = 40;
    private const int MaxRequests = 1000;
    private static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(10);

    /// <summary>Sends the requests to the app listening at <paramref name="url"/>; returns how many it sent.</summary>
    public static async Task<int> SendAsync(string url, CancellationToken cancellation)
    {
        // No proxy: the requests go straight to this process, whatever http_proxy says.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        string body = await BaselineRequest(client, cancellation);
        var clock = Stopwatch.StartNew();
        long compiled = JitInfo.GetCompiledMethodCount();
        int sent = 0, quiet = 0;
        while (sent < MaxRequests && clock.Elapsed < MaxTime && quiet < QuietRequests)
        {
            if (sent % 25 == 0)
                foreach (string path in new[] { "/", "/app.js", "/api/experiment", "/api/inputs", "/api/scenarios", "/api/baseline" })
                    await Read(await client.GetAsync(path, cancellation), cancellation);
            using (var content = new StringContent(body, Encoding.UTF8, "application/json"))
                await Read(await client.PostAsync("/api/run", content, cancellation), cancellation);
            sent++;
            long count = JitInfo.GetCompiledMethodCount();
            (quiet, compiled) = (count == compiled ? quiet + 1 : 0, count);
        }
        return sent;
    }

    /// <summary>The baseline with its first settable lever set to its own value, so that the settings are read and resolved too.</summary>
    private static async Task<string> BaselineRequest(HttpClient client, CancellationToken cancellation)
    {
        using var answer = await client.GetAsync("/api/inputs", cancellation);
        answer.EnsureSuccessStatusCode();
        var inputs = JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellation))!["groups"]!.AsArray()
            .SelectMany(g => g!["inputs"]!.AsArray());
        var lever = inputs.FirstOrDefault(i => (bool)i!["settable"]! && i["value"] is JsonValue);
        return lever is null ? "{}" : new JsonObject { ["inputs"] = new JsonObject { [(string)lever["name"]!] = lever["value"]!.DeepClone() } }.ToJsonString();
    }

    private static async Task Read(HttpResponseMessage answer, CancellationToken cancellation)
    {
        using (answer)
        {
            await answer.Content.ReadAsByteArrayAsync(cancellation);
            answer.EnsureSuccessStatusCode();
        }
    }
}
