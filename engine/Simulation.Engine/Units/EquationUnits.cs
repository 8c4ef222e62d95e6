using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Ops;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Units;

/// <summary>
/// Works out the units of one equation from its operands, by each operation's and builtin's <see cref="UnitRule"/>,
/// and reports where the rules are broken (unlike units added, an argument in the wrong units) at the span written.
/// One problem per equation is reported, the first in reading order, with a count of the others: after a mismatch the
/// units carried on are a guess, so later terms of the same sum would repeat it (a sum of 20,000 unlike terms gave
/// 20,000 warnings, and printing them took minutes).
/// </summary>
internal sealed class EquationUnits(UnitContext context, EquationSource source, string variable)
{
    private (string Code, string Message, TextSpan Span, string? Hint)? _first;
    private int _problems;

    /// <summary>The units of the whole equation; reports its first unit problem, if any.</summary>
    public UnitTerm InferEquation(Expr expr)
    {
        var term = Infer(expr);
        if (_first is var (code, message, span, hint))
        {
            string others = _problems == 1 ? "" : $" (and {_problems - 1:N0} more in this equation, not listed)";
            context.Report(code, message + others, source, span, variable, hint);
        }
        return term;
    }

    /// <summary>Keeps the problem that starts first in the equation, and counts them all.</summary>
    private void Report(string code, string message, TextSpan span, string? hint)
    {
        _problems++;
        if (_first is null || span.Start < _first.Value.Span.Start) _first = (code, message, span, hint);
    }

    private UnitTerm Infer(Expr expr) => expr switch
    {
        NumberExpr n => n.Units is null ? UnitTerm.Number : InlineUnits(n),
        NameExpr name => Named(name),
        SubscriptExpr s => context.Find(s.Target.Canonical) is { } v ? UnitTerm.Of(v.Form) : UnitTerm.Unknown,
        UnaryExpr { Operator: UnaryOperator.Plus } u => Infer(u.Operand),
        UnaryExpr u => Apply(Operations.For(u.Operator)!.Info.Units!, UnaryName(u.Operator), [u.Operand], u.Span),
        BinaryExpr { Operator: BinaryOperator.Power } b => Power(b),
        BinaryExpr b => Chain(b),
        IfExpr i => Apply(BuiltinCatalog.Find("IF_THEN_ELSE")!.Units!, "IF THEN ELSE", [i.Condition, i.Then, i.Else], i.Span),
        CallExpr call => Call(call),
        _ => UnitTerm.Unknown,
    };

    private UnitTerm InlineUnits(NumberExpr number)
    {
        var parsed = UnitParser.Parse(number.Units);
        if (parsed.Error is not null)
        {
            Report(DiagnosticCodes.UnreadableUnits, $"the units <<{number.Units}>> cannot be read: {parsed.Error}", number.Span, UnitContext.UnitsHint);
            return UnitTerm.Unknown;
        }
        return parsed.Unit is { } unit ? UnitTerm.Of(context.FormOf(unit)) : UnitTerm.Number;
    }

    private UnitTerm Named(NameExpr name)
    {
        if (context.Find(name.Canonical) is { } v) return UnitTerm.Of(v.Form);
        if (BuiltinCatalog.Find(name.Name) is { Units: { } rule }) return Apply(rule, name.Name.ToUpperInvariant(), [], name.Span);
        return context.IsDimension(name.Canonical) ? UnitTerm.Number : UnitTerm.Unknown; // a dimension as a value is a position
    }

    private UnitTerm Call(CallExpr call)
    {
        if (context.Find(call.Function.Canonical) is { } table)
            return call.Arguments.Length == 1 ? Lookup(table, Infer(call.Arguments[0]), call.Arguments[0].Span, invert: false) : UnitTerm.Unknown;
        if (BuiltinCatalog.Find(call.Function.Name) is not { Units: { } rule } builtin) return UnitTerm.Unknown;
        return Apply(rule, builtin.Name, call.Arguments, call.Span);
    }

