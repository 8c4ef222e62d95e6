using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Syntax;

namespace Simulation.Engine.Import.Vensim;

/// <summary>
/// How each Vensim function is written in our language. Most keep their name with spaces as
/// underscores (<c>DELAY FIXED</c> is our <c>DELAY_FIXED</c>); some are renamed or have their
/// arguments reordered (<c>RANDOM NORMAL(min, max, mean, sd, seed)</c> is <c>NORMAL(mean, sd, min, max)</c>);
/// a few are written as expressions (<c>POWER(a, b)</c> is <c>a ^ b</c>). A function whose Vensim meaning
/// we do not simulate is reported, naming it, rather than guessed; a name that is neither a builtin,
/// a lookup nor a macro is written as it is, and the binder reports it as an unknown function.
/// </summary>
internal sealed class MdlFunctions
{
    private delegate void Translation(MdlWriter writer, MdlCall call);

    private readonly Dictionary<string, (int Min, int Max, Translation Write)> _table = new();

    /// <summary>Vensim functions that have no counterpart yet, with what they do (for the message).</summary>
    private static readonly Dictionary<string, string> Unsupported = new()
    {
        ["a_function_of"] = "marks an unfinished equation",
        ["find_market_price"] = "a market-clearing price",
        ["shift_if_true"] = "a conveyor-like shift",
        ["sinteg"] = "a stock with special integration",
        ["sample_if_true"] = "where it is neither an equation nor part of one",
    };

