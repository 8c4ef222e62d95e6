using System.Globalization;
using System.Text;

namespace Simulation.Tests.Runtime.Vector;

/// <summary>
/// Random stock-and-flow models, written as model JSON so they go through the whole pipeline
/// (binder, checker, plan compiler): scalar and arrayed stocks (one dimension), flows in and out,
/// auxiliaries in dependency order, inputs, graphical functions, and equations drawn from the whole
/// language (arithmetic, logic, IF, every stateless builtin, time functions,
/// reductions, lookups, INIT, PREVIOUS, dynamic subscripts, smooths and material delays, pipeline
/// DELAYs, random draws), over arrays of 2-3 elements or, now and then, 33-40. A seed gives the same model.
/// </summary>
public sealed class RandomModels(int seed)
{
    private static readonly string[] Numbers = ["0", "1", "2", "0.5", "3.7", "-1.5", "10", "0.1", "4"];
    private static readonly string[] Unary = ["ABS", "EXP", "LN", "SQRT", "SIN", "COS", "TAN", "ARCSIN", "ARCCOS", "ARCTAN", "INT", "ROUND", "SIGN"];
    private static readonly string[] Binary = ["+", "-", "*", "/", "^", " MOD ", "=", "<>", "<", "<=", ">", ">=", " AND ", " OR "];
    private static readonly string[] Reductions = ["SUM", "PROD", "MEAN", "STDDEV", "VMIN", "VMAX"];
    private static readonly string[] Methods = ["euler", "rk2", "rk4"];

    private readonly Random _rng = new(seed);
    private readonly List<string> _variables = new();
    private readonly List<string> _scalars = new();
    private readonly List<string> _arrays = new();
    private int _size;

    /// <summary>The names of the model's inputs (each a scalar, set per run).</summary>
    public List<string> Inputs { get; } = new();

    public string Json { get; private set; } = "";

    public static RandomModels Generate(int seed)
    {
        var model = new RandomModels(seed);
        model.Build();
        return model;
    }

    private void Build()
    {
        // Mostly small arrays; one model in five has arrays long enough that the compiled code cuts their reductions into parts.
        _size = _rng.Next(5) == 0 ? _rng.Next(33, 41) : _rng.Next(2, 4);
        double dt = Pick([0.25, 0.5, 1.0]);
        int steps = _rng.Next(3, 16);
        for (int i = 0, n = _rng.Next(1, 4); i < n; i++)
        {
            Inputs.Add($"p{i}");
            Add($"\"name\": \"p{i}\", \"kind\": \"auxiliary\", \"input\": true, \"equation\": {Pick(Numbers)}");
            _scalars.Add($"p{i}");
        }
        Add("\"name\": \"g\", \"kind\": \"graphical\", \"graph\": { \"x\": [-1, 0, 1, 3], \"y\": [2, 0.5, 1, 4], \"interpolation\": \"" +
            Pick(["continuous", "extrapolate", "discrete"]) + "\" }");

        var stocks = new List<(string Name, bool Arrayed)>();
        for (int i = 0, n = _rng.Next(1, 4); i < n; i++) stocks.Add(($"s{i}", false));
        for (int i = 0, n = _rng.Next(0, 3); i < n; i++) stocks.Add(($"a{i}", true));
        var stockNames = stocks.Select(s => s.Name).ToList();
        _scalars.AddRange(stocks.Where(s => !s.Arrayed).Select(s => s.Name));
        _arrays.AddRange(stocks.Where(s => s.Arrayed).Select(s => s.Name));

        for (int i = 0, n = _rng.Next(0, 5); i < n; i++)
        {
            bool arrayed = _arrays.Count > 0 && _rng.Next(3) == 0;
            string name = $"x{i}";
            Add($"\"name\": \"{name}\", \"kind\": \"auxiliary\"{Dimensions(arrayed)}, \"equation\": \"{Expression(3, arrayed)}\"");
            (arrayed ? _arrays : _scalars).Add(name);
        }

        var inflows = stockNames.ToDictionary(s => s, _ => new List<string>());
        var outflows = stockNames.ToDictionary(s => s, _ => new List<string>());
        for (int i = 0, n = _rng.Next(1, 6); i < n; i++)
        {
            var (stock, arrayed) = stocks[_rng.Next(stocks.Count)];
            string name = $"f{i}";
            (_rng.Next(2) == 0 ? inflows : outflows)[stock].Add(name);
            string nonNegative = _rng.Next(4) == 0 ? ", \"nonNegative\": true" : "";
            Add($"\"name\": \"{name}\", \"kind\": \"flow\"{Dimensions(arrayed)}{nonNegative}, \"equation\": \"{Expression(3, arrayed)}\"");
        }
        foreach (var (stock, arrayed) in stocks)
        {
            string initial = Pick(Numbers) + (_rng.Next(2) == 0 ? $" + {Pick(Inputs)}" : "");
            string nonNegative = _rng.Next(3) == 0 ? ", \"nonNegative\": true" : "";
            Add($"\"name\": \"{stock}\", \"kind\": \"stock\"{Dimensions(arrayed)}{nonNegative}, \"initial\": \"{initial}\", " +
                $"\"inflows\": [{Names(inflows[stock])}], \"outflows\": [{Names(outflows[stock])}]");
        }
        string time = string.Create(CultureInfo.InvariantCulture,
            $"\"start\": 0, \"stop\": {steps * dt}, \"dt\": {dt}, \"savePeriod\": {dt}, \"method\": \"{Pick(Methods)}\"");
        Json = $$"""{ "name": "random {{seed}}", "time": { {{time}} }, "dimensions": [ { "name": "D", "size": {{_size}} } ], "variables": [ {{string.Join(",\n", _variables.Select(v => "{ " + v + " }"))}} ] }""";
    }