    /// <summary>
    /// Applies a signature: each of a, b, c takes the units of the first argument that shows them, later arguments
    /// must agree (SD4001 when they only had to agree with each other, SD4004 when the rule asks for particular units).
    /// </summary>
    private UnitTerm Apply(UnitRule rule, string function, ImmutableArray<Expr> arguments, TextSpan span)
    {
        if (rule.IsPower) return Power(new BinaryExpr(BinaryOperator.Power, arguments[0], arguments[1], span));
        var terms = new UnitTerm[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
            if (rule.ArgumentAt(i).Kind != PatternKind.Table) terms[i] = Infer(arguments[i]);
        return Combine(rule, function, arguments, terms);
    }

    /// <summary>A chain a + b - c ... down its left operands in a loop, so a long one costs no stack (see <see cref="BinaryChain"/>).</summary>
    private UnitTerm Chain(BinaryExpr top)
    {
        var spine = BinaryChain.Spine(top, out var leftmost, b => b.Operator != BinaryOperator.Power);
        var left = Infer(leftmost);
        foreach (var node in spine)
        {
            var right = Infer(node.Right);
            left = Combine(Operations.For(node.Operator).Info.Units!, ExprPrinter.Symbol(node.Operator), [node.Left, node.Right], [left, right]);
        }
        return left;
    }

    private UnitTerm Combine(UnitRule rule, string function, ImmutableArray<Expr> arguments, UnitTerm[] terms)
    {
        var bindings = new Dictionary<string, UnitForm>();
        bool sawUnknown = false;
        VariableUnits? table = null;
        for (int i = 0; i < arguments.Length; i++)
        {
            var pattern = rule.ArgumentAt(i);
            if (pattern.Kind == PatternKind.Table)
            {
                table = TableNamed(arguments[i]);
                continue;
            }
            var term = terms[i];
            if (pattern.Kind == PatternKind.Any) continue;
            if (!term.IsKnown)
            {
                sawUnknown |= !term.IsNumber;
                continue;
            }
            if (pattern.Kind is PatternKind.TableX or PatternKind.TableY)
            {
                if (table is not null) Lookup(table, term, arguments[i].Span, invert: pattern.Kind == PatternKind.TableY);
                continue;
            }
            var unbound = pattern.Shape.Powers.Keys.Where(v => v != "time" && !bindings.ContainsKey(v)).ToList();
            if (unbound.Count == 1)
            {
                // arg = v^k * rest, so v = (arg / rest)^(1/k)
                string v = unbound[0];
                var rest = Evaluate(pattern.Shape, bindings, skip: v);
                bindings[v] = (term.Form! / rest).Pow(Rational.One / pattern.Shape.Powers[v]);
                continue;
            }
            foreach (var v in unbound) bindings[v] = context.Solver.NewUnknown($"'{v}' of {function}");
            var expected = Evaluate(pattern.Shape, bindings);
            if (!context.Disagree(term.Form!, expected)) continue;
            // A lone letter bound by an earlier argument: the arguments disagree with each other, rather than with the rule.
            bool onlyAgreement = pattern.Shape.Powers.Count == 1 && pattern.Shape.Powers.First() is { Key: not "time", Value: var k } && k == Rational.One;
            if (onlyAgreement)
                Report(DiagnosticCodes.UnlikeUnits,
                    $"unlike units in {Describe(function)}: {FirstWith(rule, terms, i, pattern)} and {context.Solver.Describe(term.Form!)}",
                    arguments[i].Span, "make both the same units, or convert one with a factor whose units say so");
            else
                Report(DiagnosticCodes.ArgumentUnits,
                    $"argument {i + 1} of {function} should be {context.Solver.Describe(expected)} but is {context.Solver.Describe(term.Form!)}",
                    arguments[i].Span, $"{function}'s units: {rule.Text}");
        }
        switch (rule.Result.Kind)
        {
            case PatternKind.Number:
                return UnitTerm.Number;
            case PatternKind.Unknown or PatternKind.Any:
                return UnitTerm.Unknown;
            case PatternKind.TableX or PatternKind.TableY:
                if (table is null) return UnitTerm.Unknown;
                return UnitTerm.Of(rule.Result.Kind == PatternKind.TableY ? table.Form : table.InputForm ?? context.Solver.NewUnknown("input"));
        }
        var letters = rule.Result.Shape.Powers.Keys.Where(v => v != "time").ToList();
        var missing = letters.Where(v => !bindings.ContainsKey(v)).ToList();
        if (missing.Count > 0 && sawUnknown) return UnitTerm.Unknown;
        // Only plain numbers gave the letters: a plain number still (2 * 3, ABS(-1)). Some did: the numbers are factors
        // without units (2 * Population is in people, Patients / 4 in patients).
        if (missing.Count > 0 && missing.Count == letters.Count) return UnitTerm.Number;
        foreach (var v in missing) bindings[v] = UnitForm.Of(Unit.Dimensionless);
        return UnitTerm.Of(Evaluate(rule.Result.Shape, bindings));
    }

    /// <summary>The units an argument before <paramref name="index"/> gave the same letter, for the message.</summary>
    private string FirstWith(UnitRule rule, UnitTerm[] terms, int index, UnitPattern pattern)
    {
        for (int j = 0; j < index; j++)
            if (rule.ArgumentAt(j) == pattern && terms[j].IsKnown) return context.Solver.Describe(terms[j].Form!);
        return "?";
    }

    private UnitForm Evaluate(Unit shape, Dictionary<string, UnitForm> bindings, string? skip = null)
    {
        var form = UnitForm.Of(Unit.Dimensionless);
        foreach (var (name, power) in shape.Powers)
            if (name != skip) form *= (name == "time" ? context.Time : bindings[name]).Pow(power);
        return form;
    }

    /// <summary>x^n: n must be dimensionless; with n a number written in the equation, the base's units to that power, else the base must be dimensionless.</summary>
    private UnitTerm Power(BinaryExpr power)
    {
        var baseTerm = Infer(power.Left);
        var exponent = Infer(power.Right);
        if (exponent.IsKnown && context.Disagree(exponent.Form!, UnitForm.Of(Unit.Dimensionless)))
            Report(DiagnosticCodes.ArgumentUnits, $"an exponent should be dimensionless but is {context.Solver.Describe(exponent.Form!)}",
                power.Right.Span, "divide it by a quantity in the same units");
        if (!baseTerm.IsKnown) return baseTerm;
        if (ConstantValue(power.Right) is double n && Rational.FromDouble(n) is { } r) return UnitTerm.Of(baseTerm.Form!.Pow(r));
        if (context.Disagree(baseTerm.Form!, UnitForm.Of(Unit.Dimensionless)))
            Report(DiagnosticCodes.ArgumentUnits,
                $"a power whose exponent is not a number written in the equation needs a dimensionless base, but the base is {context.Solver.Describe(baseTerm.Form!)}",
                power.Left.Span, "divide the base by a reference value in the same units, e.g. (x / x0)^e");
        return UnitTerm.Of(UnitForm.Of(Unit.Dimensionless));
    }

    /// <summary>A lookup: its input must be in the graph's x units (SD4004); the result is in its y units (the variable's).</summary>
    private UnitTerm Lookup(VariableUnits table, UnitTerm input, TextSpan span, bool invert)
    {
        var inputForm = invert ? table.Form : table.InputForm;
        var outputForm = invert ? table.InputForm : table.Form;
        if (inputForm is null || outputForm is null) return UnitTerm.Unknown;
        if (input.IsKnown && context.Disagree(input.Form!, inputForm))
            Report(DiagnosticCodes.ArgumentUnits,
                $"the graphical function '{table.Name}' reads {(invert ? "its output" : "an input")} in {context.Solver.Describe(inputForm)} but is given {context.Solver.Describe(input.Form!)}",
                span, invert ? null : $"its x units are inferred from its first use, or declared as \"xUnits\" in its graph");
        return UnitTerm.Of(outputForm);
    }

    private VariableUnits? TableNamed(Expr expr) => expr switch
    {
        NameExpr n => context.Find(n.Canonical),
        SubscriptExpr s => context.Find(s.Target.Canonical),
        _ => null,
    };

    /// <summary>The value of an exponent made of numbers only (2, -1, 1/2, 0.5), else null.</summary>
    private static double? ConstantValue(Expr expr) => expr switch
    {
        NumberExpr { Units: null } n => n.Value,
        UnaryExpr { Operator: UnaryOperator.Negate } u => -ConstantValue(u.Operand),
        UnaryExpr { Operator: UnaryOperator.Plus } u => ConstantValue(u.Operand),
        BinaryExpr { Operator: BinaryOperator.Divide } b => ConstantValue(b.Left) / ConstantValue(b.Right),
        BinaryExpr { Operator: BinaryOperator.Multiply } b => ConstantValue(b.Left) * ConstantValue(b.Right),
        BinaryExpr { Operator: BinaryOperator.Add } b => ConstantValue(b.Left) + ConstantValue(b.Right),
        BinaryExpr { Operator: BinaryOperator.Subtract } b => ConstantValue(b.Left) - ConstantValue(b.Right),
        _ => null,
    };

    private static string Describe(string function) => function switch
    {
        "+" => "an addition",
        "-" => "a subtraction",
        "=" or "<>" or "<" or "<=" or ">" or ">=" => "a comparison",
        "MOD" => "MOD",
        "IF THEN ELSE" => "the two branches of IF THEN ELSE",
        _ => $"the arguments of {function}",
    };

    private static string UnaryName(UnaryOperator op) => op == UnaryOperator.Not ? "NOT" : "-";
}
