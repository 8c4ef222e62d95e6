using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Binding;

/// <summary>
/// The one resolver of names as users type them outside equations, in <c>--set</c>, <c>--vars</c>, design table
/// columns, experiments (and calibration and the levers app, through the same seam): <c>Name</c> (a variable, all its
/// elements), <c>Name[elem]</c>, <c>Name[elem, *]</c> (<c>*</c> for every element of a dimension) and
/// <c>Name[Subrange]</c>. Names compare as in equations (case and spaces or underscores do not matter). What a use may
/// do with the variable (set it, sample it, save it) is the caller's rule; this finds what the name names.
/// </summary>
public sealed class NameResolver(BoundModel model)
{
    /// <summary>Resolves <paramref name="text"/> (<c>Admission Rate[65+, *]</c>).</summary>
    public NameResolution Resolve(string text)
    {
        var (name, subscript) = Split(text);
        return Resolve(text, name, subscript);
    }

    /// <summary>Resolves a name already split from its subscript entries (<paramref name="text"/> as written, for messages).</summary>
    public NameResolution Resolve(string text, string name, ImmutableArray<string> subscript)
    {
        var variable = model.FindVariable(name);
        if (variable is null) return NameResolution.Failed(NameProblem.UnknownVariable, $"the model has no variable '{name}'", null);
        var dims = variable.Dimensions;
        if (subscript.IsDefaultOrEmpty)
            return new NameResolution(variable, Enumerable.Range(0, Math.Max(1, variable.ElementCount)).ToImmutableArray(), NameProblem.None, null, null);
        if (subscript.Length != dims.Length)
            return NameResolution.Failed(NameProblem.UnknownElement,
                dims.Length == 0
                    ? $"'{variable.Name}' is not arrayed, so it takes no subscript"
                    : $"'{text.Trim()}' names {subscript.Length} element{(subscript.Length == 1 ? "" : "s")}, but '{variable.Name}' has {dims.Length} dimension{(dims.Length == 1 ? "" : "s")} ({string.Join(", ", dims)})",
                dims.Length == 0 ? $"write '{variable.Name}'" : "separate the elements with commas, one per dimension");
        var choices = new List<int[]>();
        for (int k = 0; k < dims.Length; k++)
        {
            if (Choose(dims[k], subscript[k]) is not { } chosen)
            {
                string? s = NameSuggester.Suggest(subscript[k], dims[k].Elements);
                return NameResolution.Failed(NameProblem.UnknownElement, $"'{subscript[k]}' is not an element of {dims[k].Name} (in '{text.Trim()}')",
                    s is not null ? $"did you mean '{s}'?" : $"{dims[k].Name} has: {string.Join(", ", dims[k].Elements)}");
            }
            choices.Add(chosen);
        }
        var positions = ImmutableArray.CreateBuilder<int>();
        foreach (var indices in Binder.Positions(dims))
        {
            bool match = true;
            for (int k = 0; k < dims.Length && match; k++) match = choices[k].Contains(indices[k]);
            if (match) positions.Add(variable.FlatIndex(indices.AsSpan()));
        }
        return new NameResolution(variable, positions.ToImmutable(), NameProblem.None, null, null);
    }

    /// <summary>
    /// An element by the name output files give it (<c>Pop[65-74,Q1]</c>, or a hidden element's generated name), for
    /// names that are not a variable with a subscript; null when none has it.
    /// </summary>
    public ModelElement? ElementNamed(string text)
    {
        string canonical = Identifier.Canonical(text.Replace(", ", ","));
        return model.Elements.FirstOrDefault(e => Identifier.Canonical(e.DisplayName) == canonical);
    }

    /// <summary>Splits <c>name[a, b]</c> into the name and the subscript entries (trimmed); no brackets, no entries.</summary>
    public static (string Name, ImmutableArray<string> Subscript) Split(string text)
    {
        string trimmed = text.Trim();
        int open = trimmed.IndexOf('[');
        if (open > 0 && trimmed.EndsWith(']'))
            return (trimmed[..open].Trim(), trimmed[(open + 1)..^1].Split(',').Select(s => s.Trim()).ToImmutableArray());
        return (trimmed, ImmutableArray<string>.Empty);
    }

    /// <summary>Splits a comma-separated list of names, keeping the commas inside brackets (<c>a, b[x, y]</c> is two names).</summary>
    public static IReadOnlyList<string> SplitList(string text)
    {
        var names = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ',';
            if (c == '[') depth++;
            else if (c == ']') depth = Math.Max(0, depth - 1);
            else if (c == ',' && depth == 0)
            {
                string name = text[start..i].Trim();
                if (name.Length > 0) names.Add(name);
                start = i + 1;
            }
        }
        return names;
    }

    /// <summary>Indices of a dimension that a subscript entry names: one element, all (*), or a subrange's.</summary>
    private int[]? Choose(Dimension dimension, string entry)
    {
        if (entry == "*") return Enumerable.Range(0, dimension.Size).ToArray();
        int i = dimension.IndexOf(entry);
        if (i >= 0) return [i];
        var sub = model.Dimensions.FirstOrDefault(d => d.Canonical == Identifier.Canonical(entry));
        if (sub is null || sub.Root != dimension.Root) return null;
        return Enumerable.Range(0, dimension.Size).Where(j => Enumerable.Range(0, sub.Size).Any(m => sub.RootIndex(m) == dimension.RootIndex(j))).ToArray();
    }
}

public enum NameProblem
{
    None,

    /// <summary>No variable has the name.</summary>
    UnknownVariable,

    /// <summary>The subscript does not fit the variable: wrong count, or an entry that is no element, <c>*</c> or subrange.</summary>
    UnknownElement,
}

/// <summary>What a name names: a variable and the row-major positions of the named elements, or the problem, with a message and a hint.</summary>
public sealed record NameResolution(BoundVariable? Variable, ImmutableArray<int> Positions, NameProblem Problem, string? Message, string? Hint)
{
    /// <summary>The named elements' ids.</summary>
    public IEnumerable<int> Elements => Positions.Select(p => Variable!.Elements[p]);

    internal static NameResolution Failed(NameProblem problem, string message, string? hint) => new(null, [], problem, message, hint);
}
