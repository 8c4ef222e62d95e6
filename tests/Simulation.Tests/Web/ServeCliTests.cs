using System.Net;
using System.Net.Sockets;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Web;

/// <summary>`sim serve` as users start it: where it listens, and how it refuses what it cannot serve.</summary>
[TestFixture]
public class ServeCliTests
{
    [Test]
    public async Task SimServe_ByDefault_ListensOnTheLoopbackInterfaceOnly()
    {
        using var serve = new ServeProcess("scenarios/hospital-beds.json", "--port", "0");
        var url = new Uri(serve.Url);
        Assert.That(url.Host, Is.EqualTo("127.0.0.1"));
        using var client = new HttpClient();
        Assert.That((await client.GetAsync(new Uri(url, "/api/experiment"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        // Nothing listens on the machine's other addresses.
        var other = (await Dns.GetHostAddressesAsync(Dns.GetHostName())).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (other is not null)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Assert.That(() => socket.Connect(other, url.Port), Throws.InstanceOf<SocketException>(), $"{other}:{url.Port} answered");
        }
        Assert.That(serve.Stderr, Does.Not.Contain("warning"));
    }

    [Test]
    public void SimServe_OnAnotherAddress_SaysSo()
    {
        using var serve = new ServeProcess("models/teacup.json", "--port", "0", "--host", "0.0.0.0");
        Assert.That(new Uri(serve.Url).Port, Is.GreaterThan(0));
        Assert.That(serve.Stderr, Does.Contain("warning: listening on 0.0.0.0, not only on this machine"));
    }

    [TestCase("models/no-such.json", 2, "does not exist")]
    [TestCase("models", 2, "is a folder")]
    public void SimServe_WithoutAFileToServe_ExitsWithAUsageError(string file, int code, string message)
    {
        var run = SimProcess.Run("serve", file);
        Assert.That(run.ExitCode, Is.EqualTo(code));
        Assert.That(run.Stderr, Does.Contain(message));
    }

    [Test]
    public void SimServe_WithABadHost_ExitsWithAUsageError()
    {
        var run = SimProcess.Run("serve", "models/teacup.json", "--host", "example.org");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("not an IP address"));
    }

    [Test]
    public void SimServe_OfAnExperimentWithErrors_PrintsThemAndExits1()
    {
        string folder = Path.Combine(Path.GetTempPath(), "sim-serve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string file = Path.Combine(folder, "bad.json");
            File.WriteAllText(file, $$"""{ "name": "bad", "model": "{{TestModels.PathOf("models", "teacup.json").Replace("\\", "/")}}", "scenarios": [ { "name": "s", "set": { "Nope": 1 } } ] }""");
            var run = SimProcess.Run("serve", file);
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Stderr, Does.Contain("SD5002"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
