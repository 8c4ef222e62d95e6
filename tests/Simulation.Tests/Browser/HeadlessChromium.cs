using Microsoft.Playwright;

namespace Simulation.Tests.Browser;

/// <summary>
/// Debian's chromium, headless, driven by Playwright (whose own browser download cannot work here). Every page it
/// opens is watched: console errors, uncaught page errors and any request that would leave the machine are recorded,
/// and such a request is aborted, so a test can assert that a page works offline.
/// </summary>
/// <remarks>
/// The executable is <c>SIM_CHROMIUM</c> or <c>/usr/bin/chromium</c>. Without it the browser tests are ignored with a
/// hint, unless <c>SIM_REQUIRE_BROWSER=1</c> (CI sets it), which makes a missing browser a failure.
/// The flags are those that keep chromium from calling home: on this closed network such calls are refused.
/// </remarks>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        string executable = Environment.GetEnvironmentVariable("SIM_CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            string hint = $"chromium not found at {executable}: install Debian's chromium (apt-get install -y chromium) or set SIM_CHROMIUM";
            if (Environment.GetEnvironmentVariable("SIM_REQUIRE_BROWSER") == "1") Assert.Fail(hint);
            Assert.Ignore(hint);
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        return new HeadlessChromium(playwright, browser);
    }

    /// <summary>Opens <paramref name="url"/> (a file:// or loopback address) in a fresh context and waits for it to load.</summary>
    public async Task<WatchedPage> OpenAsync(string url, int width = 1280, int height = 900)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(page);
        await page.RouteAsync("**/*", async route =>
        {
            if (WatchedPage.IsLocal(route.Request.Url)) await route.ContinueAsync();
            else
            {
                watched.Record(route.Request.Url);
                await route.AbortAsync();
            }
        });
        // A report draws its charts before "load" fires; a hundred of them on a loaded two-core machine can take over
        // Playwright's default 30 s, which would fail a page that is only slow.
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 180_000 });
        return watched;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>A page with what went wrong on it so far: console errors, page errors, requests that would leave the machine.</summary>
public sealed class WatchedPage
{
    private readonly List<string> _problems = [];
    private readonly List<string> _externalRequests = [];

    public WatchedPage(IPage page)
    {
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_problems) _problems.Add($"console error: {message.Text}");
        };
        page.PageError += (_, error) =>
        {
            lock (_problems) _problems.Add($"page error: {error}");
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Problems
    {
        get { lock (_problems) return [.. _problems]; }
    }

    public IReadOnlyList<string> ExternalRequests
    {
        get { lock (_externalRequests) return [.. _externalRequests]; }
    }

    internal void Record(string url)
    {
        lock (_externalRequests) _externalRequests.Add(url);
    }

    /// <summary>Addresses that stay on the machine: files, inline data, blobs and the loopback interface.</summary>
    public static bool IsLocal(string url)
    {
        if (url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal)) return true;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        return uri.Scheme == Uri.UriSchemeFile || uri.IsLoopback;
    }

    /// <summary>Fails the test when the page logged an error or tried to reach the network.</summary>
    public void AssertClean()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Problems, Is.Empty, "the page logged errors");
            Assert.That(ExternalRequests, Is.Empty, "the page tried to leave the machine");
        });
    }
}
