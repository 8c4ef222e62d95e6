using System.Collections.Immutable;

namespace Simulation.Engine.Units;

/// <summary>What a rule says about one argument, or about the result.</summary>
public enum PatternKind
{
    /// <summary>A product of the rule's unit variables (a, b, c), the model's time unit (time) and 1: <c>a/time</c>.</summary>
    Shape,

    /// <summary><c>_</c>: any units (a condition, an order n).</summary>
    Any,

    /// <summary><c>#</c> (result only): a plain number, which takes whatever units its context needs, like a literal.</summary>
    Number,

    /// <summary><c>?</c> (result only): units the checker cannot tell (PROD of an array).</summary>
    Unknown,

    /// <summary><c>table</c>: the graphical function a lookup reads.</summary>
    Table,

    /// <summary><c>x</c>: the units of that graphical function's input.</summary>
    TableX,

    /// <summary><c>y</c>: the units of that graphical function's output (the variable's units).</summary>
    TableY,
}

/// <summary>One argument or result of a <see cref="UnitRule"/>. <see cref="Shape"/> is over the names a, b, c and time.</summary>
public sealed record UnitPattern(PatternKind Kind, Unit Shape)
{
    public static UnitPattern Parse(string text) => text.Trim() switch
    {
        "_" => new(PatternKind.Any, Unit.Dimensionless),
        "#" => new(PatternKind.Number, Unit.Dimensionless),
        "?" => new(PatternKind.Unknown, Unit.Dimensionless),
        "table" => new(PatternKind.Table, Unit.Dimensionless),
        "x" => new(PatternKind.TableX, Unit.Dimensionless),
        "y" => new(PatternKind.TableY, Unit.Dimensionless),
        var shape => new(PatternKind.Shape, UnitParser.ParsePattern(shape)),
    };
}

/// <summary>
/// How an operation or builtin treats units, written as a signature: <c>(a, time) -> a</c> is STEP (the height's
/// units, from a time on), <c>(a, time, time) -> a/time</c> is PULSE, <c>(a, b) -> a*b</c> is multiplication,
/// <c>(1) -> 1</c> is EXP, <c>(_, a, a) -> a</c> is IF THEN ELSE, <c>(a...) -> a</c> (the last argument repeats)
/// is MEAN of any number of arguments, <c>(table, x) -> y</c> a lookup. Each operation of the catalogue carries its
/// rule (<see cref="Ops.OpInfo.Units"/>), each other builtin its own (<see cref="Binding.BuiltinSignature.Units"/>);
/// the unit checker reads nothing else. <see cref="Power"/> is the one rule a signature cannot say: a^n needs the
/// value of n.
/// </summary>
public sealed class UnitRule
{
    private UnitRule(string text, ImmutableArray<UnitPattern> arguments, bool lastRepeats, UnitPattern result)
    {
        Text = text;
        Arguments = arguments;
        LastRepeats = lastRepeats;
        Result = result;
    }

    public string Text { get; }
    public ImmutableArray<UnitPattern> Arguments { get; }
    public bool LastRepeats { get; }
    public UnitPattern Result { get; }

    /// <summary>x^n: the base's units to the power n, which must be a number written in the equation (else the base must be dimensionless); n itself dimensionless.</summary>
    public static UnitRule Power { get; } = new("power", [], false, new UnitPattern(PatternKind.Unknown, Unit.Dimensionless));

    public bool IsPower => ReferenceEquals(this, Power);

    /// <summary>Reads a signature such as <c>(a, time, a) -> a</c>.</summary>
    public static UnitRule Of(string text)
    {
        int arrow = text.IndexOf("->", StringComparison.Ordinal);
        string args = text[..arrow].Trim();
        if (!args.StartsWith('(') || !args.EndsWith(')')) throw new FormatException($"a unit rule is '(arguments) -> result': {text}");
        args = args[1..^1].Trim();
        bool repeats = args.EndsWith("...", StringComparison.Ordinal);
        if (repeats) args = args[..^3];
        var patterns = args.Length == 0 ? [] : args.Split(',').Select(UnitPattern.Parse).ToImmutableArray();
        return new UnitRule(text, patterns, repeats, UnitPattern.Parse(text[(arrow + 2)..]));
    }

    /// <summary>The pattern of argument <paramref name="index"/> (the last one again for a repeating rule; Any past the end).</summary>
    public UnitPattern ArgumentAt(int index) =>
        index < Arguments.Length ? Arguments[index]
        : LastRepeats && Arguments.Length > 0 ? Arguments[^1]
        : new UnitPattern(PatternKind.Any, Unit.Dimensionless);

    public override string ToString() => Text;
}