    public MdlFunctions()
    {
        foreach (var name in new[] { "ABS", "EXP", "LN", "SQRT", "SIN", "COS", "TAN", "ARCSIN", "ARCCOS", "ARCTAN", "LOG", "MIN", "MAX",
                     "XIDZ", "ZIDZ", "STEP", "RAMP", "SMOOTH", "SMOOTHI", "SMOOTH3", "SMOOTH3I", "DELAY1", "DELAY1I", "DELAY3", "DELAY3I",
                     "TREND", "SUM", "PROD", "VMIN", "VMAX", "SINH", "COSH", "TANH" })
            Rename(name, name);
        Rename("IF THEN ELSE", "IF_THEN_ELSE");
        Rename("INTEGER", "INTEGER_VENSIM", 1, 1);
        Rename("MODULO", "MODULO_VENSIM", 2, 2);
        Rename("QUANTUM", "QUANTUM", 2, 2);
        Rename("LOOKUP EXTRAPOLATE", "LOOKUP_EXTRAPOLATE", 2, 2);
        Rename("PULSE", "PULSE_VENSIM");
        Rename("PULSE TRAIN", "PULSE_TRAIN");
        Add("DELAY N", 4, 4, (w, c) => Ordered(w, c, "DELAY_N", lowers: true));
        Add("SMOOTH N", 4, 4, (w, c) => Ordered(w, c, "SMOOTH_N", lowers: false));
        Rename("DELAY FIXED", "DELAY_FIXED");
        Rename("DELAY INFORMATION", "DELAY_INFORMATION", 3, 3);
        Rename("DELAY MATERIAL", "DELAY_MATERIAL", 4, 4);
        Rename("FORECAST", "FORCST", 3, 3);
        Rename("INITIAL", "INIT");
        // REINITIAL differs from INITIAL only when Vensim re-initialises a model in the middle of a game; a run has no such moment.
        Rename("REINITIAL", "INIT", 1, 1);
        Rename("ACTIVE INITIAL", "ACTIVE_INITIAL", 2, 2);
        Rename("LOOKUP FORWARD", "LOOKUP_FORWARD");
        Rename("LOOKUP BACKWARD", "LOOKUP_BACKWARD");
        Rename("LOOKUP INVERT", "LOOKUP_INVERT");
        Rename("LOOKUP AREA", "LOOKUP_AREA", 3, 3);
        Add("POWER", 2, 2, (w, c) =>
        {
            w.Write(new MdlParenthesized(c.Arguments[0], c.Arguments[0].Span));
            w.Text(" ^ ", c.NameSpan);
            w.Write(new MdlParenthesized(c.Arguments[1], c.Arguments[1].Span));
        });
        Rename("NPV", "NPV", 4, 4);
        Add("TIME BASE", 2, 2, (w, c) =>
        {
            w.Text("(", c.NameSpan);
            w.Write(new MdlParenthesized(c.Arguments[0], c.Arguments[0].Span));
            w.Text(" + TIME * ", c.NameSpan);
            w.Write(new MdlParenthesized(c.Arguments[1], c.Arguments[1].Span));
            w.Text(")", c.Span);
        });
        Add("GAME", 1, 1, (w, c) => w.Write(new MdlParenthesized(c.Arguments[0], c.Arguments[0].Span)));
        Add("ELMCOUNT", 1, 1, ElementCount);
        Add("GET TIME VALUE", 3, 3, TimeValue);
        Add("GET DATA BETWEEN TIMES", 3, 3, DataBetweenTimes);
        Add("RANDOM 0 1", 0, 0, (w, c) => w.Text("RANDOM(0, 1)", c.Span));
        Add("RANDOM UNIFORM", 2, 3, (w, c) => w.Call("RANDOM", c.NameSpan, [.. c.Arguments.Take(2), .. Seed(w, c, 2)]));
        Add("RANDOM NORMAL", 4, 5, (w, c) =>
            w.Call("NORMAL", c.NameSpan, [c.Arguments[2], c.Arguments[3], c.Arguments[0], c.Arguments[1], .. Seed(w, c, 4)]));
        // RANDOM EXPONENTIAL(m, x, h, r, s) and the others: ours take the same arguments, the stream s only when it is not 0.
        foreach (var (vensim, count) in new[] { ("RANDOM EXPONENTIAL", 4), ("RANDOM GAMMA", 5), ("RANDOM BETA", 6), ("RANDOM WEIBULL", 5),
                     ("RANDOM TRIANGULAR", 5), ("RANDOM POISSON", 5), ("RANDOM BINOMIAL", 6), ("RANDOM NEGATIVE BINOMIAL", 6), ("RANDOM LOOKUP", 5) })
            Add(vensim, count, count + 1, (w, c) => w.Call(vensim.Replace(' ', '_'), c.NameSpan, [.. c.Arguments.Take(count), .. Seed(w, c, count)]));
        Add("RANDOM PINK NOISE", 3, 4, PinkNoise);
        Add("WITH LOOKUP", 2, 2, (w, c) => w.Model.WriteWithLookup(w, c));
        Add("VECTOR RANK", 2, 2, (w, c) => AlongLastSubscript(w, c, "VECTOR_RANK"));
        Add("VECTOR SORT ORDER", 2, 2, (w, c) => AlongLastSubscript(w, c, "VECTOR_SORT_ORDER"));
        Add("VECTOR REORDER", 2, 2, (w, c) => AlongLastSubscript(w, c, "VECTOR_REORDER"));
        Rename("VECTOR SELECT", "VECTOR_SELECT", 5, 5);
        Rename("VECTOR ELM MAP", "VECTOR_ELM_MAP", 2, 2);
        Add("ALLOCATE AVAILABLE", 3, 3, (w, c) =>
            w.Call("ALLOCATE_AVAILABLE", c.NameSpan, [Along(w, c.Arguments[0], 1), Along(w, c.Arguments[1], 2, fieldLast: true), c.Arguments[2]]));
        Add("ALLOCATE BY PRIORITY", 5, 5, (w, c) =>
            w.Call("ALLOCATE_BY_PRIORITY", c.NameSpan, [Along(w, c.Arguments[0], 1), Along(w, c.Arguments[1], 1), .. c.Arguments.Skip(2)]));
        Add("INVERT MATRIX", 2, 2, (w, c) => AlongLastSubscript(w, c, "INVERT_MATRIX", count: 2));
    }

    /// <summary>
    /// VECTOR RANK, SORT ORDER, REORDER work along the last subscript of their vector (INVERT MATRIX the last two): it is written <c>*:D</c>
    /// (and the other subscripts as usual), so that the binder sees the whole vector whichever element is written.
    /// </summary>
    private static void AlongLastSubscript(MdlWriter writer, MdlCall call, string ours, int count = 1) =>
        writer.Call(ours, call.NameSpan, [Along(writer, call.Arguments[0], count), .. call.Arguments.Skip(1)]);

