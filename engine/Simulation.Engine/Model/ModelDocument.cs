using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Model;

/// <summary>
/// A model as its author wrote it, in any input format (our JSON, XMILE), before any name is
/// resolved. Every part remembers where it came from so later stages can point at it.
/// </summary>
public sealed record ModelDocument
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public int FormatVersion { get; init; } = 1;
    public required TimeSettings Time { get; init; }
    public ImmutableArray<DimensionDefinition> Dimensions { get; init; } = ImmutableArray<DimensionDefinition>.Empty;
    public ImmutableArray<VariableDefinition> Variables { get; init; } = ImmutableArray<VariableDefinition>.Empty;

    /// <summary>
    /// Names of variables written in the file that could not be read (a misspelt kind): the reader reports why, and
    /// equations that use them are not blamed again with "unknown variable".
    /// </summary>
    public ImmutableArray<string> UnreadVariables { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>The file the document was read from (null when built in code).</summary>
    public SourceFile? Source { get; init; }

    public SourceLocation? Location { get; init; }
}

public enum IntegrationMethod
{
    Euler,
    RK2,
    RK4,
}

/// <summary>The run's clock: whole steps of <see cref="Dt"/> from start to stop, saved every save period.</summary>
public sealed record TimeSettings
{
    public double Start { get; init; }
    public double Stop { get; init; } = 1;
    public double Dt { get; init; } = 1;

    /// <summary>How often values are saved; null means every dt.</summary>
    public double? SavePeriod { get; init; }

    public IntegrationMethod Method { get; init; } = IntegrationMethod.Euler;
    public string? Units { get; init; }

    /// <summary>Where the time units are written (for unit diagnostics).</summary>
    public SourceLocation? UnitsLocation { get; init; }

    public SourceLocation? Location { get; init; }
    public SourceLocation? DtLocation { get; init; }
    public SourceLocation? StopLocation { get; init; }
    public SourceLocation? SavePeriodLocation { get; init; }

    public double EffectiveSavePeriod => SavePeriod ?? Dt;

    /// <summary>These settings' steps: which time each step is at, which steps are saved, which step a time names.</summary>
    public StepClock Clock => new(this);
}

/// <summary>A named list of elements (Age: 0-17, 18-44, ...), an indexed range (1..n), or a subrange of another.</summary>
public sealed record DimensionDefinition
{
    public required string Name { get; init; }
    public ImmutableArray<string> Elements { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Set when the dimension was given as a size (elements are "1".."n").</summary>
    public int? Size { get; init; }

    /// <summary>For a subrange: the dimension whose elements these are.</summary>
    public string? SubrangeOf { get; init; }

    /// <summary>Another dimension this one maps onto, element by element (positionally unless a map is given).</summary>
    public string? MapsTo { get; init; }

    /// <summary>Optional explicit mapping: this dimension's element -> the target dimension's element.</summary>
    public ImmutableDictionary<string, string>? Mapping { get; init; }

    public string? Documentation { get; init; }
    public SourceLocation? Location { get; init; }
}

public enum VariableKind
{
    Stock,
    Flow,
    Auxiliary,
    Graphical,
}

/// <summary>A stock, flow, auxiliary or graphical function as written.</summary>
public sealed record VariableDefinition
{
    public required string Name { get; init; }
    public required VariableKind Kind { get; init; }

    /// <summary>The equation (for a stock: its initial value). Null when given per element only.</summary>
    public EquationSource? Equation { get; init; }

    /// <summary>Dimension names this variable is arrayed over, in order.</summary>
    public ImmutableArray<NameReference> Dimensions { get; init; } = ImmutableArray<NameReference>.Empty;

    /// <summary>Per-element equations (or graphs), overriding <see cref="Equation"/> for those elements.</summary>
    public ImmutableArray<ElementDefinition> Elements { get; init; } = ImmutableArray<ElementDefinition>.Empty;

