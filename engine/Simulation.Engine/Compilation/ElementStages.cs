using Simulation.Engine.Binding;
using Simulation.Engine.Checking;

namespace Simulation.Engine.Compilation;

/// <summary>When each element's value is computed: once in Setup, once at the initial time, or every step.</summary>
internal enum Stage
{
    Setup,
    AfterInitial,
    Varying,
}

/// <summary>Classifies elements (and expressions) by the earliest moment their value is known and fixed.</summary>
internal sealed class ElementStages
{
    private readonly Stage[] _stages;
    private readonly bool[] _invariant;

    /// <param name="equations">Each element's equation after constant folding (folding can make an element constant).</param>
    /// <param name="variants">Several variants in one plan (see <see cref="PlanVariants"/>), or null.</param>
    public ElementStages(BoundModel model, ModelAnalysis analysis, IReadOnlySet<int> parameters, BoundExpr?[] equations, PlanVariants? variants = null)
    {
        if (variants is not null) Variants = new VariantInvariance(model, analysis.RatesOrder, parameters, equations, variants);
        _stages = new Stage[model.Elements.Length];
        _invariant = new bool[model.Elements.Length];
        Array.Fill(_stages, Stage.Varying);
        foreach (int id in analysis.RatesOrder)
        {
            if (parameters.Contains(id))
                _stages[id] = Stage.Setup;
            else if (equations[id] is { } eq && TimeInvariance.IsInvariant(eq, _invariant))
                _stages[id] = ReadsInitialValues(eq) ? Stage.AfterInitial : Stage.Setup;
            _invariant[id] = _stages[id] != Stage.Varying;
        }
    }

    public Stage Of(int element) => _stages[element];

    /// <summary>What never changes in each variant's runs, when the plan holds several (null when it holds one).</summary>
    public VariantInvariance? Variants { get; }

    public bool IsInvariant(BoundExpr expr) => TimeInvariance.IsInvariant(expr, _invariant);

    /// <summary>True when the expression needs values fixed at the initial time (INIT, or elements that use INIT).</summary>
    public bool ReadsInitialValues(BoundExpr expr) => expr switch
    {
        BInit => true,
        BRef r => _stages[r.Element] == Stage.AfterInitial,
        _ => BoundTree.Children(expr).Any(ReadsInitialValues),
    };
}
