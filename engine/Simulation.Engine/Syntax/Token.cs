using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Syntax;

public enum TokenKind
{
    Number,
    Name,
    QuotedName,
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
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    If,
    Then,
    Else,
    And,
    Or,
    Not,
    Mod,
    End,
    Bad,

    /// <summary>' after an array: XMILE's transposition operator.</summary>
    Apostrophe,

    /// <summary><c>&lt;&lt;days&gt;&gt;</c> after a number: its units; <see cref="Token.Text"/> is the text inside.</summary>
    Units,

    // Kinds only Vensim's .mdl equations have (MdlLexer); the kinds above mean the same in both dialects
    // (Vensim's :AND: :OR: :NOT: are And, Or, Not).

    /// <summary>A single-quoted string ('data.xlsx'); <see cref="Token.Text"/> is the text inside.</summary>
    String,

    /// <summary>Another keyword between colons, <c>:EXCEPT:</c>, <c>:NA:</c>; <see cref="Token.Text"/> holds it upper-cased without the colons.</summary>
    Keyword,
    Semicolon,
    Colon,
    Bang,

    /// <summary><c>==</c>: an unchangeable constant.</summary>
    DoubleEqual,

    /// <summary><c>:=</c>: a data equation.</summary>
    ColonEqual,

    /// <summary><c>-&gt;</c>: a subscript mapping.</summary>
    Arrow,

    /// <summary><c>&lt;-&gt;</c>: a subscript equivalence.</summary>
    Equivalence,
}

/// <summary>
/// One token of an equation; <see cref="Text"/> is the name or number as written (a quoted name without its quotes;
/// Vensim's names with runs of blanks and underscores made single spaces).
/// </summary>
public readonly record struct Token(TokenKind Kind, string Text, TextSpan Span, double Number = 0)
{
    /// <summary>A name, written bare or quoted.</summary>
    public bool IsName => Kind is TokenKind.Name or TokenKind.QuotedName;
}
