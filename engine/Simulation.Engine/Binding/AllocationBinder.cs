using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// Vensim's allocation functions (reference manual, ALLOCATE AVAILABLE and ALLOCATE BY PRIORITY): a supply shared
/// among requesters along one dimension. Each requester i has a priority profile, a curve giving the share s_i(P) of
/// its request it is willing to take at a "price" P, falling from 1 to 0 as P rises past its priority p_i over a width
/// w_i; the market clears at the price P* where Σ request_i · s_i(P*) = supply, and requester i gets
/// request_i · s_i(P*) (everyone gets the request when the supply covers them all, nothing when there is none).
/// The profiles (ptype) are 1 rectangular (uniform over [p - w/2, p + w/2]), 2 triangular (over the same interval,
/// peaked at p), 3 normal (standard deviation w) and 4 exponential (Laplace, scale w); ALLOCATE BY PRIORITY is
/// rectangular profiles of one width. Another ptype gives NaN, which the run reports.
/// P* is found by bisection, lowered into <see cref="Steps"/> hidden auxiliaries that halve the bracket
/// [min p − 40 w, max p + 40 w] (plain arithmetic, so every back end runs it), which places it to double precision.
/// </summary>
internal sealed partial class ExpressionBinder
{
    private const int Steps = 64;
    private const double Reach = 40; // profile widths on either side of the priorities that the bracket spans

    private ArrayValue? BindAllocation(CallExpr call, BuiltinSignature builtin)
    {
        var request = BindVector(call.Arguments[0], builtin.Name);
        if (request is null) return null;
        var (dimension, requests) = request.Value;
        int n = requests.Length;
        BoundExpr[] types, priorities, widths;
        BoundExpr? supply;
        if (builtin.Category == BuiltinCategory.AllocateByPriority)
        {
            // ALLOCATE_BY_PRIORITY(request, priority, size, width, supply)
            var priority = BindVector(call.Arguments[1], builtin.Name);
            var size = BindScalar(call.Arguments[2], () => $"{builtin.Name}'s size");
            var width = BindScalar(call.Arguments[3], () => $"{builtin.Name}'s width");
            supply = BindScalar(call.Arguments[4], () => $"{builtin.Name}'s supply");
            if (priority is null || size is null || width is null || supply is null) return null;
            if (priority.Value.Items.Length != n)
            {
                context.Report(DiagnosticCodes.DimensionMismatch, $"{builtin.Name}'s priorities have {priority.Value.Items.Length} elements, its requests {n}",
                    scope, call.Arguments[1].Span, "give a priority for each request, along the same dimension");
                return null;
            }
            types = Enumerable.Repeat<BoundExpr>(new BConst(1), n).ToArray();
            priorities = [.. priority.Value.Items];
            widths = Enumerable.Repeat(width, n).ToArray();
        }
        else
        {
            // ALLOCATE_AVAILABLE(request, profiles[.., D, P], available): P holds ptype, ppriority, pwidth (and pextra).
            var profiles = Bind(FreeLastDimensions(call.Arguments[1], 2));
            supply = BindScalar(call.Arguments[2], () => $"{builtin.Name}'s available supply");
            if (profiles is null || supply is null) return null;
            if (profiles.Dimensions is not [var rows, var fields] || rows.Size != n || fields.Size < 3)
            {
                context.Report(DiagnosticCodes.DimensionMismatch,
                    $"{builtin.Name}'s profiles must be over the requests' {n} elements and the profile's fields (ptype, ppriority, pwidth, pextra), but they are over {string.Join(" x ", profiles.Dimensions.Select(d => d.Size))}",
                    scope, call.Arguments[1].Span, "write the profiles with those two dimensions last, e.g. pp[D, pprofile] or, as Vensim does, pp[D, ptype]");
                return null;
            }
            BoundExpr[] Field(int k) => Enumerable.Range(0, n).Select(i => profiles.Items[i * fields.Size + k]).ToArray();
            (types, priorities, widths) = (Field(0), Field(1), Field(2));
        }
        // Every element of the result (and any other call with the same arguments) shares one price.
        BoundExpr[] key = [.. requests, .. types, .. priorities, .. widths, supply];
        var results = context.Allocations.FirstOrDefault(a => a.Key.Length == key.Length && a.Key.Zip(key).All(p => Compilation.BoundExprComparer.Instance.Equals(p.First, p.Second))).Results;
        if (results is null)
        {
            results = Allocate(types, priorities, widths, [.. requests], supply);
            context.Allocations.Add((key, results));
        }
        return AtCurrentElement(dimension, results);
    }