    /// <summary>
    /// The argument with its last <paramref name="count"/> subscripts that name a range written <c>*:D</c>. With
    /// <paramref name="fieldLast"/>, a last subscript that is an element stands for its whole range: ALLOCATE AVAILABLE's
    /// profiles are written with the first field, <c>pp[D, ptype]</c>, and mean all of them.
    /// </summary>
    private static Expr Along(MdlWriter writer, Expr argument, int count, bool fieldLast = false)
    {
        if (argument is not MdlReference r || r.Subscripts.Length < count) return argument;
        var subscripts = r.Subscripts;
        var ranges = writer.Model.Ranges;
        for (int k = subscripts.Length - count; k < subscripts.Length; k++)
        {
            if (ranges.Find(subscripts[k].Name) is not null) subscripts = subscripts.SetItem(k, subscripts[k] with { Bang = true });
            else if (fieldLast && k == subscripts.Length - 1 && ranges.MainRangeOf(subscripts[k].Name) is { } fields)
                subscripts = subscripts.SetItem(k, subscripts[k] with { Name = fields.Name, Bang = true });
        }
        return r with { Subscripts = subscripts };
    }

    private void Add(string vensim, int min, int max, Translation write) => _table[Identifier.Canonical(vensim)] = (min, max, write);

    private void Rename(string vensim, string ours, int min = 0, int max = int.MaxValue) =>
        Add(vensim, min, max, (w, c) => w.Call(ours, c.NameSpan, c.Arguments));

    public bool IsBuiltin(string name) => _table.ContainsKey(Identifier.Canonical(name)) || Unsupported.ContainsKey(Identifier.Canonical(name));

    /// <summary>Writes a call: a lookup, a macro, a builtin, or (for the binder to report) an unknown function.</summary>
    public void Write(MdlWriter writer, MdlCall call)
    {
        string canonical = Identifier.Canonical(call.Name);
        var model = writer.Model;
        if (model.IsLookup(canonical))
        {
            model.WriteLookupCall(writer, call, null);
            return;
        }
        if (model.MacroCall(writer, call)) return;
        if (Unsupported.TryGetValue(canonical, out string? what) || canonical == "integ")
        {
            string message = canonical == "integ"
                ? "INTEG must be the whole equation of a level (x = INTEG(rate, initial)), not part of an expression"
                : $"{call.Name.ToUpperInvariant()} ({what}) is not supported";
            model.Report(DiagnosticCodes.UnsupportedVensimFeature, message, writer.Source, call.NameSpan, writer.Variable);
            writer.Text("0", call.Span);
            return;
        }
        if (!_table.TryGetValue(canonical, out var entry))
        {
            writer.Call(ExprPrinter.FormatName(call.Name), call.NameSpan, call.Arguments);
            return;
        }
        int n = call.Arguments.Length;
        if (n < entry.Min || n > entry.Max)
        {
            string expected = entry.Min == entry.Max ? $"{entry.Min}" : entry.Max == int.MaxValue ? $"{entry.Min} or more" : $"{entry.Min} to {entry.Max}";
            model.Report(DiagnosticCodes.WrongArgumentCount, $"{call.Name.ToUpperInvariant()} takes {expected} argument{(expected == "1" ? "" : "s")} but {n} {(n == 1 ? "is" : "are")} given",
                writer.Source, call.Span, writer.Variable);
            writer.Text("0", call.Span);
            return;
        }
        entry.Write(writer, call);
    }

