namespace Simulation.Engine.Syntax;

/// <summary>
/// A dialect's operators by precedence level, loosest first, which <see cref="ExpressionParser"/> climbs. A level holds
/// either binary operators, left-associative (<c>a - b - c</c> is <c>(a - b) - c</c>), or prefix operators, whose operand
/// is an expression of their own level or tighter (so where Vensim's <c>:NOT:</c> sits below the comparisons,
/// <c>:NOT: a &gt; b</c> is <c>:NOT: (a &gt; b)</c>). After the last level comes <c>^</c>, the same in every dialect:
/// right-associative (<c>2^3^2</c> is <c>2^(3^2)</c>), binding tighter than a sign (<c>-2^2</c> is -4), its left operand a
/// primary and its right operand an expression of the last level, which must be the signs' (so <c>2^-1</c> reads).
/// </summary>
internal sealed class OperatorTable
{
    private readonly sbyte[] _binaryLevel, _prefixLevel;
    private readonly BinaryOperator[] _binary;
    private readonly UnaryOperator[] _prefix;
    private readonly sbyte[] _levelOfBinary = new sbyte[Enum.GetValues<BinaryOperator>().Length];
    private readonly sbyte[] _levelOfPrefix = new sbyte[Enum.GetValues<UnaryOperator>().Length];

    /// <param name="levels">Each level's operators, loosest level first; the last one prefix operators.</param>
    public OperatorTable(params OperatorLevel[] levels)
    {
        int kinds = Enum.GetValues<TokenKind>().Length;
        _binaryLevel = new sbyte[kinds];
        _prefixLevel = new sbyte[kinds];
        Array.Fill(_binaryLevel, (sbyte)-1);
        Array.Fill(_prefixLevel, (sbyte)-1);
        Array.Fill(_levelOfBinary, (sbyte)-1);
        Array.Fill(_levelOfPrefix, (sbyte)-1);
        _binary = new BinaryOperator[kinds];
        _prefix = new UnaryOperator[kinds];
        if (levels.Length == 0 || levels[^1].Prefix.Length == 0)
            throw new ArgumentException("the last level, whose expressions are ^'s right operands, must be prefix operators", nameof(levels));
        for (int level = 0; level < levels.Length; level++)
        {
            foreach (var (token, op) in levels[level].Binary)
                (_binaryLevel[(int)token], _binary[(int)token], _levelOfBinary[(int)op]) = ((sbyte)level, op, (sbyte)level);
            foreach (var (token, op) in levels[level].Prefix)
                (_prefixLevel[(int)token], _prefix[(int)token], _levelOfPrefix[(int)op]) = ((sbyte)level, op, (sbyte)level);
        }
        PowerLevel = levels.Length;
        (_binaryLevel[(int)TokenKind.Caret], _binary[(int)TokenKind.Caret], _levelOfBinary[(int)BinaryOperator.Power]) =
            ((sbyte)PowerLevel, BinaryOperator.Power, (sbyte)PowerLevel);
    }

    /// <summary>The level of <c>^</c>, the tightest binary operator.</summary>
    public int PowerLevel { get; }

    /// <summary>The level at which <paramref name="token"/> is a binary operator, and the operator; level -1 when it is none.</summary>
    public (int Level, BinaryOperator Operator) Binary(TokenKind token) => (_binaryLevel[(int)token], _binary[(int)token]);

    /// <summary>The level of a binary operator, -1 when the dialect has none (printers parenthesise by it).</summary>
    public int LevelOf(BinaryOperator op) => _levelOfBinary[(int)op];

    /// <summary>The level of a prefix operator, -1 when the dialect has none.</summary>
    public int LevelOf(UnaryOperator op) => _levelOfPrefix[(int)op];

    /// <summary>The level at which <paramref name="token"/> is a prefix operator, and the operator; level -1 when it is none.</summary>
    public (int Level, UnaryOperator Operator) Prefix(TokenKind token) => (_prefixLevel[(int)token], _prefix[(int)token]);
}

/// <summary>One precedence level: binary operators or prefix operators, each with the token that writes it.</summary>
internal sealed record OperatorLevel((TokenKind Token, BinaryOperator Operator)[] Binary, (TokenKind Token, UnaryOperator Operator)[] Prefix)
{
    public static OperatorLevel Of(params (TokenKind Token, BinaryOperator Operator)[] binary) => new(binary, []);

    public static OperatorLevel Of(params (TokenKind Token, UnaryOperator Operator)[] prefix) => new([], prefix);
}
