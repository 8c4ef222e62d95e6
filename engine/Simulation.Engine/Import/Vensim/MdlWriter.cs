using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// The element an equation is being written for, when a Vensim equation is written out element by
/// element: for each position of its left-hand side, the range written there (null for an element),
/// and the current element's position in it.
/// </summary>
internal sealed record MdlElementBinding(ImmutableArray<(MdlRange? Range, int Position, string Element)> Positions);

/// <summary>
/// Writes a Vensim expression in our equation language, keeping each piece at the file offset of the
/// Vensim text it came from (so diagnostics about the imported equation point into the .mdl file).
/// Operators are parenthesised as our precedence needs; Vensim's builtins are written as ours
/// (<see cref="MdlFunctions"/>); subscripts reduced with <c>Dim!</c> become <c>*:Dim</c>. Given an
/// element binding, ranges named on the right-hand side become the corresponding elements (through
/// subranges and mappings, as Vensim matches them), and ranges used as values become the element's
/// position in its main range.
/// </summary>
internal sealed class MdlWriter(MdlModelContext model, EquationSource source, string variable, MdlElementBinding? binding)
{
    private readonly SourcedText _out = new();

    public MdlModelContext Model { get; } = model;
    public EquationSource Source { get; } = source;
    public string Variable { get; } = variable;

    public EquationSource Finish() => _out.ToEquation(Source.File);

    public void Text(string text, TextSpan at) => _out.Append(text, Source.FileOffsetOf(at.Start));

    public void Write(Expr expr, int context = 0)
    {
        int level = LevelOf(expr);
        bool parens = level < context;
        if (parens) Text("(", expr.Span);
        switch (expr)
        {
            case NumberExpr n:
                Text(ExprPrinter.FormatNumber(n.Value), n.Span);
                break;
            case MdlNa na:
                Text(ExprPrinter.FormatNumber(MdlModelContext.NotAvailable), na.Span);
                break;
            case MdlString s:
                Model.Report(DiagnosticCodes.UnsupportedVensimFeature, "a string is only allowed as an argument of a GET function", Source, s.Span, Variable);
                Text("0", s.Span);
                break;
            case MdlParenthesized p:
                Text("(", p.Span);
                Write(p.Inner);
                Text(")", TextSpan.FromBounds(p.Span.End - 1, p.Span.End));
                break;
            case MdlReference r:
                Reference(r);
                break;
            case MdlCall call:
                Model.Functions.Write(this, call);
                break;
            case UnaryExpr u:
                Text(u.Operator switch { UnaryOperator.Negate => "-", UnaryOperator.Plus => "+", _ => "NOT " }, u.Span);
                Write(u.Operand, u.Operator == UnaryOperator.Not ? ExprPrinter.PrimaryLevel : ExprPrinter.UnaryLevel);
                break;
            case BinaryExpr b:
                Binary(b, level);
                break;
            case MdlLookupLiteral l:
                Model.Report(DiagnosticCodes.UnsupportedVensimFeature, "a lookup table written in place can only be an argument of WITH LOOKUP", Source, l.Span, Variable);
                Text("0", l.Span);
                break;
        }
        if (parens) Text(")", TextSpan.FromBounds(expr.Span.End - 1, expr.Span.End));
    }

    private void Binary(BinaryExpr b, int level)
    {
        // Vensim's comparisons are one level, left-associative; ours put = and <> below the others, so a comparison's
        // operands are written at the additive level: a comparison inside a comparison is always parenthesised.
        bool comparison = b.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less
            or BinaryOperator.LessEqual or BinaryOperator.Greater or BinaryOperator.GreaterEqual;
        int operands = comparison ? ExprPrinter.LevelOf(BinaryOperator.Add) : level;
        int left = b.Operator == BinaryOperator.Power ? ExprPrinter.PrimaryLevel : operands;
        int right = b.Operator == BinaryOperator.Power ? ExprPrinter.UnaryLevel : comparison ? operands : level + 1;
        Write(b.Left, left);
        Text($" {ExprPrinter.Symbol(b.Operator)} ", b.Left.Span.End < b.Right.Span.Start ? TextSpan.FromBounds(b.Left.Span.End, b.Right.Span.Start) : b.Span);
        Write(b.Right, right);
    }

