using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Levers;
using Simulation.Web;
using Spectre.Console.Cli;

namespace Simulation.Cli.Commands;

/// <summary><c>sim serve EXPERIMENT|MODEL [--port P] [--host H] [--open]</c>: the levers app (docs/serve.md).</summary>
public sealed class ServeCommand : Command<ServeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<EXPERIMENT|MODEL>")]
        [Description("An experiment file (scenarios, uncertainty, outcomes) or a JSON model (its stocks become the outcomes).")]
        public string File { get; init; } = "";

        [CommandOption("--port <PORT>")]
        [Description("The port to listen on (default 5000; 0 picks a free one).")]
        [DefaultValue(5000)]
        public int Port { get; init; } = 5000;

        [CommandOption("--host <ADDRESS>")]
        [Description("The address to listen on (default 127.0.0.1, this machine only). Another address lets other machines reach the app: it has no login.")]
        public string? Host { get; init; }

        [CommandOption("--open")]
        [Description("Open the page in the default browser once the server listens.")]
        public bool Open { get; init; }

        [CommandOption("--threads <N>")]
        [Description("Worker threads of each request's runs (default: one per core). Results do not depend on it.")]
        public int? Threads { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (Directory.Exists(settings.File)) throw new UsageException($"'{settings.File}' is a folder; give an experiment or a model file");
        if (!System.IO.File.Exists(settings.File)) throw new UsageException($"the file '{settings.File}' does not exist");
        if (settings.Port is < 0 or > 65535) throw new UsageException($"--port {settings.Port} is not a port", "use 1-65535, or 0 for any free port");
        if (settings.Threads is < 1) throw new UsageException("--threads must be at least 1");
        var host = Address(settings.Host);
        var options = new ServeOptions { Host = host, Port = settings.Port };

        var clock = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag();
        var model = LeverModel.Load(settings.File, diagnostics, new LeverOptions { Threads = settings.Threads ?? Environment.ProcessorCount });
        DiagnosticPrinter.Print(diagnostics.Items);
        if (model is null) return ExitCodes.ModelErrors;
        model.WarmUp(cancellationToken);
        if (!options.IsLoopback)
            Console.Error.WriteLine($"serve: warning: listening on {host}, not only on this machine: anyone who can reach it can use the app (it has no login)");

        var app = LeversServer.Build(model, options);
        try
        {
            app.StartAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot listen on {host}:{settings.Port}: {e.Message}", "choose another --port, or 0 for any free one");
        }
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        WarmUp(url, cancellationToken);
        Console.Error.WriteLine($"serve: {model.Experiment.Name}: {model.Presets.Count} scenario{(model.Presets.Count == 1 ? "" : "s")}, " +
                                $"{model.Inputs.Inputs.Count(i => i.Settable)} inputs to move, {model.MaxFutures} futures; ready in {clock.Elapsed.TotalSeconds:0.0} s");
        Console.Out.WriteLine($"serving {url}/ (Ctrl-C stops)");
        if (settings.Open) OpenBrowser(url);
        // The host stops on Ctrl-C or SIGTERM, finishing the requests in hand.
        app.WaitForShutdownAsync(cancellationToken).GetAwaiter().GetResult();
        Console.Error.WriteLine("serve: stopped");
        return ExitCodes.Ok;
    }

    /// <summary>The app's first requests, sent by itself (<see cref="WarmUpRequests"/>); a failure only leaves it cold.</summary>
    private static void WarmUp(string url, CancellationToken cancellation)
    {
        try
        {
            WarmUpRequests.SendAsync(url, cancellation).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine($"serve: could not warm up the request path ({e.Message}); the first requests will be slower");
        }
    }

    private static IPAddress Address(string? host)
    {
        if (host is null or "localhost") return IPAddress.Loopback;
        if (IPAddress.TryParse(host, out var address)) return address;
        throw new UsageException($"--host '{host}' is not an IP address", "e.g. 127.0.0.1 (this machine only, the default) or 0.0.0.0 (every interface)");
    }

    private static void OpenBrowser(string url)
    {
        try
        {
            string opener = OperatingSystem.IsWindows() ? "explorer" : OperatingSystem.IsMacOS() ? "open" : "xdg-open";
            Process.Start(new ProcessStartInfo(opener, url) { UseShellExecute = false })?.Dispose();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Console.Error.WriteLine($"serve: could not open a browser ({e.Message}); open {url}/ yourself");
        }
    }
}
