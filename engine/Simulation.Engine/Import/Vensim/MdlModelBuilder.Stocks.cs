using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// Levels: <c>x = INTEG(rate, initial)</c> becomes a stock with the initial value as its equation.
/// When the rate is a sum and difference of variables defined over the level's own subscripts
/// (<c>births - deaths</c>), those variables are the stock's inflows and outflows, as the model's
/// diagram shows them; any other rate becomes one flow of its own, "x net flow".
/// </summary>
internal sealed partial class MdlModelBuilder
{
    private readonly Dictionary<MdlVariable, (List<MdlVariable> In, List<MdlVariable> Out)> _flows = new();

    private static MdlCall? Integ(MdlEquation e) => e.Right is MdlCall c && MdlVariable.IsCall(c, "INTEG") ? c : null;

    private void InferFlows()
    {
        foreach (var stock in _variables.Where(v => v.Role == MdlRole.Stock && v.Shape is not null))
        {
            if (stock.Equations.Count != 1) continue;
            var e = stock.Equations[0];
            if (Integ(e) is not { Arguments.Length: 2 } integ || !(stock.Shape!.IsScalar || stock.Shape.CoversAll(e, _ranges))) continue;
            var terms = new List<(MdlReference Term, bool Positive)>();
            if (!Terms(integ.Arguments[0], true, terms)) continue;
            var flows = terms.Select(t => (Variable: FlowCandidate(stock, e, t.Term), t.Positive)).ToList();
            if (flows.Any(f => f.Variable is null) || flows.Select(f => f.Variable).Distinct().Count() != flows.Count) continue;
            foreach (var (variable, _) in flows) variable!.IsFlow = true;
            _flows[stock] = (flows.Where(f => f.Positive).Select(f => f.Variable!).ToList(), flows.Where(f => !f.Positive).Select(f => f.Variable!).ToList());
        }
    }

    /// <summary>Splits a rate into signed terms; false when a term is not a plain reference.</summary>
    private static bool Terms(Expr expr, bool positive, List<(MdlReference, bool)> terms)
    {
        switch (expr)
        {
            case BinaryExpr { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
                return Terms(b.Left, positive, terms) && Terms(b.Right, b.Operator == BinaryOperator.Add ? positive : !positive, terms);
            case UnaryExpr { Operator: UnaryOperator.Negate } u:
                return Terms(u.Operand, !positive, terms);
            case UnaryExpr { Operator: UnaryOperator.Plus } u:
                return Terms(u.Operand, positive, terms);
            case MdlParenthesized p:
                return Terms(p.Inner, positive, terms);
            case MdlReference r:
                terms.Add((r, positive));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The variable a rate term names, when it can be a flow of the level: an auxiliary over the same subscripts, not yet another level's flow.</summary>
    private MdlVariable? FlowCandidate(MdlVariable stock, MdlEquation e, MdlReference term)
    {
        if (!_byName.TryGetValue(Identifier.Canonical(term.Name), out var variable) || variable.Role != MdlRole.Auxiliary || variable.IsFlow
            || variable.Shape is null || !variable.Shape.Dimensions.SequenceEqual(stock.Shape!.Dimensions))
            return null;
        var written = e.Left.Subscripts;
        if (term.Subscripts.Length != written.Length) return null;
        for (int k = 0; k < written.Length; k++)
            if (term.Subscripts[k].Bang || Identifier.Canonical(term.Subscripts[k].Name) != Identifier.Canonical(written[k].Name)
                || !string.Equals(Identifier.Canonical(written[k].Name), stock.Shape.Dimensions[k].Canonical, StringComparison.Ordinal))
                return null;
        return variable;
    }

    private IEnumerable<VariableDefinition> LowerStock(MdlVariable stock, VariableDefinition info)
    {
        foreach (var e in stock.Equations)
            if (Integ(e) is { } call && call.Arguments.Length != 2)
            {
                _model.Report(DiagnosticCodes.WrongArgumentCount, $"INTEG takes 2 arguments (rate, initial value) but {call.Arguments.Length} are given",
                    e.Record.Equation, call.Span, stock.Name);
                return [];
            }
        var initial = Equations(stock, e => Integ(e)!.Arguments[1]);
        var result = info with { Kind = VariableKind.Stock, Equation = initial.Equation, Elements = initial.Elements };
        if (_flows.TryGetValue(stock, out var flows))
            return [result with
            {
                Inflows = flows.In.Select(f => new NameReference(f.Name, info.Location)).ToImmutableArray(),
                Outflows = flows.Out.Select(f => new NameReference(f.Name, info.Location)).ToImmutableArray(),
            }];
        string name = _model.UniqueName($"{stock.Name} net flow");
        var rate = Equations(stock, e => Integ(e)!.Arguments[0]);
        var flow = info with
        {
            Name = name,
            Kind = VariableKind.Flow,
            Equation = rate.Equation,
            Elements = rate.Elements,
            Units = null,
            Documentation = $"The rate of change of {stock.Name}, as its INTEG equation writes it.",
        };
        return [result with { Inflows = [new NameReference(name, info.Location)] }, flow];
    }
}
