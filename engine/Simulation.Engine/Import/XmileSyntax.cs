namespace Simulation.Engine.Import;

/// <summary>
/// XMILE equation syntax that our language does not have, found before parsing so it can be
/// reported by name rather than as a bare syntax error: the transposition operator A' and
/// dimension positions @1 (3.7.1.1), and index ranges A[1:3] (3.7.1.2). Quoted names and
/// {comments} are skipped, and the wildcard subrange form *:Sub is ours and allowed.
/// </summary>
internal static class XmileSyntax
{
    /// <summary>The first unsupported construct: its index in <paramref name="text"/> and what it is; null when there is none.</summary>
    public static (int Index, string Feature)? FindUnsupported(string text)
    {
        int brackets = 0;
        for (int i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    i = Skip(text, i, '"');
                    break;
                case '{':
                    i = Skip(text, i, '}');
                    break;
                case '[':
                    brackets++;
                    break;
                case ']':
                    brackets--;
                    break;
                case '\'':
                    return (i, "the array transposition operator (')");
                case '@':
                    return (i, "a dimension position (@n)");
                case ':' when brackets > 0 && PreviousNonSpace(text, i) != '*':
                    return (i, "an array index range (a:b)");
            }
        }
        return null;
    }

    private static int Skip(string text, int open, char close)
    {
        for (int i = open + 1; i < text.Length; i++)
        {
            if (close == '"' && text[i] == '\\') i++;
            else if (text[i] == close) return i;
        }
        return text.Length;
    }

    private static char PreviousNonSpace(string text, int i)
    {
        for (int j = i - 1; j >= 0; j--)
            if (!char.IsWhiteSpace(text[j])) return text[j];
        return '\0';
    }
}
