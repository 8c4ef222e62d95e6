using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// Binds one equation's syntax tree for one element: names become element references, subscripts
/// become fixed elements, builtins are checked for arity and lowered. Returns null after reporting
/// a diagnostic; never throws on user input.
/// </summary>
internal sealed partial class ExpressionBinder(BindingContext context, ElementScope scope)
{
    public ArrayValue? Bind(Expr expr)
    {
        switch (expr)
        {
            case NumberExpr n:
                return ArrayValue.Scalar(new BConst(n.Value));
            case NameExpr name:
                return BindName(name);
            case SubscriptExpr s:
                return BindSubscripted(s);
            case UnaryExpr u:
                return Bind(u.Operand) is { } operand ? Unary(u.Operator, operand) : null;
            case BinaryExpr b:
                return BindChain(b);
            case IfExpr i:
            {
                var c = Bind(i.Condition);
                var t = Bind(i.Then);
                var e = Bind(i.Else);
                if (c is null || t is null || e is null) return null;
                if (c.IsScalar && t.IsScalar && e.IsScalar) return ArrayValue.Scalar(new BIf(c.Items[0], t.Items[0], e.Items[0]));
                return Zip(i, [c, t, e], a => new BIf(a[0], a[1], a[2]));
            }
            case CallExpr call:
                return BindCall(call);
            default:
                throw new InvalidOperationException($"unexpected syntax node {expr.GetType().Name}");
        }
    }

    /// <summary>A binary operation, and the chain of them down its left operands in a loop (see <see cref="BinaryChain"/>).</summary>
    private ArrayValue? BindChain(BinaryExpr top)
    {
        var spine = BinaryChain.Spine(top, out var leftmost);
        var left = Bind(leftmost);
        foreach (var b in spine)
        {
            var right = Bind(b.Right);
            left = left is null || right is null ? null : Binary(b, left, right);
        }
        return left;
    }

    // Scalars, the common case, are combined directly: binding runs once per element of every equation, and the general
    // path's operand arrays, closures and broadcast bookkeeping were a good part of what binding a model allocated.
    private ArrayValue? Binary(BinaryExpr b, ArrayValue left, ArrayValue right) =>
        left.IsScalar && right.IsScalar
            ? ArrayValue.Scalar(new BBinary(b.Operator, left.Items[0], right.Items[0]))
            : Zip(b, [left, right], a => new BBinary(b.Operator, a[0], a[1]));

    private static ArrayValue Unary(UnaryOperator op, ArrayValue operand) =>
        operand.IsScalar ? ArrayValue.Scalar(new BUnary(op, operand.Items[0])) : operand.Map(x => new BUnary(op, x));

    /// <summary>Binds an expression that must be scalar for this element (an equation, a function argument).</summary>
    /// <param name="what">Names the expression in the error; built only then, as binding runs once per element.</param>
    public BoundExpr? BindScalar(Expr expr, Func<string> what)
    {
        var value = Bind(expr);
        if (value is null) return null;
        if (value.IsScalar) return value.Items[0];
        context.Report(DiagnosticCodes.DimensionMismatch,
            $"{what()} is an array over {string.Join(", ", value.Dimensions)} where a single value is needed", scope, expr.Span,
            "give the element with a subscript, e.g. x[Age], or reduce it, e.g. SUM(x[*])");
        return null;
    }

    private ArrayValue? Zip(Expr at, IReadOnlyList<ArrayValue> values, Func<BoundExpr[], BoundExpr> combine)
    {
        bool scalars = true;
        foreach (var v in values) scalars &= v.IsScalar;
        if (scalars) return ArrayValue.Zip(values, combine); // the common case: nothing to broadcast
        // Free dimensions that are different but related (a subrange and its parent) cannot be broadcast.
        var dims = values.SelectMany(v => v.Dimensions).Distinct().ToList();
        for (int i = 0; i < dims.Count; i++)
        for (int j = i + 1; j < dims.Count; j++)
            if (DimensionRelations.Related(dims[i], dims[j]))
            {
                context.Report(DiagnosticCodes.DimensionMismatch,
                    $"arrays over {dims[i]} and {dims[j]} are combined element by element, but they are different dimensions",
                    scope, at.Span, "subscript both with the same dimension");
                return null;
            }
        return ArrayValue.Zip(values, combine);
    }

