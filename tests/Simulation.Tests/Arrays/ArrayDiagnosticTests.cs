using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Arrays;

/// <summary>One bad model per array diagnostic: the right code, a location, and the variable.</summary>
public class ArrayDiagnosticTests
{
    private const string Dims = """
        [ { "name": "Age", "elements": ["young", "old"] },
          { "name": "Q", "size": 3 } ]
        """;

    private static Diagnostic Single(string variables, string code, string dims = Dims)
    {
        var diagnostics = TestModels.Diagnose(TestModels.Model(variables, dimensions: dims));
        var errors = diagnostics.Where(d => d.IsError).ToList();
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[] { code }), DiagnosticRenderer.ToText(diagnostics));
        Assert.That(errors[0].Location, Is.Not.Null);
        Assert.That(errors[0].Location!.Value.Line, Is.GreaterThanOrEqualTo(1));
        return errors[0];
    }

    [Test]
    public void UnknownDimension_VariableArrayedOverMisspelledDimension_ReportsWithSuggestion()
    {
        var d = Single("""{ "name": "x", "kind": "auxiliary", "dimensions": ["Ages"], "equation": 1 }""", DiagnosticCodes.UnknownDimension);
        Assert.That(d.Hint, Does.Contain("'Age'"));
    }

    [Test]
    public void UnknownElement_InSubscript_PointsAtTheSubscript()
    {
        var d = Single("""
            { "name": "x", "kind": "auxiliary", "dimensions": ["Age"], "equation": 1 },
            { "name": "y", "kind": "auxiliary", "equation": "x[yung]" }
            """, DiagnosticCodes.UnknownElement);
        Assert.That(d.Variable, Is.EqualTo("y"));
        Assert.That(d.Span!.Value.Start, Is.EqualTo(2));
        Assert.That(d.Hint, Does.Contain("young"));
    }

    [Test]
    public void UnknownElement_InElementKey_ReportsTheKey()
    {
        var d = Single("""{ "name": "x", "kind": "auxiliary", "dimensions": ["Age"], "elements": { "young": 1, "olde": 2 } }""",
            DiagnosticCodes.UnknownElement);
        Assert.That(d.Message, Does.Contain("'olde'"));
    }

    [Test]
    public void DimensionMismatch_WrongNumberOfSubscripts_Reported()
    {
        var d = Single("""
            { "name": "x", "kind": "auxiliary", "dimensions": ["Age", "Q"], "equation": 1 },
            { "name": "y", "kind": "auxiliary", "equation": "x[young]" }
            """, DiagnosticCodes.DimensionMismatch);
        Assert.That(d.Message, Does.Contain("1 subscript is given"));
    }

    [Test]
    public void DimensionMismatch_ArrayWhereAScalarIsNeeded_Reported()
    {
        var d = Single("""
            { "name": "x", "kind": "auxiliary", "dimensions": ["Q"], "equation": 1 },
            { "name": "y", "kind": "auxiliary", "equation": "x * 2" }
            """, DiagnosticCodes.DimensionMismatch);
        Assert.That(d.Hint, Does.Contain("SUM"));
    }

    [Test]
    public void DimensionMismatch_FlowWithFewerDimensionsThanItsStock_Reported()
    {
        Single("""
            { "name": "S", "kind": "stock", "dimensions": ["Age"], "initial": 0, "inflows": ["f"] },
            { "name": "f", "kind": "flow", "equation": 1 }
            """, DiagnosticCodes.DimensionMismatch);
    }

    [Test]
    public void DimensionMismatch_BadDimensionPosition_Reported()
    {
        var d = Single("""
            { "name": "x", "kind": "auxiliary", "dimensions": ["Q"], "equation": 1 },
            { "name": "y", "kind": "auxiliary", "dimensions": ["Q"], "equation": "x[@2]" }
            """, DiagnosticCodes.DimensionMismatch);
        Assert.That(d.Message, Does.Contain("@1 to @1"));
    }

    [Test]
    public void MissingElementEquation_SomeElementsWithoutEquation_NamesTheFirstAndCountsTheRest()
    {
        var d = Single("""{ "name": "x", "kind": "auxiliary", "dimensions": ["Q"], "elements": { "2": 5 } }""", DiagnosticCodes.MissingElementEquation);
        Assert.That(d.Message, Does.Contain("x[1]").And.Contain("1 other element"));
    }

    [Test]
    public void BadMapping_DifferentSizesWithoutExplicitMap_Reported()
    {
        Single("""{ "name": "x", "kind": "auxiliary", "equation": 1 }""", DiagnosticCodes.BadMapping,
            """[ { "name": "Age", "elements": ["young", "old"] }, { "name": "Q", "size": 3, "mapsTo": "Age" } ]""");
    }

    [Test]
    public void BadMapping_SubrangeElementNotInParent_Reported()
    {
        var d = Single("""{ "name": "x", "kind": "auxiliary", "equation": 1 }""", DiagnosticCodes.BadMapping,
            """[ { "name": "Age", "elements": ["young", "old"] }, { "name": "Kids", "elements": ["baby"], "subrangeOf": "Age" } ]""");
        Assert.That(d.Message, Does.Contain("'baby'"));
    }

    [Test]
    public void DuplicateElement_ElementListedTwice_Reported()
    {
        Single("""{ "name": "x", "kind": "auxiliary", "equation": 1 }""", DiagnosticCodes.DuplicateElement,
            """[ { "name": "Age", "elements": ["young", "Young"] } ]""");
    }

    [Test]
    public void InvalidArgument_TransposeOfAnExpression_Reported()
    {
        var d = Single("""
            { "name": "x", "kind": "auxiliary", "dimensions": ["Q"], "equation": 1 },
            { "name": "y", "kind": "auxiliary", "dimensions": ["Q"], "equation": "TRANSPOSE(x + 1)" }
            """, DiagnosticCodes.InvalidArgument);
        Assert.That(d.Message, Does.Contain("transposition"));
    }
}
