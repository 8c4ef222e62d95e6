using System.Text;
using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Import;

/// <summary>
/// Equation text being assembled from pieces of other equations (and a few written characters),
/// remembering for every character the file offset it came from, so that a translated equation
/// still points diagnostics at the right place in the XMILE file.
/// </summary>
internal sealed class SourcedText
{
    private readonly StringBuilder _text = new();
    private readonly List<int> _offsets = new();

    public int Length => _text.Length;

    /// <summary>Copies characters [from, to) of an equation with their offsets.</summary>
    public void Append(EquationSource source, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            _text.Append(source.Text[i]);
            _offsets.Add(source.FileOffsetOf(i));
        }
    }

    /// <summary>Appends written text (a qualified name, a parenthesis) that stands at <paramref name="fileOffset"/>.</summary>
    public void Append(string text, int fileOffset)
    {
        _text.Append(text);
        for (int i = 0; i < text.Length; i++) _offsets.Add(fileOffset);
    }

    public EquationSource ToEquation(SourceFile? file) =>
        new(_text.ToString(), file, _offsets.Count > 0 ? _offsets[0] : 0, _offsets.ToArray());

    public override string ToString() => _text.ToString();
}
