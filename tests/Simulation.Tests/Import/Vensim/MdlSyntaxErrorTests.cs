using Simulation.Engine.Diagnostics;

namespace Simulation.Tests.Import.Vensim;

/// <summary>
/// Syntax errors in .mdl equations come from the parser core the engine's own equations use (Syntax/ExpressionParser):
/// the same codes, the same located messages and hints, the same nesting limit.
/// </summary>
public class MdlSyntaxErrorTests
{
    private static Diagnostic Error(string records)
    {
        var errors = MdlModels.Errors(MdlModels.File(records));
        Assert.That(errors, Has.Count.EqualTo(1), DiagnosticRenderer.ToText(errors));
        return errors[0];
    }

    [TestCase(5000, "(", ")")]
    [TestCase(5000, "- ", "")]
    [TestCase(5000, ":NOT: ", "")]
    [TestCase(5000, "ABS(", ")")]
    [TestCase(100000, "(", ")")]
    public void DeepNesting_TooDeep_NotACrash(int depth, string open, string close)
    {
        var error = Error($"x = {string.Concat(Enumerable.Repeat(open, depth))}1{string.Concat(Enumerable.Repeat(close, depth))} ~~|");
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.TooDeeplyNested));
        Assert.That(error.Location!.Value.Line, Is.EqualTo(2));
    }

    [Test]
    public void NestingJustUnderTheLimit_Reads() =>
        Assert.That(MdlModels.Run(MdlModels.File($"x = {new string('(', 150)}2{new string(')', 150)} ~~|")).Series("x")[0], Is.EqualTo(2));

    [Test]
    public void LongFlatChain_IsNotNesting()
    {
        var result = MdlModels.Run(MdlModels.File($"x = {string.Join(" + ", Enumerable.Repeat("1", 5000))} ~~|"));
        Assert.That(result.Series("x")[0], Is.EqualTo(5000));
    }

    [Test]
    public void NumberTooLarge_Located()
    {
        var error = Error("x = 2 * 1e999 ~~|");
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.NumberOutOfRange));
        Assert.That((error.Location!.Value.Line, error.Location.Value.Column), Is.EqualTo((2, 9)));
    }

    [Test]
    public void EmptyEquation_Reported() => Assert.That(Error("x = ~~|").Code, Is.EqualTo(DiagnosticCodes.EmptyEquation));

    [Test]
    public void TwoOperandsInARow_HintAtAMissingOperator()
    {
        var error = Error("x = 1 2 ~~|");
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.SyntaxError));
        Assert.That(error.Message, Does.Contain("expected an operator or the end of the equation but found '2'"));
        Assert.That(error.Hint, Does.Contain("operator missing"));
        Assert.That((error.Location!.Value.Line, error.Location.Value.Column), Is.EqualTo((2, 7)));
    }

    [Test]
    public void UnclosedString_NamedWithAHint()
    {
        var error = Error("x = GET XLS DATA('data.xlsx) ~~|");
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.SyntaxError));
        Assert.That(error.Message, Does.Contain("but found a string that is never closed"));
        Assert.That(error.Hint, Does.Contain("closing single quote"));
        Assert.That((error.Location!.Value.Line, error.Location.Value.Column), Is.EqualTo((2, 18)));
    }

    [Test]
    public void NotAfterAnArithmeticOperator_Rejected()
    {
        // :NOT: binds looser than the comparisons, so it cannot be an operand of +.
        var error = Error("x = 1 + :NOT: 0 ~~|");
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.SyntaxError));
        Assert.That(error.Message, Does.Contain("expected a number, a name or '(' but found 'NOT'"));
    }
}
