namespace Simulation.Engine.Units;

/// <summary>
/// How the names in units text become base units: case is ignored, plurals are singular (days = day,
/// people = persons = person), and common abbreviations and synonyms are one unit (yr = year, £ = GBP,
/// Dmnl = dimensionless). A name of several words ("degrees Fahrenheit") is one unit, each word made singular.
/// </summary>
public static class UnitNames
{
    /// <summary>Words that mean "no unit": a value with one of these is dimensionless.</summary>
    public static readonly IReadOnlySet<string> DimensionlessWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "1", "dimensionless", "dmnl", "unitless", "fraction", "fractions", "ratio", "ratios", "%", "percent", "percentage",
        "percentage point", "percentage points",
        "proportion", "proportions", "probability", "probabilities", "radian", "radians", "share", "shares",
        // ratios by another name, as health models write them
        "multiplier", "multipliers", "factor", "factors", "index", "rr", "relative risk", "hazard ratio", "odds ratio",
        "utility", "utilities", "utility decrement",
        // policy switches, 0 or 1
        "switch", "switches", "flag", "flags",
    };

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["people"] = "person", ["persons"] = "person", ["ppl"] = "person",
        ["yr"] = "year", ["yrs"] = "year", ["years"] = "year", ["annum"] = "year",
        ["mo"] = "month", ["mth"] = "month", ["mths"] = "month", ["months"] = "month",
        ["wk"] = "week", ["wks"] = "week", ["weeks"] = "week",
        ["d"] = "day", ["days"] = "day",
        ["hr"] = "hour", ["hrs"] = "hour", ["h"] = "hour", ["hours"] = "hour",
        ["min"] = "minute", ["mins"] = "minute", ["minutes"] = "minute",
        ["s"] = "second", ["sec"] = "second", ["secs"] = "second", ["seconds"] = "second",
        ["£"] = "GBP", ["gbp"] = "GBP", ["pound sterling"] = "GBP",
        ["$"] = "USD", ["usd"] = "USD", ["dollar"] = "USD", ["dollars"] = "USD",
        ["€"] = "EUR", ["eur"] = "EUR", ["euro"] = "EUR", ["euros"] = "EUR",
        ["deg"] = "degree", ["degs"] = "degree",
        ["diagnoses"] = "diagnosis", ["children"] = "child", ["men"] = "man", ["women"] = "woman", ["feet"] = "foot",
    };

    /// <summary>The base unit a name stands for (null for a dimensionless word).</summary>
    public static string? Canonical(string name)
    {
        string trimmed = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (DimensionlessWords.Contains(trimmed)) return null;
        if (Synonyms.TryGetValue(trimmed, out var synonym)) return synonym;
        var words = trimmed.Split(' ');
        for (int i = 0; i < words.Length; i++)
            words[i] = Synonyms.TryGetValue(words[i], out var s) && words.Length > 1 ? s.ToLowerInvariant() : Singular(words[i].ToLowerInvariant());
        return string.Join(' ', words);
    }

    /// <summary>A plural English word made singular by the regular rules; short words (kg, ms, GBP) are left alone.</summary>
    public static string Singular(string word)
    {
        if (word.Length <= 3 || !word.EndsWith('s') || word.EndsWith("ss") || word.EndsWith("us") || word.EndsWith("is")) return word;
        if (word.EndsWith("ies") && word.Length > 4) return word[..^3] + "y";
        if (word.EndsWith("ches") || word.EndsWith("shes") || word.EndsWith("xes") || word.EndsWith("sses")) return word[..^2];
        return word[..^1];
    }
}
