using Simulation.Engine.Binding;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import;

/// <summary>
/// How XMILE's builtin calls (3.5) are written in our equation language. Most names are the same
/// (ABS, SMTH1, DELAY...); the differences are handled here, at import, so that the core language
/// keeps one spelling of each builtin:
/// <list type="bullet">
/// <item>a function with no parameters may be written with empty parentheses (<c>PI()</c>, <c>TIME()</c>): the parentheses go;</item>
/// <item>the standard namespace may be written out (<c>std.ABS(x)</c>): the prefix goes;</item>
/// <item>the random functions take an optional last seed argument (3.5.2), as ours do; one that is not a number
/// is dropped, with a warning (a call's seed must be fixed when the model is built), and the call draws from the
/// run's stream, seeded by `sim run --seed`.</item>
/// </list>
/// </summary>
internal static class XmileBuiltins
{
    private const string StandardNamespace = "std.";

    /// <summary>XMILE's random functions and how many arguments they take before the optional seed.</summary>
    private static readonly Dictionary<string, int> SeededRandom = new()
    {
        ["exprnd"] = 1,
        ["lognormal"] = 2,
        ["normal"] = 2,
        ["poisson"] = 1,
        ["random"] = 2,
    };

    /// <summary>The position of the seed argument when <paramref name="call"/> is an XMILE random function given one; else null.</summary>
    internal static int? SeedArgument(CallExpr call) =>
        SeededRandom.TryGetValue(Identifier.Canonical(WithoutNamespace(call.Function.Name)), out int parameters) && call.Arguments.Length == parameters + 1
            ? parameters
            : null;

    /// <summary>The name of a builtin constant when <paramref name="call"/> is one written with empty parentheses.</summary>
    internal static string? ConstantWrittenAsCall(CallExpr call) =>
        call.Arguments.IsEmpty && BuiltinCatalog.Find(WithoutNamespace(call.Function.Name)) is { Category: BuiltinCategory.Constant }
            ? WithoutNamespace(call.Function.Name)
            : null;

    /// <summary>Our name for a function written with the std. prefix; null when the name needs no change.</summary>
    internal static string? Rename(string written) =>
        written.StartsWith(StandardNamespace, StringComparison.OrdinalIgnoreCase) ? WithoutNamespace(written) : null;

    private static string WithoutNamespace(string name) =>
        name.StartsWith(StandardNamespace, StringComparison.OrdinalIgnoreCase) ? name[StandardNamespace.Length..] : name;
}
