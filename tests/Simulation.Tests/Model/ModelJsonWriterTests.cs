using System.Collections.Immutable;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Model;

namespace Simulation.Tests.ModelFiles;

/// <summary>Any document written as JSON reads back as the same document, valid against the schema.</summary>
public class ModelJsonWriterTests
{
    private static ModelDocument ReadBack(string json)
    {
        var diagnostics = new DiagnosticBag();
        var document = ModelJsonReader.Read(new SourceFile("written.json", json), diagnostics);
        Assert.That(diagnostics.Items, Is.Empty, DiagnosticRenderer.ToText(diagnostics.Items) + json);
        return document!;
    }

    private static readonly ModelDocument Everything = new()
    {
        Name = "Everything \"quoted\"",
        Description = "line one\nline two",
        Time = new TimeSettings { Start = 1, Stop = 13, Dt = 1.0 / 3, SavePeriod = 1, Method = IntegrationMethod.RK4, Units = "months" },
        Dimensions =
        [
            new DimensionDefinition { Name = "Age", Elements = ["0-17", "18+"], Documentation = "bands" },
            new DimensionDefinition { Name = "N", Size = 2, Elements = ["1", "2"] },
            new DimensionDefinition { Name = "Adults", Elements = ["18+"], SubrangeOf = "Age" },
            new DimensionDefinition { Name = "Pair", Elements = ["a", "b"], MapsTo = "N", Mapping = ImmutableDictionary<string, string>.Empty.Add("a", "2").Add("b", "1") },
        ],
        Variables =
        [
            new VariableDefinition
            {
                Name = "pop", Kind = VariableKind.Stock, Equation = EquationSource.Detached("100"), Dimensions = [new NameReference("Age", null)],
                Inflows = [new NameReference("births", null)], Outflows = [new NameReference("deaths", null)], NonNegative = true,
                Units = "people", Documentation = "how many",
            },
            new VariableDefinition { Name = "births", Kind = VariableKind.Flow, Equation = EquationSource.Detached("pop * rate {per year}"), Dimensions = [new NameReference("Age", null)] },
            new VariableDefinition { Name = "deaths", Kind = VariableKind.Flow, Equation = EquationSource.Detached("-0.5e-3 "), Dimensions = [new NameReference("Age", null)], NonNegative = true },
            new VariableDefinition
            {
                Name = "rate", Kind = VariableKind.Auxiliary, Dimensions = [new NameReference("Age", null)],
                Elements =
                [
                    new ElementDefinition { Subscript = ["0-17"], Equation = EquationSource.Detached("0") },
                    new ElementDefinition { Subscript = ["18+"], Equation = EquationSource.Detached("TIME"),
                        Graph = new GraphDefinition { X = [0, 0.5, 1], Y = [0, 0.1, 0.3], XRange = (0, 1), Interpolation = GraphInterpolation.Extrapolate } },
                ],
                Input = new InputInfo { Source = "ONS", Low = 0, High = 1 },
            },
            new VariableDefinition { Name = "effect", Kind = VariableKind.Graphical, Graph = new GraphDefinition { X = [0, 2.5], Y = [1, -1], Interpolation = GraphInterpolation.Discrete, XUnits = "days" } },
        ],
    };

    [Test]
    public void Write_EveryField_ReadsBackTheSameDocument()
    {
        string json = ModelJsonWriter.ToJson(Everything, "../docs/schema/model-v1.schema.json");
        var back = ReadBack(json);
        Assert.Multiple(() =>
        {
            Assert.That((back.Name, back.Description, back.Time with { Location = null, UnitsLocation = null, DtLocation = null, StopLocation = null, SavePeriodLocation = null }),
                Is.EqualTo((Everything.Name, Everything.Description, Everything.Time)));
            Assert.That(back.Dimensions.Select(d => (d.Name, string.Join("|", d.Elements), d.Size, d.SubrangeOf, d.MapsTo, d.Documentation)),
                Is.EqualTo(Everything.Dimensions.Select(d => (d.Name, string.Join("|", d.Elements), d.Size, d.SubrangeOf, d.MapsTo, d.Documentation))));
            Assert.That(back.Dimensions[3].Mapping, Is.EquivalentTo(Everything.Dimensions[3].Mapping!));
            Assert.That(back.Variables.Select(Describe), Is.EqualTo(Everything.Variables.Select(Describe)));
        });
    }

    /// <summary>Everything a variable holds except source locations, as comparable text.</summary>
    private static string Describe(VariableDefinition v) => string.Join(" ; ",
        v.Name, v.Kind, v.Equation?.Text.Trim(), string.Join(",", v.Dimensions.Select(d => d.Name)),
        string.Join(",", v.Elements.Select(e => $"{string.Join("/", e.Subscript)}={e.Equation?.Text}:{Graph(e.Graph)}")),
        string.Join(",", v.Inflows.Select(f => f.Name)), string.Join(",", v.Outflows.Select(f => f.Name)), v.NonNegative,
        v.Units, v.Documentation, v.Input is { } i ? $"{i.Source} {i.Low} {i.High}" : "-", Graph(v.Graph));

    private static string Graph(GraphDefinition? g) =>
        g is null ? "-" : $"{string.Join(",", g.X)} / {string.Join(",", g.Y)} / {g.Interpolation} / {g.XRange} / {g.XUnits}";

    [Test]
    public void Write_Schema_NamedAndNumbersKeptExactly()
    {
        string json = ModelJsonWriter.ToJson(Everything, "../docs/schema/model-v1.schema.json");
        Assert.That(json, Does.StartWith("{\n  \"$schema\": \"../docs/schema/model-v1.schema.json\",\n  \"formatVersion\": 1,"));
        Assert.That(json, Does.Contain("\"dt\": 0.3333333333333333,"));
        Assert.That(json, Does.Contain("\"initial\": 100,"));
        Assert.That(json, Does.Contain("\"equation\": \"pop * rate {per year}\""));
        Assert.That(json, Does.Contain("\"equation\": -0.5e-3,"));
    }

    [TestCase("teacup.json")]
    public void Write_BundledModel_RewritesToAnEquivalentFile(string file)
    {
        var diagnostics = new DiagnosticBag();
        var original = ModelJsonReader.ReadFile(TestModels.PathOf("models", file), diagnostics)!;
        var back = ReadBack(ModelJsonWriter.ToJson(original, "../docs/schema/model-v1.schema.json"));
        Assert.That(back.Variables.Select(Describe), Is.EqualTo(original.Variables.Select(Describe)));
        Assert.That(back.Time.Method, Is.EqualTo(original.Time.Method));
    }
}
