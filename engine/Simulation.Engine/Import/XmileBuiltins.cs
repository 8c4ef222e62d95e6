using Simulation.Engine.Binding;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import;

/// <summary>
/// How XMILE's builtin calls (3.5) are written in our equation language. Most names are the same
/// (ABS, SMTH1, DELAY...); the differences are handled here, at import, so that the core language
/// keeps one spelling of each builtin:
/// <list type="bullet">
/// <item>a function with no parameters may be written with empty parentheses (<c>PI()</c>, <c>TIME()</c>): the parentheses go;</item>
/// <item>the standard namespace may be written out (<c>std.ABS(x)</c>): the prefix goes.</item>
/// </list>
/// </summary>
internal static class XmileBuiltins
{
    private const string StandardNamespace = "std.";

    /// <summary>The name of a builtin constant when <paramref name="call"/> is one written with empty parentheses.</summary>
    public static string? ConstantWrittenAsCall(CallExpr call) =>
        call.Arguments.IsEmpty && BuiltinCatalog.Find(WithoutNamespace(call.Function.Name)) is { Category: BuiltinCategory.Constant }
            ? WithoutNamespace(call.Function.Name)
            : null;

    /// <summary>Our name for a function written with the std. prefix; null when the name needs no change.</summary>
    public static string? Rename(string written) =>
        written.StartsWith(StandardNamespace, StringComparison.OrdinalIgnoreCase) ? WithoutNamespace(written) : null;

    private static string WithoutNamespace(string name) =>
        name.StartsWith(StandardNamespace, StringComparison.OrdinalIgnoreCase) ? name[StandardNamespace.Length..] : name;
}
