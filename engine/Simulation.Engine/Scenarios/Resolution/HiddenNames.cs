using Simulation.Engine.Syntax;

namespace Simulation.Engine.Scenarios.Resolution;

/// <summary>
/// Names for the variables an experiment adds to a model (outcome accumulators, intervention schedules),
/// readable in diagnostics ("outcome: Bed days (rate)") and guaranteed not to clash with the model's names.
/// </summary>
public sealed class HiddenNames
{
    private readonly HashSet<string> _taken;
    private readonly HashSet<string> _generated;

    public HiddenNames(IEnumerable<string> modelNames)
    {
        _taken = modelNames.Select(Identifier.Canonical).ToHashSet();
        _generated = new HashSet<string>();
    }

    private HiddenNames(HiddenNames other)
    {
        _taken = new HashSet<string>(other._taken);
        _generated = new HashSet<string>(other._generated);
    }

    /// <summary>Names this instance made (canonical), so their warnings can be told apart from the model's.</summary>
    public IReadOnlySet<string> Generated => _generated;

    public string Make(string preferred)
    {
        string name = preferred;
        for (int k = 2; _taken.Contains(Identifier.Canonical(name)); k++) name = $"{preferred} #{k}";
        _taken.Add(Identifier.Canonical(name));
        _generated.Add(Identifier.Canonical(name));
        return name;
    }

    public bool IsGenerated(string? name) => name is not null && _generated.Contains(Identifier.Canonical(name));

    /// <summary>A copy that goes on making names (one per scenario, after the outcomes' names).</summary>
    public HiddenNames Fork() => new(this);
}