    /// <summary>
    /// DELAY N and SMOOTH N: Vensim reads the order once, at the initial time, and lowers a DELAY N's order while the
    /// delay is shorter than order x TIME STEP. When the import can know both (constants, the clock), the order it
    /// writes is the one Vensim uses, with a warning where it differs from what the model writes.
    /// </summary>
    private static void Ordered(MdlWriter writer, MdlCall call, string name, bool lowers)
    {
        var model = writer.Model;
        var orderArgument = call.Arguments[3];
        Expr order = orderArgument;
        if (model.Constants?.Evaluate(orderArgument, atStart: true) is double value && value == Math.Floor(value) && value >= 1 && value <= 1000)
        {
            int n = (int)value;
            string? why = orderArgument is NumberExpr || (orderArgument is MdlReference { Subscripts.IsEmpty: true } r && model.Constants.IsLiteral(r.Name))
                ? null
                : $"the order of {call.Name.ToUpperInvariant()} is read once, at the initial time: {n}";
            if (lowers && model.Constants.Evaluate(call.Arguments[1], atStart: true) is double delay && model.Constants.Clock is { } clock)
            {
                int lowered = n;
                while (lowered > 1 && delay < lowered * clock.Dt) lowered--;
                if (lowered != n)
                    why = $"the order of DELAY N is lowered from {n} to {lowered}, as Vensim lowers it while the delay ({delay.ToString(CultureInfo.InvariantCulture)}) "
                          + $"is shorter than order x TIME STEP ({clock.Dt.ToString(CultureInfo.InvariantCulture)})";
                n = lowered;
            }
            if (why is not null)
            {
                model.Warn(DiagnosticCodes.VensimConstructIgnored, why, writer.Source, orderArgument.Span, writer.Variable);
                order = new NumberExpr(n, orderArgument.Span);
            }
        }
        // Vensim's DELAY N uses the delay time of the step before (its output is fixed within a step); SMOOTH N the current one.
        var time = call.Arguments[1];
        Expr delayTime = lowers && model.Constants?.Evaluate(time) is null ? new MdlCall("PREVIOUS", [], [time], time.Span, time.Span) : time;
        writer.Call(name, call.NameSpan, [call.Arguments[0], delayTime, call.Arguments[2], order]);
    }

    /// <summary>GET TIME VALUE(0, offset, 0): the simulation time plus the offset, in the model's time unit; calendar measures are reported.</summary>
    private static void TimeValue(MdlWriter writer, MdlCall call)
    {
        var constants = writer.Model.Constants;
        if (constants?.Evaluate(call.Arguments[0]) == 0 && constants.Evaluate(call.Arguments[2]) == 0)
        {
            writer.Text("(TIME + ", call.NameSpan);
            writer.Write(new MdlParenthesized(call.Arguments[1], call.Arguments[1].Span));
            writer.Text(")", call.Span);
            return;
        }
        writer.Model.Report(DiagnosticCodes.UnsupportedVensimFeature, "GET TIME VALUE with a calendar measure or the computer's clock is not supported; GET TIME VALUE(0, offset, 0), the model's time plus the offset, is",
            writer.Source, call.NameSpan, writer.Variable);
        writer.Text("0", call.Span);
    }

    /// <summary>
    /// GET DATA BETWEEN TIMES(data, time, mode): the data variable's series at another time, interpolated (mode 0), at the
    /// next data time at or after it (1) or the last at or before it (-1); :NA: before the first data time or after the
    /// last. Written with the graphical functions of the series and of its times that the import keeps for such variables.
    /// </summary>
    private static void DataBetweenTimes(MdlWriter writer, MdlCall call)
    {
        var model = writer.Model;
        if (call.Arguments[0] is not MdlReference data || !model.SeriesTables.TryGetValue(Identifier.Canonical(data.Name), out var tables))
        {
            model.Report(DiagnosticCodes.InvalidArgument, "GET DATA BETWEEN TIMES reads a data variable, one whose values come from GET ... DATA",
                writer.Source, call.Arguments[0].Span, writer.Variable, "name the data variable itself, with its subscripts");
            writer.Text("0", call.Span);
            return;
        }
        string? lookup = model.Constants?.Evaluate(call.Arguments[2]) switch { 0 => "LOOKUP", 1 => "LOOKUP_FORWARD", -1 => "LOOKUP_BACKWARD", _ => null };
        if (lookup is null)
        {
            model.Report(DiagnosticCodes.InvalidArgument,
                "the mode of GET DATA BETWEEN TIMES must be a constant -1 (the value at the last data time at or before), 0 (interpolated) or 1 (the value at the next data time at or after)",
                writer.Source, call.Arguments[2].Span, writer.Variable);
            writer.Text("0", call.Span);
            return;
        }
        var time = new MdlParenthesized(call.Arguments[1], call.Arguments[1].Span);
        var times = data with { Name = tables.Times };
        var at = call.NameSpan;
        // Outside the data: the last data time at or before t is after it, or the next at or after t is before it.
        void Outside(string before, string lookupName, string comparison)
        {
            writer.Text($"{before}{lookupName}(", at);
            writer.Write(times);
            writer.Text(", ", at);
            writer.Write(time);
            writer.Text($") {comparison} ", at);
            writer.Write(time);
        }
        Outside("IF_THEN_ELSE(", "LOOKUP_BACKWARD", ">");
        Outside(" OR ", "LOOKUP_FORWARD", "<");
        writer.Text($", {ExprPrinter.FormatNumber(MdlModelContext.NotAvailable)}, {lookup}(", at);
        writer.Write(data with { Name = tables.Data });
        writer.Text(", ", at);
        writer.Write(time);
        writer.Text("))", call.Span);
    }

