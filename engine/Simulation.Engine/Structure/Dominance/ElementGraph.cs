using System.Collections.Immutable;
using Simulation.Engine.Binding;
using Simulation.Engine.Checking;

namespace Simulation.Engine.Structure.Dominance;

/// <summary>A causal link between two model elements: the effect's equation reads the cause, or the cause is a flow of the effect (a stock).</summary>
public sealed record ElementLink(int From, int To, bool IsFlow, bool IsOutflow);

/// <summary>
/// The causal graph of a model's elements, as the run computes them: each element of an arrayed variable is its own
/// node, and the stocks and flows by which builtins with memory (SMTH, DELAY3...) are expanded are nodes too, so a
/// loop through a smooth passes through its stock. Links are those an element's equation reads at every step (not
/// inside INIT, PREVIOUS or DELAY FIXED, which hold saved values) and those from flows to their stocks. This is the
/// graph on which loop dominance is computed (<see cref="LoopDominance"/>).
/// </summary>
public sealed class ElementGraph
{
    private ElementGraph(BoundModel model, ImmutableArray<ImmutableArray<ElementLink>> inputs)
    {
        Model = model;
        Inputs = inputs;
    }

    public BoundModel Model { get; }

    /// <summary>Per element, the links into it.</summary>
    public ImmutableArray<ImmutableArray<ElementLink>> Inputs { get; }

    public int Count => Inputs.Length;

    /// <summary>Per element, the elements it affects (sorted, distinct): the adjacency <see cref="FeedbackLoops.Circuits"/> walks.</summary>
    public int[][] Successors()
    {
        var successors = Enumerable.Range(0, Count).Select(_ => new SortedSet<int>()).ToArray();
        foreach (var links in Inputs)
            foreach (var link in links)
                successors[link.From].Add(link.To);
        return successors.Select(s => s.ToArray()).ToArray();
    }

    /// <summary>The link from <paramref name="from"/> into <paramref name="to"/>.</summary>
    public ElementLink Link(int from, int to) => Inputs[to].First(l => l.From == from);

    /// <summary>The name a person knows an element by: its own, or for a builtin's hidden element, its variable's.</summary>
    public string NameOf(int element)
    {
        var e = Model.Elements[element];
        return e.IsHidden ? e.Variable.Name : e.DisplayName;
    }

    public static ElementGraph Build(BoundModel model)
    {
        var inputs = new ImmutableArray<ElementLink>[model.Elements.Length];
        foreach (var element in model.Elements)
        {
            var links = new List<ElementLink>();
            if (element.Kind == ElementKind.Stock)
            {
                links.AddRange(element.Inflows.Distinct().Select(f => new ElementLink(f, element.Id, true, false)));
                links.AddRange(element.Outflows.Distinct().Select(f => new ElementLink(f, element.Id, true, true)));
            }
            else if (element.Equation is { } equation)
                links.AddRange(References.Of(equation, Phase.Rates).Distinct().Where(r => r != element.Id).Select(r => new ElementLink(r, element.Id, false, false)));
            inputs[element.Id] = [.. links];
        }
        return new ElementGraph(model, [.. inputs]);
    }
}