    /// <summary>Our precedence (<see cref="ExprPrinter.LevelOf(Expr)"/>), with :NA: and negative numbers written as negations.</summary>
    private static int LevelOf(Expr expr) => expr switch
    {
        MdlNa => ExprPrinter.UnaryLevel,
        NumberExpr n when n.Value < 0 || double.IsNegative(n.Value) => ExprPrinter.UnaryLevel,
        _ => ExprPrinter.LevelOf(expr),
    };

    /// <summary>A name: a variable (maybe subscripted), a range used as a value, Time or a control variable.</summary>
    private void Reference(MdlReference r)
    {
        if (r.Subscripts.IsEmpty)
        {
            if (Model.Ranges.Find(r.Name) is { } range)
            {
                RangeAsValue(range, r);
                return;
            }
            if (Model.BuiltinName(r.Name) is { } builtin)
            {
                Text(builtin, r.Span);
                return;
            }
            if (!Model.IsDeclared(r.Name) && Model.Ranges.MainRangeOf(r.Name) is { } main)
            {
                // An element used as a value is its position in its main range.
                Text((main.IndexOf(r.Name) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Span);
                return;
            }
        }
        Name(r.Name, r.NameSpan);
        Subscripts(r.Subscripts);
    }

    public void Name(string name, TextSpan at) => Text(Model.Format(Model.DisplayName(name)), at);

    /// <summary>A range used as a value: the current element's position in its main range.</summary>
    private void RangeAsValue(MdlRange range, MdlReference r)
    {
        if (binding is not null && Resolve(range) is { } element)
        {
            int position = range.Main.IndexOf(element) + 1;
            Text(position.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Span);
            return;
        }
        Text(Model.Format(range.Name), r.Span);
    }

    public void Subscripts(ImmutableArray<MdlSubscript> subscripts)
    {
        if (subscripts.IsEmpty) return;
        Text("[", subscripts[0].Span);
        for (int i = 0; i < subscripts.Length; i++)
        {
            var s = subscripts[i];
            if (i > 0) Text(", ", s.Span);
            var range = Model.Ranges.Find(s.Name);
            if (s.Bang && range is not null)
                Text("*:" + Model.Format(range.Name), s.Span);
            else if (range is not null && binding is not null && Resolve(range) is { } element)
                Text(Model.Format(element), s.Span);
            else
                Text(Model.Format(range?.Name ?? ElementName(s.Name)), s.Span);
        }
        Text("]", subscripts[^1].Span);
    }

    private string ElementName(string written) =>
        Model.Ranges.MainRangeOf(written) is { } main ? main.Elements[main.IndexOf(written)] : written;

    /// <summary>The element of <paramref name="range"/> that the current element selects: the range itself first, then mappings, then shared elements.</summary>
    private string? Resolve(MdlRange range)
    {
        var positions = binding!.Positions;
        foreach (var (written, position, _) in positions)
            if (written == range) return range.Elements[position];
        foreach (var (written, position, _) in positions)
            if (written is not null && written != range && Model.Ranges.Correspond(written, position, range) is { } e) return e;
        foreach (var (written, _, element) in positions)
            if (written is null && range.Contains(element)) return range.Elements[range.IndexOf(element)];
        return null;
    }

    /// <summary>Writes a call's arguments in order, separated by commas, from <paramref name="at"/>.</summary>
    public void Call(string name, TextSpan at, IEnumerable<Expr> arguments)
    {
        Text(name + "(", at);
        bool first = true;
        foreach (var argument in arguments)
        {
            if (!first) Text(", ", argument.Span);
            first = false;
            Write(argument);
        }
        Text(")", TextSpan.FromBounds(Math.Max(at.Start, at.End - 1), at.End));
    }
}
