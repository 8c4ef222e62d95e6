using Simulation.Engine.Diagnostics;

namespace Simulation.Engine.Import.Xml;

/// <summary>
/// An XML element as written, with the file offsets the importer needs to point diagnostics at the
/// exact characters of an equation. Names are kept as written, prefix included ("isee:prefs"),
/// because XMILE files from some tools use prefixes they never declare.
/// </summary>
public sealed class XmlElement
{
    public XmlElement(string name, int start, IReadOnlyList<XmlAttribute> attributes, IReadOnlyList<XmlContent> children)
    {
        Name = name;
        Start = start;
        Attributes = attributes;
        Children = children;
    }

    /// <summary>The tag name as written, e.g. <c>aux</c> or <c>isee:prefs</c>.</summary>
    public string Name { get; }

    /// <summary>File offset of the tag's name (just after '&lt;').</summary>
    public int Start { get; }

    public IReadOnlyList<XmlAttribute> Attributes { get; }

    public IReadOnlyList<XmlContent> Children { get; }

    public bool HasPrefix => Name.Contains(':');

    public IEnumerable<XmlElement> Elements() => Children.OfType<XmlElementContent>().Select(c => c.Element);

    /// <summary>Child elements with exactly this (unprefixed) name.</summary>
    public IEnumerable<XmlElement> Elements(string name) => Elements().Where(e => e.Name == name);

    public XmlElement? Element(string name) => Elements(name).FirstOrDefault();

    public XmlAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public string? AttributeValue(string name) => Attribute(name)?.Value;

    /// <summary>The element's own text (CDATA included, child elements' text not), with each character's file offset.</summary>
    public XmlText Text
    {
        get
        {
            var texts = Children.OfType<XmlText>().ToList();
            if (texts.Count == 1) return texts[0];
            if (texts.Count == 0) return new XmlText("", [], Start);
            return new XmlText(string.Concat(texts.Select(t => t.Value)), texts.SelectMany(t => t.Offsets).ToArray(), texts[0].Start);
        }
    }

    public SourceLocation LocationIn(SourceFile file) => file.LocationOf(Start);

    public override string ToString() => $"<{Name}>";
}

/// <summary>Something inside an element: a child element or a run of text.</summary>
public abstract class XmlContent;

public sealed class XmlElementContent(XmlElement element) : XmlContent
{
    public XmlElement Element { get; } = element;
}

/// <summary>
/// Decoded text (entities replaced, CDATA unwrapped, line ends normalised to \n) and the file offset
/// of every character, so an equation read from it can point back into the file.
/// </summary>
public sealed class XmlText(string value, int[] offsets, int start) : XmlContent
{
    public string Value { get; } = value;

    public int[] Offsets { get; } = offsets;

    /// <summary>File offset where the text begins (used when it is empty).</summary>
    public int Start { get; } = start;

    public EquationSource ToEquation(SourceFile file) => new(Value, file, Start, Offsets);
}

/// <summary>An attribute, with its decoded value and where the value is written.</summary>
public sealed record XmlAttribute(string Name, string Value, int NameStart, XmlText ValueText);