    private ArrayValue? BindName(NameExpr name)
    {
        string canonical = name.Canonical;
        if (canonical == "self") return ArrayValue.Scalar(new BRef(scope.Element.Id));
        if (context.Variables.TryGetValue(canonical, out var variable))
        {
            if (variable.Kind == VariableKind.Graphical)
            {
                context.Report(DiagnosticCodes.NotAFunction,
                    $"'{variable.Name}' is a graphical function and needs an input", scope, name.Span,
                    $"write {ExprPrinter.FormatName(variable.Name)}(x)");
                return null;
            }
            return Reference(variable);
        }
        if (context.Dimensions.TryGetValue(canonical, out var dimension))
        {
            if (scope.IndexIn(dimension) is int index) return ArrayValue.Scalar(new BConst(index + 1));
            context.Report(DiagnosticCodes.DimensionMismatch,
                $"the dimension '{dimension.Name}' is used as a value, but '{scope.Variable.Name}' is not arrayed over it",
                scope, name.Span, "a dimension name stands for the current element's position only inside variables arrayed over it");
            return null;
        }
        if (BuiltinCatalog.Find(canonical) is { } builtin)
        {
            if (builtin.Category == BuiltinCategory.Constant) return ArrayValue.Scalar(Constant(builtin));
            context.Report(DiagnosticCodes.NotAFunction, $"'{builtin.Name}' is a function and needs arguments", scope, name.Span,
                $"write {builtin.Name}(...): {builtin.Summary}");
            return null;
        }
        ReportUnknownVariable(name.Name, name.Span);
        return null;
    }

    private void ReportUnknownVariable(string written, TextSpan span)
    {
        if (context.Unreadable.Contains(Identifier.Canonical(written))) return; // its own definition's error is the root cause
        var candidates = context.VariableNames.Concat(BuiltinCatalog.All.Where(b => b.Category == BuiltinCategory.Constant).Select(b => b.Name));
        string? suggestion = NameSuggester.Suggest(written, candidates);
        context.Report(DiagnosticCodes.UnknownVariable,
            $"unknown variable '{written}' in the equation of '{scope.Variable.Name}'", scope, span,
            suggestion is not null ? $"did you mean '{suggestion}'?" : "define it in \"variables\", or check the spelling");
    }

    private static BoundExpr Constant(BuiltinSignature builtin) =>
        builtin.Time is { } t ? new BTime(t) : new BConst(builtin.Value ?? 0);

    /// <summary>
    /// A variable written without subscripts: its dimensions follow the current element by name (a
    /// dimension repeated, as in D x D, matches the defining variable's in order), or stay free.
    /// <paramref name="transposed"/> reads it with its dimensions reversed (XMILE's <c>A'</c>).
    /// </summary>
    private ArrayValue Reference(BoundVariable variable, Func<int, BoundExpr>? item = null, bool transposed = false)
    {
        var dims = variable.Dimensions;
        var view = transposed ? dims.Reverse().ToImmutableArray() : dims;
        var choices = new SubscriptChoice[dims.Length];
        for (int q = 0; q < view.Length; q++)
        {
            var d = view[q];
            int occurrence = 0;
            for (int earlier = 0; earlier < q; earlier++)
                if (view[earlier] == d) occurrence++;
            choices[transposed ? dims.Length - 1 - q : q] = scope.IndexIn(d, occurrence) is int i
                ? SubscriptChoice.Fixed(i)
                : SubscriptChoice.Free(d, Enumerable.Range(0, d.Size).ToArray());
        }
        return Select(variable, choices, item ?? ElementOf(variable));
    }

    /// <summary>A' (parsed as TRANSPOSE(A)): an arrayed variable read with its dimensions in reverse order.</summary>
    private ArrayValue? BindTranspose(CallExpr call)
    {
        if (call.Arguments[0] is NameExpr name && context.Variables.TryGetValue(name.Canonical, out var variable)
            && variable.Dimensions.Length > 0 && variable.Kind != VariableKind.Graphical)
            return Reference(variable, transposed: true);
        context.Report(DiagnosticCodes.InvalidArgument, "' (transposition) applies to the name of an arrayed variable, e.g. A'",
            scope, call.Arguments[0].Span, "to reorder a subscripted slice, subscript with dimension names or positions: A[N, M], A[@2, @1]");
        return null;
    }