    private BoundExpr[] Allocate(BoundExpr[] types, BoundExpr[] priorities, BoundExpr[] widths, BoundExpr[] requests, BoundExpr supply)
    {
        var hidden = new MemoryExpander(context, scope);
        string prefix = context.HiddenPrefix(scope.Element, "allocation");
        BoundExpr[] Name(BoundExpr[] items, string what) => items.Select((x, i) => hidden.Named(x, $"{prefix}.{what}[{i + 1}]")).ToArray();
        (types, priorities, widths, requests) = (Name(types, "ptype"), Name(priorities, "priority"), Name(widths, "width"), Name(requests, "request"));
        var available = hidden.Named(supply, $"{prefix}.supply");
        var price = ClearingPrice(hidden, prefix, types, priorities, widths, requests, available);
        var total = new BReduce(Operations.Sum, [.. requests]);
        return Enumerable.Range(0, requests.Length).Select(i => (BoundExpr)new BIf(
            new BBinary(BinaryOperator.GreaterEqual, available, total), requests[i],
            new BIf(new BBinary(BinaryOperator.LessEqual, available, new BConst(0)), new BConst(0),
                Times(requests[i], Share(types[i], price, priorities[i], widths[i]))))).ToArray();
    }

    /// <summary>The price at which the shares taken add up to the supply: bisection, one hidden auxiliary per halving.</summary>
    private static BoundExpr ClearingPrice(MemoryExpander hidden, string prefix, BoundExpr[] types, BoundExpr[] priorities, BoundExpr[] widths,
        BoundExpr[] requests, BoundExpr supply)
    {
        var reach = widths.Select(w => Times(new BConst(Reach), w)).ToArray();
        var low = hidden.Named(new BReduce(Operations.MinOf, [.. priorities.Select((p, i) => (BoundExpr)new BBinary(BinaryOperator.Subtract, p, reach[i]))]),
            $"{prefix}.price[0]");
        var high = new BReduce(Operations.MaxOf, [.. priorities.Select((p, i) => (BoundExpr)new BBinary(BinaryOperator.Add, p, reach[i]))]);
        var span = hidden.Named(new BBinary(BinaryOperator.Subtract, high, low), $"{prefix}.bracket");
        var lower = low; // the lower end of the bracket, where more than the supply is taken
        for (int k = 1; k <= Steps; k++)
        {
            var half = Times(span, new BConst(Math.Pow(2, -k)));
            var middle = new BBinary(BinaryOperator.Add, lower, half);
            var taken = new BReduce(Operations.Sum, [.. requests.Select((r, i) => Times(r, Share(types[i], middle, priorities[i], widths[i])))]);
            var step = new BIf(new BBinary(BinaryOperator.Greater, taken, supply), half, new BConst(0));
            lower = hidden.Named(new BBinary(BinaryOperator.Add, lower, step), $"{prefix}.price[{k}]");
        }
        return hidden.Named(new BBinary(BinaryOperator.Add, lower, Times(span, new BConst(Math.Pow(2, -Steps - 1)))), $"{prefix}.price");
    }

    /// <summary>The share of its request a requester takes at this price: 1 well below its priority, 0 well above.</summary>
    private static BoundExpr Share(BoundExpr type, BoundExpr price, BoundExpr priority, BoundExpr width)
    {
        // z: how far the price is above the priority, in widths.
        var z = new BBinary(BinaryOperator.Divide, new BBinary(BinaryOperator.Subtract, price, priority), width);
        BoundExpr Clamp(BoundExpr x) => new BCall(Operations.Max, [new BConst(0), new BCall(Operations.Min, [new BConst(1), x])]);
        var rectangular = Clamp(new BBinary(BinaryOperator.Subtract, new BConst(0.5), z));
        // Triangular over [p - w/2, p + w/2], z held within it: 1 - 2 (z + 1/2)^2 below the peak, 2 (1/2 - z)^2 above it.
        var within = new BCall(Operations.Max, [new BConst(-0.5), new BCall(Operations.Min, [new BConst(0.5), z])]);
        var below = new BBinary(BinaryOperator.Add, within, new BConst(0.5));
        var above = new BBinary(BinaryOperator.Subtract, new BConst(0.5), within);
        var triangular = new BIf(new BBinary(BinaryOperator.LessEqual, z, new BConst(0)),
            new BBinary(BinaryOperator.Subtract, new BConst(1), Times(new BConst(2), Times(below, below))),
            Times(new BConst(2), Times(above, above)));
        var normal = new BCall(Operations.NormalUpperTail, [z]);
        // Laplace: 1 - e^z / 2 below the priority, e^-z / 2 above it.
        var exponential = new BIf(new BBinary(BinaryOperator.Less, z, new BConst(0)),
            new BBinary(BinaryOperator.Subtract, new BConst(1), Times(new BConst(0.5), new BCall(Operations.Exp, [z]))),
            Times(new BConst(0.5), new BCall(Operations.Exp, [new BUnary(UnaryOperator.Negate, z)])));
        BoundExpr Is(double t) => new BBinary(BinaryOperator.Equal, type, new BConst(t));
        if (type is BConst c)
            return c.Value switch { 1 => rectangular, 2 => triangular, 3 => normal, 4 => exponential, _ => new BConst(double.NaN) };
        return new BIf(Is(1), rectangular, new BIf(Is(2), triangular, new BIf(Is(3), normal, new BIf(Is(4), exponential, new BConst(double.NaN)))));
    }

    private static BoundExpr Times(BoundExpr a, BoundExpr b) => new BBinary(BinaryOperator.Multiply, a, b);
}
