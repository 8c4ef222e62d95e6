using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Simulation.Engine.Levers;
using Simulation.Web;

namespace Simulation.Tests.Web;

/// <summary>The app in memory (WebApplicationFactory over its own entry point), serving an already loaded model.</summary>
internal sealed class ServeFactory(LeverModel model, ServeOptions? options = null) : WebApplicationFactory<ServeOptions>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(model);
            if (options is not null) services.AddSingleton(options);
        });
}
