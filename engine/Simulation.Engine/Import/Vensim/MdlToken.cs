using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Import.Vensim;

internal enum MdlTokenKind
{
    Number,
    Name,

    /// <summary>A single-quoted string: only GET functions take them ('data.xlsx', 'B2').</summary>
    String,

    /// <summary>A keyword between colons, <c>:AND:</c>, <c>:EXCEPT:</c>; <see cref="MdlToken.Text"/> holds it upper-cased without the colons.</summary>
    Keyword,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Semicolon,
    Colon,
    Bang,
    Equal,

    /// <summary><c>==</c>: an unchangeable constant.</summary>
    DoubleEqual,

    /// <summary><c>:=</c>: a data equation.</summary>
    ColonEqual,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,

    /// <summary><c>-&gt;</c>: a subscript mapping.</summary>
    Arrow,

    /// <summary><c>&lt;-&gt;</c>: a subscript equivalence.</summary>
    Equivalence,
    End,
    Bad,
}

/// <summary>
/// One token of a Vensim equation. For names, <see cref="Text"/> is the name as written with runs of
/// spaces and underscores made single spaces (quotes removed); <see cref="Quoted"/> says it was quoted.
/// </summary>
internal readonly record struct MdlToken(MdlTokenKind Kind, string Text, TextSpan Span, double Number = 0, bool Quoted = false)
{
    public bool IsKeyword(string keyword) => Kind == MdlTokenKind.Keyword && Text == keyword;
}
