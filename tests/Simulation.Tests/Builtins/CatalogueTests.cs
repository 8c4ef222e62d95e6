using System.Text.RegularExpressions;
using Simulation.Engine.Binding;
using Simulation.Engine.Ops;

namespace Simulation.Tests.Builtins;

/// <summary>
/// The operation catalogue keeps its promise: every builtin name the binder knows is documented, every operation
/// the equation language can call is reachable by a name, and a name's defaults fill exactly the operands it may
/// leave out. Adding a builtin is one descriptor, its tests and a line in docs/builtins.md; these fail until the line is there.
/// </summary>
public class CatalogueTests
{
    [Test]
    public void EveryBuiltinName_IsDocumentedInBuiltinsMd()
    {
        string doc = File.ReadAllText(TestModels.PathOf("docs", "builtins.md"));
        var written = Regex.Matches(doc, @"[A-Z][A-Z0-9_]+").Select(m => m.Value).ToHashSet();
        var missing = BuiltinCatalog.All.Select(b => b.Name).Where(n => !written.Contains(n)).ToList();
        Assert.That(missing, Is.Empty, "give each a line in docs/builtins.md");
    }

    [Test]
    public void EveryCallableOperation_HasAName()
    {
        var named = BuiltinCatalog.All.Select(b => b.Operation).OfType<Operation>().ToHashSet();
        var callable = Operations.All.Where(o => o.Kind is OperationKind.Timed or OperationKind.Lookup or OperationKind.Fold);
        Assert.That(callable.Where(o => !named.Contains(o)).Select(o => o.Name), Is.Empty);
    }

    [Test]
    public void EverySpelling_DefaultsFillTheOperandsItMayLeaveOut()
    {
        foreach (var op in Operations.All.Where(o => o.Kind is OperationKind.Pure or OperationKind.Timed))
            foreach (var spelling in op.Info.Spellings)
            {
                int fewest = spelling.OneArgumentFold is null ? spelling.MinArgs : 2; // MIN(x[*]) is a fold, not a call
                int leftOut = op.Arity - Math.Min(fewest, op.Arity);
                Assert.That(spelling.Defaults.Length, Is.EqualTo(leftOut), $"{spelling.Name}: {op.Name} has {op.Arity} operands");
                Assert.That(spelling.MaxArgs, Is.LessThanOrEqualTo(op.Arity), spelling.Name);
            }
    }

    [TestCase("PULSE_VENSIM(2, 3)", "PULSE_TRAIN(2, 3, 0, INF)")]
    [TestCase("ZIDZ(6, TIME - 2)", "SAFEDIV(6, TIME - 2, 0)")]
    [TestCase("RAMP(1, 2)", "RAMP(1, 2, INF)")]
    [TestCase("PULSE(5, 2)", "PULSE(5, 2, 0)")]
    public void ShortCall_EqualsTheFullCall(string shortCall, string fullCall)
    {
        var run = TestModels.Run(TestModels.Model($"{Equations.Aux("a", shortCall)}, {Equations.Aux("b", fullCall)}", Equations.Time(0, 8, 0.5)));
        Assert.That(run.Series("a"), Is.EqualTo(run.Series("b")));
        Assert.That(run.Series("a"), Has.Some.Not.EqualTo(0.0), "the case shows nothing if both are always 0");
    }
}
