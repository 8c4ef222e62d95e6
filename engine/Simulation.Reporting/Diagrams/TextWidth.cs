namespace Simulation.Reporting.Diagrams;

/// <summary>
/// How wide a line of text is in Helvetica, from the font's published metrics (Adobe's Helvetica AFM, the same advance
/// widths as Arial and Liberation Sans), so a diagram is sized the same on every machine whatever fonts it has: the
/// layout, and so the SVG, must not depend on what is installed. The browser test measures the drawn text against it.
/// </summary>
internal static class TextWidth
{
    /// <summary>Advance widths in thousandths of the font size, for ' ' (32) to '~' (126).</summary>
    private static readonly short[] Ascii =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
    ];

    /// <summary>Outside ASCII (accents, £, en dashes): the width of a wide lower-case letter, so text is never cramped.</summary>
    private const int Other = 611;

    public static double Of(string text, double fontSize)
    {
        int total = 0;
        foreach (char c in text) total += c is >= ' ' and <= '~' ? Ascii[c - ' '] : Other;
        return total * fontSize / 1000.0;
    }
}