    private static Func<int, BoundExpr> ElementOf(BoundVariable variable) => flat => new BRef(variable.Elements[flat]);

    private static Func<int, BoundExpr> TableOf(BoundVariable variable) => flat => new BConst(variable.Tables[flat]);

    private ArrayValue? BindCall(CallExpr call)
    {
        var builtin = BuiltinCatalog.Find(call.Function.Name);
        if (builtin is null) return BindUserFunction(call);
        int n = call.Arguments.Length;
        if (n < builtin.MinArgs || n > builtin.MaxArgs)
        {
            context.Report(DiagnosticCodes.WrongArgumentCount,
                $"{builtin.Name} takes {builtin.ArityText} argument{(builtin.MaxArgs == 1 ? "" : "s")} but {n} {(n == 1 ? "is" : "are")} given",
                scope, call.Span, builtin.Summary);
            return null;
        }
        switch (builtin.Category)
        {
            case BuiltinCategory.Constant:
                return ArrayValue.Scalar(Constant(builtin));
            case BuiltinCategory.Math when builtin.OneArgumentFold is { } fold && n == 1:
                return Reduce(call, (FoldOperation)BuiltinCatalog.Find(fold)!.Operation!);
            case BuiltinCategory.Math:
            {
                var args = BindAll(call.Arguments);
                return args is null ? null : Zip(call, args, a => new BCall(builtin.Operation!, WithDefaults(builtin, a)));
            }
            case BuiltinCategory.Conditional:
            {
                var args = BindAll(call.Arguments);
                return args is null ? null : Zip(call, args, a => new BIf(a[0], a[1], a[2]));
            }
            case BuiltinCategory.ActiveInitial:
            {
                var args = BindAll(call.Arguments);
                return args is null ? null : Zip(call, args, a => new BActiveInitial(a[0], a[1]));
            }
            case BuiltinCategory.Init:
                return Bind(call.Arguments[0])?.Map(x => new BInit(x));
            case BuiltinCategory.Previous:
            {
                var args = BindAll(call.Arguments);
                if (args is null) return null;
                return n == 1
                    ? args[0].Map(x => new BPrevious(x, x))
                    : Zip(call, args, a => new BPrevious(a[0], a[1]));
            }
            case BuiltinCategory.Reduction when builtin.Operation is null: // SIZE
            {
                var arg = Bind(call.Arguments[0]);
                return arg is null ? null : ArrayValue.Scalar(new BConst(arg.Items.Length));
            }
            case BuiltinCategory.Reduction:
                return Reduce(call, (FoldOperation)builtin.Operation);
            case BuiltinCategory.Lookup:
                return BindLookup(call, builtin.Operation!);
            case BuiltinCategory.Memory:
                return BindMemory(call, builtin);
            case BuiltinCategory.Pipeline:
                return BindPipeline(call, builtin);
            case BuiltinCategory.Random:
                return BindRandom(call, builtin);
            case BuiltinCategory.Transpose:
                return BindTranspose(call);
            case BuiltinCategory.Rank:
                return BindRank(call);
            case BuiltinCategory.MatrixInverse:
                return BindInverse(call);
            case BuiltinCategory.VectorSelect:
                return BindVectorSelect(call);
            case BuiltinCategory.ElementMap:
                return BindElementMap(call);
            case BuiltinCategory.AllocateAvailable or BuiltinCategory.AllocateByPriority:
                return BindAllocation(call, builtin);
            case BuiltinCategory.LookupArea:
                return BindLookupArea(call);
            case BuiltinCategory.VectorRank or BuiltinCategory.VectorSortOrder or BuiltinCategory.VectorReorder:
                return BindVectorOrder(call, builtin);
            default:
                context.Report(DiagnosticCodes.UnknownFunction, $"{builtin.Name} is not supported yet", scope, call.Function.Span);
                return null;
        }
    }

