using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Simulation.Engine.Structure.Dominance;

/// <summary>Loop dominance as people read it (text) and as other tools read it (CSV, JSON).</summary>
public static class DominanceWriter
{
    private static string N(double v) => double.IsNaN(v) ? "" : v.ToString("G6", CultureInfo.InvariantCulture);

    private static string Loop(LoopDominanceResult r, int l) => l < 0 ? "none" : $"loop {r.Loops[l].Number}";

    private static string Path(DominanceLoop loop) => $"{string.Join(" -> ", loop.Variables)} -> {loop.Variables[0]}";

    public static string Text(LoopDominanceResult r, string timeUnits)
    {
        var text = new StringBuilder();
        text.Append("Loop dominance (Loops that Matter: Schoenberg, Davidsen and Eberlein 2020); scores per step, relative scores between -1 and 1\n\n");
        foreach (var loop in r.Loops)
            text.Append($"{loop.Number,4}  {loop.Polarity,-11}  {Path(loop)}\n");
        if (r.Loops.IsEmpty) return text.Append("the model has no feedback loops\n").ToString();
        if (r.Capped) text.Append(Finding(r)).Append('\n');
        text.Append($"\nwhich loop dominates ({timeUnits}):\n");
        foreach (var p in r.Periods)
            text.Append($"  {N(p.From),10} to {N(p.To),-10}  {Loop(r, p.Loop)}{(p.Loop >= 0 ? $" ({r.Loops[p.Loop].Polarity})" : "")}\n");
        text.Append("\nrelative loop scores at the saved times:\n");
        text.Append($"{"time",10}").AppendJoin("", r.Loops.Select(l => $"{"loop " + l.Number,10}")).Append("  dominant\n");
        for (int k = 0; k < r.Times.Length; k++)
            text.Append($"{N(r.Times[k]),10}").AppendJoin("", r.Relative[k].Select(v => $"{(double.IsNaN(v) ? "unknown" : v.ToString("F3", CultureInfo.InvariantCulture)),10}"))
                .Append($"  {Loop(r, r.Dominant(k))}\n");
        return text.ToString();
    }

    /// <summary>How the loops scored were found, when they are not all the model's.</summary>
    public static string Finding(LoopDominanceResult r) => r.Finding.Strongest
        ? $"the model has more than {r.Cap:N0} feedback loops through its elements: these {r.Loops.Length:N0} are those the strongest-path search " +
          $"(Eberlein and Schoenberg 2020) found at {r.Finding.SearchTimes} times of the run, and relative scores are among them"
        : $"stopped at --max {r.Cap}: there are more loops, and relative scores are among those found";

    /// <summary>One row per saved time: each loop's score and relative score, and the dominant loop's number (empty for none).</summary>
    public static string Csv(LoopDominanceResult r)
    {
        var csv = new StringBuilder("time");
        foreach (var l in r.Loops) csv.Append($",loop {l.Number} score");
        foreach (var l in r.Loops) csv.Append($",loop {l.Number} relative");
        csv.Append(",dominant\n");
        for (int k = 0; k < r.Times.Length; k++)
        {
            csv.Append(r.Times[k].ToString("R", CultureInfo.InvariantCulture));
            foreach (double v in r.Scores[k]) csv.Append(',').Append(R(v));
            foreach (double v in r.Relative[k]) csv.Append(',').Append(R(v));
            int d = r.Dominant(k);
            csv.Append(',').Append(d < 0 ? "" : r.Loops[d].Number.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return csv.ToString();
    }

    private static string R(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    public static string Json(LoopDominanceResult r) => JsonConvert.SerializeObject(new
    {
        method = "loops that matter (Schoenberg, Davidsen and Eberlein 2020)",
        loops = r.Loops.Select((l, i) => new
        {
            number = l.Number,
            variables = l.Variables,
            polarity = l.Polarity,
            score = r.Scores.Select(s => double.IsFinite(s[i]) ? s[i] : (double?)null),
            relative = r.Relative.Select(s => double.IsFinite(s[i]) ? s[i] : (double?)null),
        }),
        times = r.Times,
        dominant = Enumerable.Range(0, r.Times.Length).Select(k => r.Dominant(k) is int d and >= 0 ? r.Loops[d].Number : (int?)null),
        periods = r.Periods.Select(p => new { from = p.From, to = p.To, loop = p.Loop >= 0 ? r.Loops[p.Loop].Number : (int?)null }),
        capped = r.Capped,
        found = r.Finding.Strongest ? new { method = "strongest paths (Eberlein and Schoenberg 2020)", times = r.Finding.SearchTimes, starts = r.Finding.Starts } : null,
    }, Formatting.Indented) + "\n";
}
