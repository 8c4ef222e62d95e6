using Simulation.Engine.Model;

namespace Simulation.Tests.Import.Vensim;

/// <summary>Lookups in all their forms, and macros.</summary>
public class MdlLookupAndMacroTests
{
    [Test]
    public void Lookup_WithRangeWithoutRangeAndFlat_SameTable()
    {
        var result = MdlModels.Run(MdlModels.File("""
            t1([(0,0)-(4,10)], (0,0), (2,10), (4,0)) ~~|
            t2((0,0), (2,10), (4,0)) ~~|
            t3(0, 2, 4, 0, 10, 0) ~~|
            x = t1(Time) + 100 * t2(Time) + 10000 * t3(Time) ~~|
            """));
        Assert.That(result.Series("x"), Is.EqualTo(new[] { 0.0, 50505, 101010, 50505, 0 }));
    }

    [Test]
    public void WithLookup_WholeEquation_IsTheInputWithTheTableAsGraph()
    {
        var document = MdlModels.Document(MdlModels.File("x = WITH LOOKUP(Time, ([(0,0)-(4,4)], (0,1), (4,5))) ~~|"));
        var x = document.Variables.Single();
        Assert.That(x.Equation!.Text, Is.EqualTo("TIME"));
        Assert.That(x.Graph!.Y, Is.EqualTo(new[] { 1.0, 5 }));
        var nested = MdlModels.Run(MdlModels.File("y = 2 * WITH LOOKUP(Time, ((0,1), (4,5))) ~~|"));
        Assert.That(nested.Series("y"), Is.EqualTo(new[] { 2.0, 4, 6, 8, 10 }));
    }

    [Test]
    public void SubscriptedLookups_EachElementItsTable_UnsortedPointsSortedWithAWarning()
    {
        string mdl = MdlModels.File("""
            D: a, b ~~|
            tbl[a]((0,0), (4,4)) ~~|
            tbl[b]((4,0), (0,8)) ~~|
            x[D] = tbl[D](Time) ~~|
            y = tbl[b](1) ~~|
            """);
        var result = MdlModels.Run(mdl);
        Assert.That(result.Series("x[a]")[2], Is.EqualTo(2));
        Assert.That(result.Series("x[b]")[2], Is.EqualTo(4));
        Assert.That(result.Series("y")[0], Is.EqualTo(6));
        Assert.That(MdlModels.Diagnose(mdl).Any(d => d.Code == "SD1305" && d.Message.Contains("not in order of x")), Is.True);
    }

    [Test]
    public void LookupContinuation_SplitsANumber_StillRead()
    {
        var result = MdlModels.Run(MdlModels.File("tbl((0,0),(4\\\n\t5,0\\\n\t)) ~~|\nx = tbl(45) ~~|"));
        Assert.That(result.Series("x")[0], Is.EqualTo(0));
        Assert.That(MdlModels.Document(MdlModels.File("tbl((0,0),(4\\\n\t5,0\\\n\t)) ~~|\nx = tbl(45) ~~|")).Variables[0].Graph!.X, Is.EqualTo(new[] { 0.0, 45 }));
    }

    [Test]
    public void Macro_WithAStock_EachCallHasItsOwn()
    {
        var result = MdlModels.Run(MdlModels.File("""
            :MACRO: ACCUMULATE(input, start)
            ACCUMULATE = INTEG(input, start) ~ ~ |
            :END OF MACRO:
            a = ACCUMULATE(1, 0) ~~|
            b = ACCUMULATE(2, 10) + ACCUMULATE(1, 0) ~~|
            """));
        Assert.That(result.Series("a"), Is.EqualTo(new[] { 0.0, 1, 2, 3, 4 }));
        Assert.That(result.Series("b"), Is.EqualTo(new[] { 10.0, 13, 16, 19, 22 }));
    }

    [Test]
    public void Macro_DefinedAfterItsCaller_WithLocalsAndTheModelsTime()
    {
        var result = MdlModels.Run(MdlModels.File("""
            y = SCALED(3) ~~|
            :MACRO: SCALED(v)
            SCALED = v * factor + Time$ ~~|
            factor = 2 ~~|
            :END OF MACRO:
            """));
        Assert.That(result.Series("y"), Is.EqualTo(new[] { 6.0, 7, 8, 9, 10 }));
    }

    [Test]
    public void Macro_WrongArgumentCountAndRecursion_Reported()
    {
        var errors = MdlModels.Errors(MdlModels.File("""
            :MACRO: TWICE(v)
            TWICE = 2 * v ~~|
            :END OF MACRO:
            :MACRO: LOOP(v)
            LOOP = LOOP(v) ~~|
            :END OF MACRO:
            a = TWICE(1, 2) ~~|
            b = LOOP(1) ~~|
            """));
        Assert.That(errors.Select(e => e.Code), Is.SupersetOf(new[] { "SD2003", "SD1207" }));
    }

    [Test]
    public void Lookup_IsAGraphicalFunction()
    {
        var document = MdlModels.Document(MdlModels.File("effect((0,1),(1,2)) ~ dmnl ~ The effect. |\nx = effect(0.5) ~~|"));
        var effect = document.Variables.Single(v => v.Name == "effect");
        Assert.That((effect.Kind, effect.Documentation), Is.EqualTo((VariableKind.Graphical, "The effect.")));
    }
}
