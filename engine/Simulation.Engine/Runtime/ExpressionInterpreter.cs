using Simulation.Engine.Binding;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Runtime;

/// <summary>
/// Evaluates a bound expression by walking its tree. Used for constants during checking; the runs
/// themselves go through the compiled plan. INIT and PREVIOUS need saved state and are not handled here.
/// </summary>
public static class ExpressionInterpreter
{
    public static double Evaluate(BoundExpr expr, BoundModel model, Func<int, double> valueOf, double time)
    {
        double dt = model.Time.Dt;
        double Eval(BoundExpr e)
        {
            switch (e)
            {
                case BConst c: return c.Value;
                case BRef r: return valueOf(r.Element);
                case BTime t:
                    return t.Quantity switch
                    {
                        TimeQuantity.Time => time,
                        TimeQuantity.Dt => dt,
                        TimeQuantity.Start => model.Time.Start,
                        _ => model.Time.Stop,
                    };
                case BUnary u:
                    double x = Eval(u.Operand);
                    return u.Operator switch
                    {
                        UnaryOperator.Negate => -x,
                        UnaryOperator.Plus => x,
                        _ => ScalarMath.Bool(!ScalarMath.Truth(x)),
                    };
                case BBinary b:
                    return Operators.Binary(b.Operator, Eval(b.Left), Eval(b.Right));
                case BIf i:
                    return ScalarMath.Truth(Eval(i.Condition)) ? Eval(i.Then) : Eval(i.Else);
                case BCall call:
                    var args = call.Arguments.Select(Eval).ToArray();
                    return Operators.Call(call.Function, args, time, dt);
                case BLookup l:
                    var table = model.Tables[l.Table];
                    return Operators.Lookup(table, l.Mode, Eval(l.Input));
                case BReduce r:
                    return Operators.Reduce(r.Operator, r.Items.Select(Eval).ToArray());
                case BSelect s:
                    int k = (int)Math.Floor(Eval(s.Index)) - 1;
                    return k >= 0 && k < s.Items.Length ? Eval(s.Items[k]) : 0.0;
                default:
                    throw new InvalidOperationException($"{e.GetType().Name} needs run state and cannot be interpreted directly");
            }
        }
        return Eval(expr);
    }
}
