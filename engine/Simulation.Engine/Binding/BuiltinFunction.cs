namespace Simulation.Engine.Binding;

/// <summary>Stateless builtins that survive binding and become plan instructions.</summary>
public enum BuiltinFunction
{
    Abs,
    Exp,
    Ln,
    Log10,
    Sqrt,
    Sin,
    Cos,
    Tan,
    ArcSin,
    ArcCos,
    ArcTan,
    Int,
    Round,
    Min,
    Max,
    Mod,
    SafeDiv,
    Xidz,
    Zidz,
    Step,
    Pulse,
    Ramp,
    PulseTrain,
    Log,
    Sign,
}
