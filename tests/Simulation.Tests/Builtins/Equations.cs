namespace Simulation.Tests.Builtins;

/// <summary>Small JSON fragments for the builtin tests' inline models.</summary>
internal static class Equations
{
    public static string Aux(string name, string equation) => $$"""{ "name": "{{name}}", "kind": "auxiliary", "equation": "{{equation}}" }""";

    public static string Time(double start, double stop, double dt, string method = "euler") =>
        $"\"start\": {start}, \"stop\": {stop}, \"dt\": {dt}, \"method\": \"{method}\"";
}
