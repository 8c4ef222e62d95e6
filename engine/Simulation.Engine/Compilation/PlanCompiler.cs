using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Checking;
using Simulation.Engine.Ops;

namespace Simulation.Engine.Compilation;

/// <summary>
/// Compiles a checked model into an <see cref="EvaluationPlan"/>: assigns slots, then emits each
/// element's equation into the section where it belongs (once per run, at the initial time, or
/// every step) in dependency order, followed by each stock's net rate.
/// </summary>
public static class PlanCompiler
{
    /// <param name="parameters">Elements whose values each run supplies (scenario inputs); they must be time-invariant.</param>
    /// <param name="variants">When the model holds several variants chosen by a parameter (<see cref="PlanVariants"/>): which, so that each
    /// variant's runs give the bits of its own plan.</param>
    public static EvaluationPlan Compile(BoundModel model, ModelAnalysis analysis, IReadOnlyList<int>? parameters = null, PlanVariants? variants = null)
    {
        parameters ??= [];
        var elements = model.Elements;
        var parameterSet = parameters.ToHashSet();
        var equations = elements.Select(e => e.Equation is null ? null : ConstantFolder.Fold(e.Equation, model)).ToArray();
        var stocks = elements.Where(e => e.Kind == ElementKind.Stock).ToList();
        int stockBase = 1, rateBase = stockBase + stocks.Count;
        var slots = new int[elements.Length];
        for (int i = 0; i < stocks.Count; i++) slots[stocks[i].Id] = stockBase + i;
        // An element that only repeats another (aging in = aging[Age.prev, ...]) shares its slot: no copy each step.
        var aliases = new HashSet<int>();
        int next = rateBase + stocks.Count;
        foreach (int id in analysis.RatesOrder)
        {
            if (equations[id] is BRef r && !parameterSet.Contains(id))
            {
                slots[id] = slots[r.Element];
                aliases.Add(id);
            }
            else slots[id] = next++;
        }

        var code = new CodeBuffer(next);
        var stages = new ElementStages(model, analysis, parameterSet, equations, variants);
        var emitter = new ExpressionEmitter(code, model, slots, stages);
        var parameterIndex = parameters.Select((id, k) => (id, k)).ToDictionary(p => p.id, p => p.k);

        // Once per run: parameters and everything that depends only on constants and parameters.
        foreach (int id in analysis.RatesOrder)
        {
            if (stages.Of(id) != Stage.Setup || aliases.Contains(id)) continue;
            if (parameterIndex.TryGetValue(id, out int k))
                code.Setup.Add(new Instruction(Operations.Param, slots[id], Aux: k));
            else
                emitter.EmitInto(equations[id]!, slots[id], EmitMode.Setup, code.Setup);
        }
        // At the initial time: everything else, stocks taking their initial values.
        foreach (int id in analysis.InitialOrder)
        {
            var e = elements[id];
            if (aliases.Contains(id) || (e.Kind != ElementKind.Stock && stages.Of(id) == Stage.Setup)) continue;
            emitter.EmitInto(equations[id]!, slots[id], EmitMode.Initial, code.Initial);
        }
        // Every evaluation: what changes, then each stock's net rate.
        foreach (int id in analysis.RatesOrder)
            if (stages.Of(id) == Stage.Varying && !aliases.Contains(id))
                emitter.EmitInto(equations[id]!, slots[id], EmitMode.Rates, code.Rates);
        bool IsZero(int flow) => !parameterSet.Contains(flow) && equations[flow] is BConst { Value: 0 };
        for (int i = 0; i < stocks.Count; i++)
            EmitNetRate(stocks[i], rateBase + i, slots, code, IsZero);

        return new EvaluationPlan
        {
            SlotCount = code.SlotCount,
            StockBase = stockBase,
            StockCount = stocks.Count,
            RateBase = rateBase,
            Setup = code.Setup.ToImmutableArray(),
            Initial = code.Initial.Concat(code.AfterInitial).ToImmutableArray(),
            Rates = code.Rates.ToImmutableArray(),
            Capture = code.Capture.ToImmutableArray(),
            Commit = code.Commit.ToImmutableArray(),
            ArgumentPool = code.Pool.ToImmutableArray(),
            Tables = model.Tables,
            NonNegativeStocks = stocks.Select((s, i) => (s, i)).Where(p => p.s.NonNegative).Select(p => p.i).ToImmutableArray(),
            ElementSlots = slots.ToImmutableArray(),
            Parameters = parameters.ToImmutableArray(),
            ParameterDefaults = parameters.Select(id => DefaultValue(model, analysis, id)).ToImmutableArray(),
            Time = model.Time,
            Model = model,
            PipelineCount = emitter.PipelineCount,
            RandomSiteCount = emitter.RandomSiteCount,
            RandomSiteSeeds = emitter.RandomSiteSeeds,
        };
    }

    /// <summary>net = in1 + in2 + ... - out1 - out2 ..., summed in that order (flows that are always zero left out).</summary>
    private static void EmitNetRate(ModelElement stock, int rateSlot, int[] slots, CodeBuffer code, Func<int, bool> isZero)
    {
        var terms = stock.Inflows.Where(f => !isZero(f)).Select(f => (slots[f], Operations.Add))
            .Concat(stock.Outflows.Where(f => !isZero(f)).Select(f => (slots[f], Operations.Sub))).ToList();
        if (terms.Count == 0)
        {
            code.Setup.Add(new Instruction(Operations.Const, rateSlot, Imm: 0));
            return;
        }
        var (first, firstOp) = terms[0];
        if (terms.Count == 1)
        {
            code.Rates.Add(new Instruction(firstOp == Operations.Add ? Operations.Copy : Operations.Neg, rateSlot, first));
            return;
        }
        var (second, secondOp) = terms[1];
        code.Rates.Add(firstOp == Operations.Add
            ? new Instruction(secondOp, rateSlot, first, second)
            : new Instruction(Operations.Sub, rateSlot, code.Constant(0), first));
        if (firstOp != Operations.Add) code.Rates.Add(new Instruction(Operations.Sub, rateSlot, rateSlot, second));
        foreach (var (slot, op) in terms.Skip(2))
            code.Rates.Add(new Instruction(op, rateSlot, rateSlot, slot));
    }

    /// <summary>A parameter's own value when a run does not supply one: its equation, evaluated with the model's defaults.</summary>
    private static double DefaultValue(BoundModel model, ModelAnalysis analysis, int element)
    {
        var evaluator = new ConstantEvaluator(model, analysis.TimeInvariant);
        return model.Elements[element].Equation is { } eq ? evaluator.Evaluate(eq) ?? double.NaN : double.NaN;
    }
}
