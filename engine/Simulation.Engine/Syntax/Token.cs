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
}

/// <summary>One token of an equation; <see cref="Text"/> is the name or number as written.</summary>
public readonly record struct Token(TokenKind Kind, string Text, TextSpan Span, double Number = 0);
