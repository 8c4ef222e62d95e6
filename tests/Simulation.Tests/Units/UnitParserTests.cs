using Simulation.Engine.Units;

namespace Simulation.Tests.Units;

/// <summary>Units text read into products of base units with powers: the algebra every check rests on.</summary>
public class UnitParserTests
{
    private static string Read(string text)
    {
        var parsed = UnitParser.Parse(text);
        Assert.That(parsed.Error, Is.Null, text);
        return parsed.Unit?.ToString() ?? "(none)";
    }

    [TestCase("people/day", "person/day")]
    [TestCase("persons per day", "person/day")]
    [TestCase("Person/Days", "person/day")]
    [TestCase("1/year", "1/year")]
    [TestCase("/yr", "1/year")]
    [TestCase("per annum", "1/year")]
    [TestCase("years", "year")]
    [TestCase("Person*Hours/Week", "hour*person/week")]
    [TestCase("person-year", "person*year")]
    [TestCase("m/s^2", "m/second^2")]
    [TestCase("m/s**2", "m/second^2")]
    [TestCase("area^(1/2)", "area^(1/2)")]
    [TestCase("a/b/c", "a/b/c")]
    [TestCase("a/(b/c)", "a*c/b")]
    [TestCase("GBP per patient", "GBP/patient")]
    [TestCase("£/day", "GBP/day")]
    [TestCase("$/year", "USD/year")]
    [TestCase("€", "EUR")]
    [TestCase("degrees Fahrenheit", "degree fahrenheit")]
    [TestCase("deaths/1000/yr", "death/year")]
    [TestCase("per 100k/yr", "1/year")]
    [TestCase("admissions/1,000 people/year", "admission/person/year")]
    [TestCase("GBP/day {2020/21 prices}", "GBP/day")]
    [TestCase("Month [0,?]", "month")]
    [TestCase("GBP/day (2024/25)", "GBP/day")]
    [TestCase("%/yr, uncontrolled HTN", "1/year")]
    [TestCase("fraction of 18-year-olds", "dimensionless")]
    [TestCase("people/year of smokers", "person/year")]
    [TestCase("diagnoses/yr", "diagnosis/year")]
    [TestCase("children", "child")]
    [TestCase("people/person", "dimensionless")]
    public void Parse_ReadsUnitsAsModellersWriteThem(string text, string expected) => Assert.That(Read(text), Is.EqualTo(expected));

    [TestCase("1")]
    [TestCase("dimensionless")]
    [TestCase("Dmnl")]
    [TestCase("%")]
    [TestCase("fraction")]
    [TestCase("probability")]
    [TestCase("multiplier")]
    [TestCase("relative risk")]
    [TestCase("radians")]
    [TestCase("switch")]
    [TestCase("flag")]
    [TestCase("percentage points")]
    public void Parse_DimensionlessWords_AreDimensionless(string text) => Assert.That(Read(text), Is.EqualTo("dimensionless"));

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("{only a comment}")]
    public void Parse_NothingWritten_IsEmptyNotAnError(string text) => Assert.That(UnitParser.Parse(text).IsEmpty, Is.True);

    [TestCase("people//day", "unexpected")]
    [TestCase("(people/day", "not closed")]
    [TestCase("m^x", "whole number")]
    [TestCase("100beds", "space between the number and the unit")]
    [TestCase("people/", "missing at the end")]
    [TestCase("0 people", "not a positive number")]
    public void Parse_BadUnits_SayWhereAndWhat(string text, string fragment)
    {
        var parsed = UnitParser.Parse(text);
        Assert.That(parsed.Unit, Is.Null);
        Assert.That(parsed.Error, Does.Contain(fragment).And.Contain($"of '{text}'"));
    }

    [Test]
    public void Algebra_ProductsQuotientsAndPowers_CancelExactly()
    {
        var person = Unit.Base("person");
        var day = Unit.Base("day");
        Assert.That((person / day * day).Equals(person), Is.True);
        Assert.That((person * person).Pow(new Rational(1, 2)).Equals(person), Is.True, "SQRT of an area is a length, exactly");
        Assert.That((person / person).IsDimensionless, Is.True);
        Assert.That(person.Equals(day), Is.False, "units are compared by name, never converted");
        Assert.That(new Rational(2, -4), Is.EqualTo(new Rational(-1, 2)));
    }

    [Test]
    public void Solver_InfersAnUnknownAndRejectsAContradiction()
    {
        var solver = new UnitSolver();
        var u = solver.NewUnknown("units of 'Contact Rate'");
        var day = UnitForm.Of(Unit.Base("day"));
        var person = UnitForm.Of(Unit.Base("person"));
        Assert.That(solver.Equate(u * day, person), Is.True);
        Assert.That(solver.ValueOf(u)!.ToString(), Is.EqualTo("person/day"));
        Assert.That(solver.Equate(u, person), Is.False, "u is person/day now, not person");
    }
}
