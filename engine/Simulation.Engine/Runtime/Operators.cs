using Simulation.Engine.Binding;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Runtime;

/// <summary>Operators and builtins on plain doubles, shared by the interpreter and the reference evaluator.</summary>
public static class Operators
{
    public static double Binary(BinaryOperator op, double a, double b) => op switch
    {
        BinaryOperator.Add => a + b,
        BinaryOperator.Subtract => a - b,
        BinaryOperator.Multiply => a * b,
        BinaryOperator.Divide => a / b,
        BinaryOperator.Power => Math.Pow(a, b),
        BinaryOperator.Modulo => ScalarMath.Mod(a, b),
        BinaryOperator.Equal => ScalarMath.Bool(a == b),
        BinaryOperator.NotEqual => ScalarMath.Bool(a != b),
        BinaryOperator.Less => ScalarMath.Bool(a < b),
        BinaryOperator.LessEqual => ScalarMath.Bool(a <= b),
        BinaryOperator.Greater => ScalarMath.Bool(a > b),
        BinaryOperator.GreaterEqual => ScalarMath.Bool(a >= b),
        BinaryOperator.And => ScalarMath.Bool(ScalarMath.Truth(a) && ScalarMath.Truth(b)),
        _ => ScalarMath.Bool(ScalarMath.Truth(a) || ScalarMath.Truth(b)),
    };

    public static double Call(BuiltinFunction f, ReadOnlySpan<double> a, double time, double dt) => f switch
    {
        BuiltinFunction.Abs => Math.Abs(a[0]),
        BuiltinFunction.Exp => Math.Exp(a[0]),
        BuiltinFunction.Ln => Math.Log(a[0]),
        BuiltinFunction.Log10 => Math.Log10(a[0]),
        BuiltinFunction.Log => Math.Log(a[0]) / Math.Log(a[1]),
        BuiltinFunction.Sqrt => Math.Sqrt(a[0]),
        BuiltinFunction.Sin => Math.Sin(a[0]),
        BuiltinFunction.Cos => Math.Cos(a[0]),
        BuiltinFunction.Tan => Math.Tan(a[0]),
        BuiltinFunction.ArcSin => Math.Asin(a[0]),
        BuiltinFunction.ArcCos => Math.Acos(a[0]),
        BuiltinFunction.ArcTan => Math.Atan(a[0]),
        BuiltinFunction.Int => Math.Floor(a[0]),
        BuiltinFunction.Round => ScalarMath.Round(a[0]),
        BuiltinFunction.Sign => ScalarMath.Sign(a[0]),
        BuiltinFunction.Min => Math.Min(a[0], a[1]),
        BuiltinFunction.Max => Math.Max(a[0], a[1]),
        BuiltinFunction.Mod => ScalarMath.Mod(a[0], a[1]),
        BuiltinFunction.SafeDiv => ScalarMath.SafeDiv(a[0], a[1], a.Length > 2 ? a[2] : 0.0),
        BuiltinFunction.Xidz => ScalarMath.SafeDiv(a[0], a[1], a[2]),
        BuiltinFunction.Zidz => ScalarMath.SafeDiv(a[0], a[1], 0.0),
        BuiltinFunction.Step => ScalarMath.Step(a[0], a[1], time, dt),
        BuiltinFunction.Pulse => ScalarMath.Pulse(a[0], a[1], a.Length > 2 ? a[2] : 0.0, time, dt),
        BuiltinFunction.Ramp => ScalarMath.Ramp(a[0], a[1], a.Length > 2 ? a[2] : double.PositiveInfinity, time),
        BuiltinFunction.PulseTrain => ScalarMath.PulseTrain(a[0], a[1], a[2], a[3], time, dt),
        _ => throw new InvalidOperationException($"no scalar definition for {f}"),
    };

    public static double Lookup(LookupTable table, LookupMode mode, double x) => mode switch
    {
        LookupMode.Forward => ScalarMath.LookupForward(table.X.AsSpan(), table.Y.AsSpan(), x),
        LookupMode.Backward => ScalarMath.LookupBackward(table.X.AsSpan(), table.Y.AsSpan(), x),
        LookupMode.Invert => ScalarMath.LookupInvert(table.X.AsSpan(), table.Y.AsSpan(), x),
        _ => ScalarMath.Lookup(table.X.AsSpan(), table.Y.AsSpan(), table.Interpolation, x),
    };

    /// <summary>Reductions, summed left to right (the plan compiler emits the same order).</summary>
    public static double Reduce(ReduceOperator op, ReadOnlySpan<double> items)
    {
        switch (op)
        {
            case ReduceOperator.Sum:
            {
                double s = 0;
                foreach (double x in items) s += x;
                return s;
            }
            case ReduceOperator.Product:
            {
                double p = 1;
                foreach (double x in items) p *= x;
                return p;
            }
            case ReduceOperator.Mean:
                return Reduce(ReduceOperator.Sum, items) / items.Length;
            case ReduceOperator.Min:
            {
                double m = double.PositiveInfinity;
                foreach (double x in items) m = Math.Min(m, x);
                return m;
            }
            case ReduceOperator.Max:
            {
                double m = double.NegativeInfinity;
                foreach (double x in items) m = Math.Max(m, x);
                return m;
            }
            default:
            {
                double mean = Reduce(ReduceOperator.Mean, items);
                double ss = 0;
                foreach (double x in items) ss += (x - mean) * (x - mean);
                return Math.Sqrt(ss / items.Length);
            }
        }
    }
}