    public ImmutableArray<NameReference> Inflows { get; init; } = ImmutableArray<NameReference>.Empty;
    public ImmutableArray<NameReference> Outflows { get; init; } = ImmutableArray<NameReference>.Empty;
    public bool NonNegative { get; init; }
    public string? Units { get; init; }

    /// <summary>Where the units are written (for unit diagnostics); null when none are, or not known.</summary>
    public SourceLocation? UnitsLocation { get; init; }

    public string? Documentation { get; init; }

    /// <summary>Set for inputs that scenarios may override.</summary>
    public InputInfo? Input { get; init; }

    /// <summary>A graphical function: the whole variable's (kind Graphical), or applied to the equation's value.</summary>
    public GraphDefinition? Graph { get; init; }

    public SourceLocation? Location { get; init; }

    public bool IsArrayed => Dimensions.Length > 0;
}

/// <summary>A name written in the file (an inflow, a dimension), with where it was written.</summary>
public sealed record NameReference(string Name, SourceLocation? Location);

/// <summary>The equation or graph of some elements of an arrayed variable, keyed as written ("0-17,Q1").</summary>
public sealed record ElementDefinition
{
    /// <summary>Element names, one per dimension of the variable.</summary>
    public required ImmutableArray<string> Subscript { get; init; }

    public EquationSource? Equation { get; init; }
    public GraphDefinition? Graph { get; init; }
    public SourceLocation? Location { get; init; }
}

/// <summary>What a reviewer needs to know about an input: where its value comes from and its plausible range.</summary>
public sealed record InputInfo
{
    public string? Source { get; init; }

    /// <summary>The low end of the plausible range, when one number serves every element.</summary>
    public double? Low { get; init; }

    /// <summary>The high end of the plausible range, when one number serves every element.</summary>
    public double? High { get; init; }

    /// <summary>For arrayed inputs: the low end per element (row-major), when given as a list.</summary>
    public ImmutableArray<double>? ElementLow { get; init; }

    /// <summary>For arrayed inputs: the high end per element (row-major), when given as a list.</summary>
    public ImmutableArray<double>? ElementHigh { get; init; }

    public SourceLocation? Location { get; init; }

    /// <summary>The range of element <paramref name="flat"/> (row-major), from the lists or the single pair.</summary>
    public (double Low, double High)? RangeOf(int flat)
    {
        double? low = ElementLow is { } lows ? (flat < lows.Length ? lows[flat] : null) : Low;
        double? high = ElementHigh is { } highs ? (flat < highs.Length ? highs[flat] : null) : High;
        return low is double l && high is double h ? (l, h) : null;
    }
}

public enum GraphInterpolation
{
    /// <summary>Linear between points, held at the end values outside them.</summary>
    Continuous,

    /// <summary>Linear between points, extended along the end segments outside them.</summary>
    Extrapolate,

    /// <summary>A step function: each point's y holds until the next point's x.</summary>
    Discrete,
}

/// <summary>Points of a graphical function (x strictly increasing) and how to read between them.</summary>
public sealed record GraphDefinition
{
    public required ImmutableArray<double> X { get; init; }
    public required ImmutableArray<double> Y { get; init; }
    public GraphInterpolation Interpolation { get; init; } = GraphInterpolation.Continuous;

    /// <summary>The units of the input, x (the variable's own units are y's); null when not declared.</summary>
    public string? XUnits { get; init; }

    /// <summary>Set when the file gave an x range with evenly spaced points rather than explicit x values.</summary>
    public (double Min, double Max)? XRange { get; init; }

    public SourceLocation? Location { get; init; }

    /// <summary>The x values of <paramref name="count"/> points spread evenly over [min, max], as every reader computes them.</summary>
    public static ImmutableArray<double> EvenlySpaced(double min, double max, int count) => count switch
    {
        0 => ImmutableArray<double>.Empty,
        1 => ImmutableArray.Create(min),
        _ => Enumerable.Range(0, count).Select(i => min + (max - min) * i / (count - 1)).ToImmutableArray(),
    };
}
