using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Levers;
using Simulation.Web;

// The app's own entry point, for tests (WebApplicationFactory) and for running the project directly:
//   dotnet run --project engine/Simulation.Web -- --experiment scenarios/hospital-beds.json
// Users start it with `sim serve`, which loads the model first and reports its problems as the other commands do.
var builder = WebApplication.CreateBuilder(args);
LeversServer.AddServices(builder, new ServeOptions(), services =>
{
    var configuration = (IConfiguration)services.GetService(typeof(IConfiguration))!;
    string path = configuration["experiment"] ?? throw new InvalidOperationException("give --experiment FILE (an experiment or a JSON model)");
    var diagnostics = new DiagnosticBag();
    return LeverModel.Load(path, diagnostics)
           ?? throw new InvalidOperationException(string.Join(Environment.NewLine, diagnostics.Items.Select(d => d.ToString())));
});
var app = builder.Build();
LeversServer.Map(app);
app.Run();

