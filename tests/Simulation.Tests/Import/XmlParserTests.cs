using Simulation.Engine.Diagnostics;
using Simulation.Engine.Import.Xml;

namespace Simulation.Tests.Import;

public class XmlParserTests
{
    private static XmlElement? Parse(string xml, DiagnosticBag diagnostics) => XmlParser.Parse(new SourceFile("t.xml", xml), diagnostics);

    private static XmlElement ParseOk(string xml)
    {
        var diagnostics = new DiagnosticBag();
        var root = Parse(xml, diagnostics);
        Assert.That(diagnostics.Items, Is.Empty, DiagnosticRenderer.ToText(diagnostics.Items));
        return root!;
    }

    [Test]
    public void Parse_ElementsAttributesAndText_ReadAsWritten()
    {
        var root = ParseOk("<?xml version=\"1.0\"?>\n<!-- c --><a x='1' y=\"two\"><b>text</b><c/></a>");
        Assert.Multiple(() =>
        {
            Assert.That(root.Name, Is.EqualTo("a"));
            Assert.That(root.AttributeValue("x"), Is.EqualTo("1"));
            Assert.That(root.AttributeValue("y"), Is.EqualTo("two"));
            Assert.That(root.Elements().Select(e => e.Name), Is.EqualTo(new[] { "b", "c" }));
            Assert.That(root.Element("b")!.Text.Value, Is.EqualTo("text"));
            Assert.That(root.Element("c")!.Text.Value, Is.EqualTo(""));
        });
    }

    [Test]
    public void Parse_UndeclaredPrefix_KeptAsPartOfTheName()
    {
        var root = ParseOk("<xmile><isee:prefs layer=\"model\"/><sim_specs isee:simulation_delay=\"0\"/></xmile>");
        Assert.That(root.Elements().Select(e => e.Name), Is.EqualTo(new[] { "isee:prefs", "sim_specs" }));
        Assert.That(root.Element("prefs"), Is.Null);
        Assert.That(root.Element("sim_specs")!.AttributeValue("isee:simulation_delay"), Is.EqualTo("0"));
    }

    [Test]
    public void Parse_EntitiesAndCdata_DecodedWithOffsetsIntoTheFile()
    {
        const string xml = "<eqn>a &lt; b<![CDATA[ & c > d]]>&#65;</eqn>";
        var text = ParseOk(xml).Text;
        Assert.That(text.Value, Is.EqualTo("a < b & c > dA"));
        Assert.Multiple(() =>
        {
            Assert.That(text.Offsets[2], Is.EqualTo(xml.IndexOf("&lt;", StringComparison.Ordinal)));
            Assert.That(text.Offsets[4], Is.EqualTo(xml.IndexOf('b')));
            Assert.That(text.Offsets[6], Is.EqualTo(xml.IndexOf('&', xml.IndexOf("CDATA", StringComparison.Ordinal))));
            Assert.That(text.Offsets[^1], Is.EqualTo(xml.IndexOf("&#65;", StringComparison.Ordinal)));
        });
    }

    [Test]
    public void Parse_CarriageReturns_NormalisedToNewlinesInText()
    {
        var text = ParseOk("<a>x\r\ny\rz</a>").Text;
        Assert.That(text.Value, Is.EqualTo("x\ny\nz"));
        Assert.That(text.Offsets, Is.EqualTo(new[] { 3, 4, 6, 7, 8 }));
    }

    [TestCase("", "the file is empty", 1, 1)]
    [TestCase("hello", "this is not an XML file", 1, 1)]
    [TestCase("<a>\n  <b>\n</a>", "</a> does not match the start tag <b>", 3, 1)]
    [TestCase("<a>\n<b x=\"1\" x=\"2\"/></a>", "the attribute 'x' is given twice", 2, 10)]
    [TestCase("<a>&nbsp;</a>", "unknown entity '&nbsp;'", 1, 4)]
    [TestCase("<a b=1/>", "must be in quotes", 1, 6)]
    [TestCase("<a>", "<a> is never closed", 1, 1)]
    [TestCase("<a></a><b/>", "after the end of the root element", 1, 8)]
    [TestCase("<a><![CDATA[x</a>", "CDATA section is never closed", 1, 4)]
    public void Parse_MalformedXml_OneLocatedError(string xml, string message, int line, int column)
    {
        var diagnostics = new DiagnosticBag();
        Assert.That(Parse(xml, diagnostics), Is.Null);
        Assert.That(diagnostics.Items, Has.Count.EqualTo(1));
        var d = diagnostics.Items[0];
        Assert.Multiple(() =>
        {
            Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.MalformedXml));
            Assert.That(d.Message, Does.Contain(message));
            Assert.That(d.Location, Is.EqualTo(new SourceLocation("t.xml", line, column)));
        });
    }

    [Test]
    public void Parse_DeepNesting_ErrorNotStackOverflow()
    {
        string xml = string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000));
        var diagnostics = new DiagnosticBag();
        Assert.That(Parse(xml, diagnostics), Is.Null);
        Assert.That(diagnostics.Items.Single().Message, Does.Contain("nested more than"));
    }
}
