using System.Collections.Immutable;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// Expands one call of a builtin with memory, for one element, into hidden stocks and flows owned by
/// that element, so that the integrator only ever sees stocks (docs/builtins.md gives the equations).
/// With τ = time / n for an n-stage cascade:
/// <code>
/// SMTHn   S_k' = (S_{k-1} - S_k) / τ,  S_0 = input,  S_k(0) = initial (default: input)      result S_n
/// DELAYn  S_k' = out_{k-1} - out_k,    out_0 = input, out_k = S_k / τ, S_k(0) = initial · τ  result out_n
/// TREND   A' = (input - A) / time,  A(0) = input / (1 + initial trend · time)  result ZIDZ(input - A, time · |A|)
/// FORCST  input · (1 + TREND · horizon)
/// NPV     d' = -d · rate / (1 + rate · DT),  d(0) = 1;  A' = input · d,  A(0) = initial   result (A + input · DT · d) · factor
/// </code>
/// NPV is Vensim's: d is the discount factor of the current step, and the result counts the current step's payment
/// (discounted) as already made.
/// Times are read every step (a delay or smoothing time may change during a run, as in Vensim and
/// Stella). Non-trivial arguments get a hidden auxiliary so that each is computed once per evaluation.
/// </summary>
internal sealed class MemoryExpander(BindingContext context, ElementScope scope)
{
    public BoundExpr Expand(MemorySpec spec, IReadOnlyList<BoundExpr> args, int order)
    {
        string prefix = context.HiddenPrefix(scope.Element, spec.Tag(order));
        var input = Named(args[MemorySpec.InputArgument], $"{prefix}.input");
        var time = Named(args[MemorySpec.TimeArgument], $"{prefix}.time");
        BoundExpr? initial = spec.InitialArgument >= 0 && spec.InitialArgument < args.Count
            ? Named(args[spec.InitialArgument], $"{prefix}.initial")
            : null;
        return spec.Function switch
        {
            MemoryFunction.Smooth => Smooth(prefix, input, time, initial ?? input, order),
            MemoryFunction.Delay => Delay(prefix, input, time, initial ?? input, order),
            MemoryFunction.Trend => Trend(prefix, input, time, initial),
            MemoryFunction.Npv => Npv(prefix, input, time, initial!, args[spec.HorizonArgument]),
            _ => Forecast(prefix, input, time, initial, args[spec.HorizonArgument]),
        };
    }

    private BoundExpr Smooth(string prefix, BoundExpr input, BoundExpr time, BoundExpr initial, int order)
    {
        var stageTime = StageTime(prefix, time, order);
        BoundExpr previous = input;
        for (int k = 1; k <= order; k++)
        {
            int stock = Add(Stage(prefix, "", k, order), ElementKind.Stock, initial);
            var change = new BBinary(BinaryOperator.Divide, new BBinary(BinaryOperator.Subtract, previous, new BRef(stock)), stageTime);
            int flow = Add(Stage(prefix, ".change", k, order), ElementKind.Flow, change);
            context.Elements[stock].Inflows.Add(flow);
            previous = new BRef(stock);
        }
        return previous;
    }

    private BoundExpr Delay(string prefix, BoundExpr input, BoundExpr time, BoundExpr initial, int order)
    {
        var stageTime = StageTime(prefix, time, order);
        int inflow = Add($"{prefix}.in", ElementKind.Flow, input);
        for (int k = 1; k <= order; k++)
        {
            int stock = Add(Stage(prefix, "", k, order), ElementKind.Stock, new BBinary(BinaryOperator.Multiply, initial, stageTime));
            int outflow = Add(Stage(prefix, ".out", k, order), ElementKind.Flow, new BBinary(BinaryOperator.Divide, new BRef(stock), stageTime));
            context.Elements[stock].Inflows.Add(inflow);
            context.Elements[stock].Outflows.Add(outflow);
            inflow = outflow;
        }
        return new BRef(inflow);
    }