    /// <summary>The arguments given, then the defaults of the operands left out (PULSE(m, first) is PULSE(m, first, 0)).</summary>
    private static ImmutableArray<BoundExpr> WithDefaults(BuiltinSignature builtin, BoundExpr[] given)
    {
        int arity = builtin.Operation!.Arity;
        if (given.Length >= arity) return ImmutableArray.Create(given);
        var all = ImmutableArray.CreateBuilder<BoundExpr>(arity);
        all.AddRange(given);
        for (int k = given.Length; k < arity; k++) all.Add(new BConst(builtin.Defaults[k - (arity - builtin.Defaults.Length)]));
        return all.MoveToImmutable();
    }

    private List<ArrayValue>? BindAll(IEnumerable<Expr> args)
    {
        var result = new List<ArrayValue>();
        bool ok = true;
        foreach (var a in args)
        {
            var v = Bind(a);
            if (v is null) ok = false;
            else result.Add(v);
        }
        return ok ? result : null;
    }

    /// <summary>SUM(x[*]), MEAN(a, b, c)...: every free element of every argument, reduced to one value.</summary>
    private ArrayValue? Reduce(CallExpr call, FoldOperation op)
    {
        var args = BindAll(call.Arguments);
        if (args is null) return null;
        var items = args.SelectMany(a => a.Items).ToImmutableArray();
        return ArrayValue.Scalar(items.Length == 1 && op != Operations.StdDev ? items[0] : new BReduce(op, items));
    }

    /// <summary>f(x) where f is a graphical function (or an auxiliary with a graph).</summary>
    private ArrayValue? BindUserFunction(CallExpr call)
    {
        if (context.Variables.TryGetValue(call.Function.Canonical, out var variable))
        {
            if (variable.Tables.Count == 0)
            {
                context.Report(DiagnosticCodes.NotAFunction, $"'{variable.Name}' is not a graphical function, so it cannot be called",
                    scope, call.Function.Span, "only graphical functions take an input in parentheses");
                return null;
            }
            if (call.Arguments.Length != 1)
            {
                context.Report(DiagnosticCodes.WrongArgumentCount,
                    $"the graphical function '{variable.Name}' takes 1 argument but {call.Arguments.Length} are given", scope, call.Span);
                return null;
            }
            var input = Bind(call.Arguments[0]);
            var tables = Reference(variable, TableOf(variable));
            if (input is null || tables is null) return null;
            return Zip(call, [tables, input], a => new BLookup((int)((BConst)a[0]).Value, a[1], Operations.Lookup));
        }
        var candidates = BuiltinCatalog.All.Where(b => b.Category != BuiltinCategory.Constant).Select(b => b.Name)
            .Concat(context.Variables.Values.Where(v => v.Tables.Count > 0).Select(v => v.Name));
        string? suggestion = NameSuggester.Suggest(call.Function.Name, candidates);
        context.Report(DiagnosticCodes.UnknownFunction, $"unknown function '{call.Function.Name}'", scope, call.Function.Span,
            suggestion is not null ? $"did you mean '{suggestion}'?" : "see docs/builtins.md for the functions the language has");
        return null;
    }

    private ArrayValue? BindLookup(CallExpr call, Operation mode)
    {
        var tables = BindTables(call.Arguments[0]);
        if (tables is null) return null;
        var input = Bind(call.Arguments[1]);
        if (tables is null || input is null) return null;
        return Zip(call, [tables, input], a => new BLookup((int)((BConst)a[0]).Value, a[1], mode));
    }

    /// <summary>A graphical function named as an argument (<c>f</c>, <c>f[a]</c>): the numbers of its tables, as constants.</summary>
    private ArrayValue? BindTables(Expr target)
    {
        NameExpr? name = target switch { NameExpr n => n, SubscriptExpr s => s.Target, _ => null };
        if (name is null || !context.Variables.TryGetValue(name.Canonical, out var variable) || variable.Tables.Count == 0)
        {
            context.Report(DiagnosticCodes.InvalidArgument, "the first argument must name a graphical function", scope, target.Span);
            return null;
        }
        return target is SubscriptExpr sub ? BindSubscripted(sub, TableOf(variable)) : Reference(variable, TableOf(variable));
    }
}
