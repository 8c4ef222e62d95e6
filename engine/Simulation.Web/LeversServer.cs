using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Simulation.Engine.Levers;

namespace Simulation.Web;

/// <summary>
/// The levers app: one page and a JSON API over a <see cref="LeverModel"/> (docs/serve.md). Requests are bounded:
/// a body over <see cref="ServeOptions.MaxRequestBytes"/> gets 413, a request whose runs take longer than
/// <see cref="ServeOptions.RunTimeout"/> is stopped (503), and at most <see cref="ServeOptions.ConcurrentRuns"/> run
/// at once. Whatever a request holds, the answer is JSON (400 with <c>{"error", "field", "hint"}</c> when it is wrong)
/// and the server goes on serving.
/// </summary>
public static class LeversServer
{
    /// <summary>Registers what the app needs; <paramref name="model"/> gives the served model (loaded already, or on first use).</summary>
    public static void AddServices(WebApplicationBuilder builder, ServeOptions options, Func<IServiceProvider, LeverModel> model)
    {
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(model);
        builder.Services.AddSingleton(sp => new RunGate(sp.GetRequiredService<ServeOptions>()));
        builder.Services.Configure<KestrelServerOptions>(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
    }

    /// <summary>A server for <c>sim serve</c>: Kestrel on <see cref="ServeOptions.Host"/>:<see cref="ServeOptions.Port"/>, serving <paramref name="model"/>.</summary>
    public static WebApplication Build(LeverModel model, ServeOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.Host, options.Port));
        AddServices(builder, options, _ => model);
        var app = builder.Build();
        Map(app);
        return app;
    }

    public static void Map(WebApplication app)
    {
        app.Use(Guard);
        foreach (var (path, (resource, contentType)) in EmbeddedFiles.Routes)
            app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(EmbeddedFiles.Read(resource), contentType);
            });
        app.MapGet("/api/experiment", (LeverModel model) => Json(ApiJson.Experiment(model)));
        app.MapGet("/api/inputs", (LeverModel model) => Json(ApiJson.Inputs(model)));
        app.MapGet("/api/scenarios", (LeverModel model) => Json(ApiJson.Scenarios(model)));
        app.MapGet("/api/baseline", (LeverModel model) => Json(ApiJson.Baseline(model.Baseline())));
        app.MapPost("/api/run", RunAsync);
        app.MapPost("/api/scenario", SaveAsync);
        app.MapFallback((HttpContext http) => http.Request.Path.StartsWithSegments("/api")
            ? Json(ApiJson.Error($"there is no {http.Request.Method} {http.Request.Path}", "path",
                "the API: GET /api/experiment, /api/inputs, /api/scenarios, /api/baseline; POST /api/run, /api/scenario"), StatusCodes.Status404NotFound)
            : Results.Text("not found\n", "text/plain", statusCode: StatusCodes.Status404NotFound));
    }

    /// <summary>Security headers on every answer, and any failure turned into a JSON answer rather than a dropped connection.</summary>
    private static async Task Guard(HttpContext http, RequestDelegate next)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        try
        {
            await next(http);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            await Write(http, e.StatusCode, ApiJson.Error(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the request is too large" : e.Message, "body"));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away (the page cancels a run when the next one starts): nothing to answer.
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("sim serve").LogError(e, "request failed");
            await Write(http, StatusCodes.Status500InternalServerError, ApiJson.Error($"internal error: {e.Message}", "body",
                "this is a bug in sim serve; the server goes on serving"));
        }
    }

    private static Task<IResult> RunAsync(HttpContext http, LeverModel model, ServeOptions options, RunGate gate) =>
        Handle(http, options, gate, save: false, (request, token) =>
        {
            var clock = Stopwatch.StartNew();
            var result = model.Run(request, token, out var problem);
            return result is null ? Bad(problem!) : Json(ApiJson.Run(result, clock.Elapsed.TotalMilliseconds));
        });

    private static Task<IResult> SaveAsync(HttpContext http, LeverModel model, ServeOptions options, RunGate gate) =>
        Handle(http, options, gate, save: true, (request, _) =>
        {
            string? file = model.SaveScenario(request, out var problem);
            if (file is null) return Bad(problem!);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(model, request.Name!)}\"";
            return Results.Text(file, "application/json", Encoding.UTF8);
        });

    /// <summary>Reads the body within the size limit, parses it, then runs <paramref name="answer"/> in a run slot within the time limit.</summary>
    private static async Task<IResult> Handle(HttpContext http, ServeOptions options, RunGate gate, bool save, Func<LeverRequest, CancellationToken, IResult> answer)
    {
        var body = await RequestBody.ReadAsync(http.Request, options.MaxRequestBytes, http.RequestAborted);
        if (body is null)
            return Json(ApiJson.Error($"the request is larger than {options.MaxRequestBytes:N0} bytes", "body",
                "a request carries input values and interventions; a few kilobytes is plenty"), StatusCodes.Status413PayloadTooLarge);
        if (LeverRequestReader.Read(body, save, out var problem) is not { } request) return Bad(problem!);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        bool entered = false;
        try
        {
            if (!(entered = await gate.EnterAsync(http.RequestAborted)))
                return Json(ApiJson.Error("the server is busy with other runs", "body", "try again in a moment"), StatusCodes.Status503ServiceUnavailable);
            // The run's own limit starts once it has a slot (the queue has its own); a zero limit stops every run at once.
            if (options.RunTimeout <= TimeSpan.Zero) timeout.Cancel();
            else timeout.CancelAfter(options.RunTimeout);
            return await Task.Run(() => answer(request, timeout.Token), timeout.Token);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return Json(ApiJson.Error($"the runs took longer than {options.RunTimeout.TotalSeconds:0.###} s and were stopped", "futures",
                "ask for fewer futures"), StatusCodes.Status503ServiceUnavailable);
        }
        finally
        {
            if (entered) gate.Exit();
        }
    }

    private static string FileName(LeverModel model, string scenario)
    {
        string Slug(string s) => new string(s.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        string stem = Path.GetFileNameWithoutExtension(model.Source.Document.Source.Path);
        return $"{Slug(stem)}-{Slug(scenario)}.json".Replace("--", "-");
    }

    private static IResult Bad(LeverProblem problem) => Json(ApiJson.Error(problem), StatusCodes.Status400BadRequest);

    private static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) => new JsonAnswer(ApiJson.Bytes(node), status);

    private sealed class JsonAnswer(byte[] bytes, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = bytes.Length;
            return http.Response.Body.WriteAsync(bytes).AsTask();
        }
    }

    private static async Task Write(HttpContext http, int status, JsonNode node)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(ApiJson.Bytes(node));
    }

    /// <summary>At most <see cref="ServeOptions.ConcurrentRuns"/> requests run at once; the others wait a while, then are turned away.</summary>
    internal sealed class RunGate(ServeOptions options)
    {
        private readonly SemaphoreSlim _slots = new(options.ConcurrentRuns, options.ConcurrentRuns);

        public async Task<bool> EnterAsync(CancellationToken cancellation)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            wait.CancelAfter(options.QueueTimeout);
            try
            {
                await _slots.WaitAsync(wait.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                cancellation.ThrowIfCancellationRequested();
                return false;
            }
        }

        public void Exit() => _slots.Release();
    }
}