    private void Add(string variable) => _variables.Add(variable);

    private static string Dimensions(bool arrayed) => arrayed ? ", \"dimensions\": [\"D\"]" : "";

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    /// <summary>A random equation; in an arrayed equation, arrays may be used element-wise.</summary>
    private string Expression(int depth, bool arrayed)
    {
        if (depth == 0 || _rng.Next(5) == 0) return Leaf(arrayed);
        string E() => Expression(depth - 1, arrayed);
        switch (_rng.Next(16))
        {
            case 0 or 1 or 2:
                return $"({E()}{Pick(Binary)}{E()})";
            case 3:
                return $"{Pick(Unary)}({E()})";
            case 4:
                return $"IF {E()} THEN {E()} ELSE {E()}";
            case 5:
                return Pick([$"MIN({E()}, {E()})", $"MAX({E()}, {E()})", $"LOG({E()}, {E()})", $"SAFEDIV({E()}, {E()})", $"ZIDZ({E()}, {E()})",
                    $"XIDZ({E()}, {E()}, {E()})", $"SAFEDIV({E()}, {E()}, {E()})", $"({E()} MOD {E()})", $"-{E()}", $"NOT {E()}"]);
            case 6:
                return Pick([$"STEP({E()}, {E()})", $"PULSE({E()}, {E()})", $"PULSE({E()}, {E()}, {E()})", $"RAMP({E()}, {E()})",
                    $"RAMP({E()}, {E()}, {E()})", $"PULSE_TRAIN({E()}, {E()}, {E()}, {E()})"]);
            case 7 when _arrays.Count > 0:
                return $"{Pick(Reductions)}({Pick(_arrays)}[*])";
            case 8:
                return Pick([$"g({E()})", $"LOOKUP_FORWARD(g, {E()})", $"LOOKUP_BACKWARD(g, {E()})", $"LOOKUP_INVERT(g, {E()})"]);
            case 9:
                return _rng.Next(2) == 0 ? $"INIT({E()})" : _rng.Next(2) == 0 ? $"PREVIOUS({E()})" : $"PREVIOUS({E()}, {E()})";
            case 10 when _arrays.Count > 0:
                return $"{Pick(_arrays)}[{E()} + TIME]"; // a subscript computed at run time (TIME keeps it from folding to a constant)
            case 11:
                return $"MEAN({E()}, {E()}, {E()})";
            case 12:
                return Pick([$"DELAY({E()}, {Pick(Numbers)})", $"DELAY({E()}, {E()}, {E()})", $"SMTH1({E()}, {Pick(["1", "2.5", "4"])})",
                    $"DELAY3({E()}, {Pick(["1", "3"])})", $"SMTH3({E()}, 2, {E()})"]);
            case 13:
                return Pick([$"RANDOM({E()}, {E()})", $"NORMAL({E()}, {E()})", $"NORMAL({E()}, 1, {E()}, {E()})", $"LOGNORMAL({E()}, {E()})",
                    $"EXPRND({E()})", $"POISSON({E()})", $"TRIANGULAR({E()}, {E()}, {E()})", $"BETA({E()}, {E()})", "RANDOM(0, 1)"]);
            default:
                return $"({E()}{Pick(Binary)}{E()})";
        }
    }

    private string Leaf(bool arrayed)
    {
        int choice = _rng.Next(arrayed ? 7 : 6);
        return choice switch
        {
            0 or 1 when _scalars.Count > 0 => Pick(_scalars),
            2 => Pick(["TIME", "DT", "STARTTIME", "STOPTIME", "PI"]),
            3 when _arrays.Count > 0 => $"{Pick(_arrays)}[{_rng.Next(1, _size + 1)}]",
            6 when _arrays.Count > 0 => _rng.Next(2) == 0 ? Pick(_arrays) : $"{Pick(_arrays)}[D]",
            _ => Pick(Numbers),
        };
    }
}
