using System.Globalization;
using Simulation.Engine.Units;

namespace Simulation.Engine.Scenarios.Outcomes;

/// <summary>
/// How outcomes say when they are: the name, a comma, then the time in words, <c>"NAME, WHEN"</c>. The engine names
/// each time of a <c>value</c> outcome read at several times this way, in the model's time unit
/// (<c>"NCTR patients, day 90"</c>, <c>"Older share, year 2030"</c>); experiments name an outcome over one year of
/// the run the same way (<c>"Deaths, year 10"</c>: the deaths during the tenth year). One form reads well in a
/// board report, needs no symbol to type, and lets <c>summary --outcome NAME</c> show every time of NAME.
/// </summary>
public static class OutcomeNames
{
    /// <summary>What stands between an outcome's name and its time.</summary>
    public const string Separator = ", ";

    /// <summary>The name of <paramref name="outcome"/> read at model time <paramref name="t"/>, in the model's <paramref name="timeUnits"/>.</summary>
    public static string At(string outcome, double t, string? timeUnits) =>
        $"{outcome}{Separator}{TimeWord(timeUnits)} {t.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The model's time unit as one singular word ("days" is "day", "Years" "year"); "time" when the model gives none,
    /// or gives one that is not a single word ("0.25 year").
    /// </summary>
    public static string TimeWord(string? timeUnits)
    {
        if (string.IsNullOrWhiteSpace(timeUnits)) return "time";
        string? word = UnitNames.Canonical(timeUnits.Trim());
        return word is { Length: > 0 } && word.All(char.IsLetter) ? word.ToLowerInvariant() : "time";
    }

    /// <summary>
    /// Whether <paramref name="name"/> is <paramref name="family"/> at a time: <c>"FAMILY, WORD NUMBER"</c>
    /// ("Deaths, year 10" is of "Deaths"; "Discounted cost, all payers" is not of "Discounted cost").
    /// </summary>
    public static bool IsTimeOf(string name, string family) =>
        name.Length > family.Length + Separator.Length
        && name.StartsWith(family + Separator, StringComparison.OrdinalIgnoreCase)
        && IsWhen(name[(family.Length + Separator.Length)..]);

    /// <summary>The family of a name with a time ("Deaths" of "Deaths, year 10"); null for a name without one.</summary>
    public static string? Family(string name)
    {
        int comma = name.LastIndexOf(Separator, StringComparison.Ordinal);
        return comma > 0 && IsWhen(name[(comma + Separator.Length)..]) ? name[..comma] : null;
    }

    /// <summary>A time in words: one word of letters, a space, a number ("year 10", "day 91.25", "time -1").</summary>
    private static bool IsWhen(string text)
    {
        int space = text.IndexOf(' ');
        return space > 0 && text[..space].All(char.IsLetter)
            && double.TryParse(text[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }
}