    private BoundExpr Trend(string prefix, BoundExpr input, BoundExpr time, BoundExpr? initialTrend)
    {
        var average = Average(prefix, input, time, initialTrend);
        var change = new BBinary(BinaryOperator.Subtract, input, average);
        var scale = new BBinary(BinaryOperator.Multiply, time, new BCall(Operations.Abs, [average]));
        return new BCall(Operations.SafeDiv, [change, scale, new BConst(0)]); // ZIDZ
    }

    private BoundExpr Forecast(string prefix, BoundExpr input, BoundExpr time, BoundExpr? initialTrend, BoundExpr horizon)
    {
        var trend = Trend(prefix, input, time, initialTrend);
        var growth = new BBinary(BinaryOperator.Multiply, trend, horizon);
        return new BBinary(BinaryOperator.Multiply, input, new BBinary(BinaryOperator.Add, new BConst(1), growth));
    }

    private BoundExpr Npv(string prefix, BoundExpr stream, BoundExpr rate, BoundExpr initial, BoundExpr factor)
    {
        var dt = new BTime(TimeQuantity.Dt);
        int discount = Add($"{prefix}.discount", ElementKind.Stock, new BConst(1));
        var perStep = new BBinary(BinaryOperator.Add, new BConst(1), new BBinary(BinaryOperator.Multiply, rate, dt));
        var fall = new BBinary(BinaryOperator.Divide, new BBinary(BinaryOperator.Multiply, new BRef(discount), rate), perStep);
        context.Elements[discount].Outflows.Add(Add($"{prefix}.discounting", ElementKind.Flow, fall));
        int sum = Add($"{prefix}.sum", ElementKind.Stock, initial);
        context.Elements[sum].Inflows.Add(Add($"{prefix}.in", ElementKind.Flow, new BBinary(BinaryOperator.Multiply, stream, new BRef(discount))));
        var current = new BBinary(BinaryOperator.Multiply, new BBinary(BinaryOperator.Multiply, stream, dt), new BRef(discount));
        return new BBinary(BinaryOperator.Multiply, new BBinary(BinaryOperator.Add, new BRef(sum), current), factor);
    }

    /// <summary>TREND's and FORCST's smoothed input, started so that the initial trend comes out as given.</summary>
    private BRef Average(string prefix, BoundExpr input, BoundExpr time, BoundExpr? initialTrend)
    {
        BoundExpr initial = initialTrend is null
            ? input
            : new BBinary(BinaryOperator.Divide, input,
                new BBinary(BinaryOperator.Add, new BConst(1), new BBinary(BinaryOperator.Multiply, initialTrend, time)));
        int stock = Add($"{prefix}.average", ElementKind.Stock, initial);
        var change = new BBinary(BinaryOperator.Divide, new BBinary(BinaryOperator.Subtract, input, new BRef(stock)), time);
        int flow = Add($"{prefix}.change", ElementKind.Flow, change);
        context.Elements[stock].Inflows.Add(flow);
        return new BRef(stock);
    }

    /// <summary>τ = time / n, as its own hidden auxiliary when n &gt; 1 and time is not a number.</summary>
    private BoundExpr StageTime(string prefix, BoundExpr time, int order)
    {
        if (order == 1) return time;
        if (time is BConst c) return new BConst(c.Value / order);
        return Named(new BBinary(BinaryOperator.Divide, time, new BConst(order)), $"{prefix}.stage time");
    }

    private static string Stage(string prefix, string part, int k, int order) => order == 1 ? $"{prefix}{part}" : $"{prefix}{part}[{k}]";

    /// <summary>The expression itself when it is a number or a plain reference; otherwise a hidden auxiliary holding it.</summary>
    public BoundExpr Named(BoundExpr expr, string name) =>
        expr is BConst or BRef or BTime ? expr : new BRef(Add(name, ElementKind.Auxiliary, expr));

    private int Add(string name, ElementKind kind, BoundExpr equation)
    {
        var element = new ModelElement
        {
            Id = context.Elements.Count,
            Variable = scope.Variable,
            DisplayName = name,
            Kind = kind,
            IsHidden = true,
            Equation = equation,
            Source = scope.Source,
        };
        context.Elements.Add(element);
        return element.Id;
    }
}
