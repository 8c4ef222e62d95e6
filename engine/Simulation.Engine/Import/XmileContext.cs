using System.Globalization;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import.Xml;

namespace Simulation.Engine.Import;

/// <summary>The file being imported and the diagnostics bag, with helpers every XMILE reader part uses.</summary>
internal sealed class XmileContext(SourceFile file, DiagnosticBag diagnostics)
{
    public SourceFile File { get; } = file;
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceLocation At(XmlElement element) => File.LocationOf(element.Start);

    public SourceLocation At(XmlText text) => File.LocationOf(text.Offsets.Length > 0 ? text.Offsets[0] : text.Start);

    public SourceLocation At(XmlAttribute attribute) => File.LocationOf(attribute.NameStart);

    /// <summary>A number written in an element's text or an attribute; reports and returns null when it is not one.</summary>
    public double? Number(XmlText text, string what, SourceLocation location)
    {
        string s = text.Value.Trim();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)) return value;
        Diagnostics.Error(DiagnosticCodes.InvalidValue, $"{what} must be a number, but it is '{s}'", location,
            hint: "XMILE numbers use a decimal point, e.g. 0.25 or 1e-3");
        return null;
    }

    public double? Number(XmlElement element, string what) => Number(element.Text, what, At(element));

    public double? NumberAttribute(XmlElement element, string name, string what) =>
        element.Attribute(name) is { } a ? Number(a.ValueText, what, At(a)) : null;

    /// <summary>An XMILE boolean attribute or text ("true"/"false", any case).</summary>
    public bool? Boolean(string? text, string what, SourceLocation location)
    {
        if (text is null) return null;
        switch (text.Trim().ToLowerInvariant())
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                Diagnostics.Error(DiagnosticCodes.InvalidValue, $"{what} must be true or false, but it is '{text.Trim()}'", location);
                return null;
        }
    }

    /// <summary>The element's name attribute as users see it; reported with <paramref name="code"/> and null when missing or blank.</summary>
    public string? RequiredName(XmlElement element, string code)
    {
        string name = XmileNames.Display(element.AttributeValue("name") ?? "");
        if (name.Length > 0) return name;
        Diagnostics.Error(code, $"a <{element.Name}> has no name", At(element), hint: $"add name=\"...\" to the <{element.Name}>");
        return null;
    }

    /// <summary>An option element such as &lt;non_negative/&gt;: present and empty means true; otherwise its text says.</summary>
    public bool? Flag(XmlElement? option) =>
        option is null ? null
        : option.Text.Value.Trim().Length == 0 ? true
        : Boolean(option.Text.Value, $"<{option.Name}>", At(option));

    public void Unsupported(string feature, SourceLocation location, string? variable = null, string? hint = null) =>
        Diagnostics.Error(DiagnosticCodes.UnsupportedXmileFeature, $"{feature} is not supported", location, variable, hint);

    public void Ignored(XmlElement element, string? variable, string why) =>
        Diagnostics.Warning(DiagnosticCodes.XmileElementIgnored, $"<{element.Name}> is ignored: {why}", At(element), variable);
}
