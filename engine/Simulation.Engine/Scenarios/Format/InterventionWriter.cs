using Newtonsoft.Json.Linq;

namespace Simulation.Engine.Scenarios.Format;

/// <summary>Writes an intervention as an experiment file writes it (docs/experiment-format.md), the inverse of the scenario reader's.</summary>
public static class InterventionWriter
{
    public static JObject Write(InterventionDefinition d)
    {
        var o = new JObject { ["input"] = d.Target.Text };
        if (d.End is double end)
        {
            o["from"] = d.Start;
            o["to"] = end;
        }
        else o["at"] = d.Start;
        switch (d.Action)
        {
            case InterventionAction.Stop: o["stop"] = true; break;
            case InterventionAction.Multiply: o["multiply"] = d.Value; break;
            default: o["set"] = d.Value; break;
        }
        return o;
    }
}