    /// <summary>
    /// RANDOM PINK NOISE(mean, sd, correlation time, stream): normal white noise smoothed to first order over the correlation
    /// time, starting at the mean. The white noise's standard deviation is sd x sqrt((2 - dt / T) x T / dt), which gives the
    /// smoothed noise the standard deviation sd once steady (Euler: an autoregression with coefficient 1 - dt / T). Written
    /// <c>SMTH1(mean + NORMAL(0, sd * SQRT((2 - DT / T) * T / DT) [, stream]), T, mean)</c>.
    /// </summary>
    private static void PinkNoise(MdlWriter writer, MdlCall call)
    {
        Expr Argument(int i) => new MdlParenthesized(call.Arguments[i], call.Arguments[i].Span);
        var at = call.NameSpan;
        writer.Text("SMTH1(", at);
        writer.Write(Argument(0));
        writer.Text(" + NORMAL(0, ", at);
        writer.Write(Argument(1));
        writer.Text(" * SQRT((2 - DT / ", at);
        writer.Write(Argument(2));
        writer.Text(") * ", at);
        writer.Write(Argument(2));
        writer.Text(" / DT)", at);
        foreach (var seed in Seed(writer, call, 3))
        {
            writer.Text(", ", at);
            writer.Write(seed);
        }
        writer.Text("), ", at);
        writer.Write(Argument(2));
        writer.Text(", ", at);
        writer.Write(Argument(0));
        writer.Text(")", call.Span);
    }

    /// <summary>ELMCOUNT(range): the number of elements, known at import.</summary>
    private static void ElementCount(MdlWriter writer, MdlCall call)
    {
        if (call.Arguments[0] is MdlReference { Subscripts.IsEmpty: true } r && writer.Model.Ranges.Find(r.Name) is { } range)
        {
            writer.Text(range.Elements.Length.ToString(CultureInfo.InvariantCulture), call.Span);
            return;
        }
        writer.Model.Report(DiagnosticCodes.InvalidArgument, "ELMCOUNT takes the name of a subscript range", writer.Source, call.Arguments[0].Span, writer.Variable);
        writer.Text("0", call.Span);
    }

    /// <summary>
    /// A RANDOM function's stream argument, as our trailing seed: none when it is left out or 0 (Vensim's stream 0 is the
    /// common one, seeded by NOISE SEED: ours is the run's stream, sim run --seed); the number, when the import can
    /// compute it; otherwise the argument as written, which the binder reports unless it is a number.
    /// </summary>
    private static Expr[] Seed(MdlWriter writer, MdlCall call, int index)
    {
        if (call.Arguments.Length <= index) return [];
        var argument = call.Arguments[index];
        return writer.Model.Constants?.Evaluate(argument) switch
        {
            0 => [],
            double value => [new NumberExpr(value, argument.Span)],
            null => [argument],
        };
    }
}
