using System.Net;

namespace Simulation.Web;

/// <summary>Where the levers app listens and what it allows one request.</summary>
public sealed record ServeOptions
{
    /// <summary>The address to listen on: the loopback interface unless the user says otherwise.</summary>
    public IPAddress Host { get; init; } = IPAddress.Loopback;

    /// <summary>The port (0: any free port).</summary>
    public int Port { get; init; } = 5000;

    /// <summary>The largest request body, in bytes; larger ones get 413.</summary>
    public int MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>The longest a request's runs may take; longer ones are stopped and get 503.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests running at once (each spreads its runs over the cores); more wait, up to <see cref="QueueTimeout"/>.</summary>
    public int ConcurrentRuns { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>How long a request waits for a free run slot before it gets 503.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool IsLoopback => IPAddress.IsLoopback(Host);
}
