namespace Simulation.Engine.Binding;

/// <summary>The builtins with memory that the binder expands into hidden stocks and flows.</summary>
public enum MemoryFunction
{
    /// <summary>SMTH1, SMTH3, SMTHN: a cascade of first-order exponential smooths (information delay).</summary>
    Smooth,

    /// <summary>DELAY1, DELAY3, DELAYN: a cascade of first-order material delays (what goes in comes out).</summary>
    Delay,

    /// <summary>TREND: fractional change per unit time, from a first-order smooth of the input.</summary>
    Trend,

    /// <summary>FORCST: the input extrapolated along its trend over a horizon.</summary>
    Forecast,

    /// <summary>NPV: the discounted sum of a stream (Vensim's NPV).</summary>
    Npv,
}

/// <summary>
/// Where a builtin with memory finds each of its arguments. The input is always first and the
/// averaging or delay time second (NPV's discount rate); XMILE and Vensim differ in where the order and the initial value go
/// (XMILE <c>DELAYN(input, time, n [, initial])</c>, Vensim <c>DELAY N(input, time, initial, n)</c>).
/// </summary>
/// <param name="FixedOrder">The number of stages when the name fixes it (DELAY3: 3); null when an argument gives it.</param>
/// <param name="OrderArgument">Index of the order argument, or -1.</param>
/// <param name="InitialArgument">Index of the optional initial value (initial trend for TREND and FORCST), or -1.</param>
/// <param name="HorizonArgument">Index of FORCST's horizon (NPV's factor), or -1.</param>
public sealed record MemorySpec(MemoryFunction Function, int? FixedOrder, int OrderArgument = -1, int InitialArgument = 2, int HorizonArgument = -1)
{
    public const int InputArgument = 0;
    public const int TimeArgument = 1;

    /// <summary>Name part of the hidden elements (<c>Shipments.delay3[1]</c>).</summary>
    public string Tag(int order) => Function switch
    {
        MemoryFunction.Smooth => order is 1 or 3 ? $"smth{order}" : "smthn",
        MemoryFunction.Delay => order is 1 or 3 ? $"delay{order}" : "delayn",
        MemoryFunction.Trend => "trend",
        MemoryFunction.Npv => "npv",
        _ => "forcst",
    };
}
