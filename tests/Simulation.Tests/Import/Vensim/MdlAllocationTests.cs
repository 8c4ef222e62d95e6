using Simulation.Engine.Conformance;
using Simulation.Engine.Diagnostics;
using Simulation.Engine.Results;

namespace Simulation.Tests.Import.Vensim;

/// <summary>
/// ALLOCATE BY PRIORITY and ALLOCATE AVAILABLE against allocations worked out by hand from the priority profiles
/// (Vensim's reference manual). The SDXorg case tests/allocate_available checks them against Vensim's own output.
/// </summary>
public class MdlAllocationTests
{
    private static double[] Values(SimulationResult run, string name, params string[] elements) =>
        elements.Select(e => run.Series($"{name}[{e}]")[0]).ToArray();

    [Test]
    public void ByPriority_HighestFirst_WithinTheWidthShared()
    {
        // Rectangular profiles of width w around priorities 3, 2, 1. Width 1: d1 is served in full before d2 starts;
        // 10 + 20 (2.5 - P) = 25 at P = 1.75 gives d2 15. Width 2: at P in [1, 2], 10 + 20 (3 - P)/2 + 30 (2 - P)/2 = 25
        // at P = 1.8, so d2 gets 12 and d3 3.
        var run = MdlModels.Run(MdlModels.File("""
            D: d1, d2, d3 ~~|
            asks[D] = 10, 20, 30 ~~|
            prio[D] = 3, 2, 1 ~~|
            narrow[D] = ALLOCATE BY PRIORITY(asks[D], prio[D], ELMCOUNT(D), 1, 25) ~~|
            wide[D] = ALLOCATE BY PRIORITY(asks[D], prio[D], ELMCOUNT(D), 2, 25) ~~|
            plenty[D] = ALLOCATE BY PRIORITY(asks[D], prio[D], ELMCOUNT(D), 2, 100) ~~|
            none[D] = ALLOCATE BY PRIORITY(asks[D], prio[D], ELMCOUNT(D), 2, 0) ~~|
            """));
        Assert.Multiple(() =>
        {
            Assert.That(Values(run, "narrow", "d1", "d2", "d3"), Is.EqualTo(new[] { 10.0, 15, 0 }).Within(1e-9));
            Assert.That(Values(run, "wide", "d1", "d2", "d3"), Is.EqualTo(new[] { 10.0, 12, 3 }).Within(1e-9));
            Assert.That(Values(run, "plenty", "d1", "d2", "d3"), Is.EqualTo(new[] { 10.0, 20, 30 }));
            Assert.That(Values(run, "none", "d1", "d2", "d3"), Is.EqualTo(new[] { 0.0, 0, 0 }));
        });
    }

    [Test]
    public void Available_EachProfile_SharesAsItsCurveSays()
    {
        // Two requests of 10, priorities 5 and 4.5, width 2, supply 10. By symmetry the price clears at 4.75, a quarter
        // width from each: z = -1/8 for a and +1/8 for b. Triangular: 1 - 2 (3/8)^2 and 2 (3/8)^2; normal: Phi(1/8) and
        // 1 - Phi(1/8); exponential: 1 - e^(-1/8) / 2 and e^(-1/8) / 2; rectangular: 5/8 and 3/8.
        var run = MdlModels.Run(MdlModels.File("""
            branch: a, b ~~|
            pprofile: ptype, ppriority, pwidth, pextra ~~|
            req[branch] = 10, 10 ~~|
            rectangular[branch, pprofile] = 1, 5, 2, 0; 1, 4.5, 2, 0; ~~|
            triangular[branch, pprofile] = 2, 5, 2, 0; 2, 4.5, 2, 0; ~~|
            normal[branch, pprofile] = 3, 5, 2, 0; 3, 4.5, 2, 0; ~~|
            exponential[branch, pprofile] = 4, 5, 2, 0; 4, 4.5, 2, 0; ~~|
            got rectangular[branch] = ALLOCATE AVAILABLE(req[branch], rectangular[branch, ptype], 10) ~~|
            got triangular[branch] = ALLOCATE AVAILABLE(req[branch], triangular[branch, ptype], 10) ~~|
            got normal[branch] = ALLOCATE AVAILABLE(req[branch], normal[branch, ptype], 10) ~~|
            got exponential[branch] = ALLOCATE AVAILABLE(req[branch], exponential[branch, ptype], 10) ~~|
            """));
        const double phi = 0.54973822483019471; // Phi(0.125)
        double tail = Math.Exp(-0.125) / 2;
        Assert.Multiple(() =>
        {
            Assert.That(Values(run, "got rectangular", "a", "b"), Is.EqualTo(new[] { 6.25, 3.75 }).Within(1e-9));
            Assert.That(Values(run, "got triangular", "a", "b"), Is.EqualTo(new[] { 10 * (1 - 0.28125), 10 * 0.28125 }).Within(1e-9));
            Assert.That(Values(run, "got normal", "a", "b"), Is.EqualTo(new[] { 10 * phi, 10 * (1 - phi) }).Within(1e-9));
            Assert.That(Values(run, "got exponential", "a", "b"), Is.EqualTo(new[] { 10 * (1 - tail), 10 * tail }).Within(1e-9));
        });
    }

    [Test]
    public void Available_ProfileTypeNotSimulated_IsReportedByTheRun()
    {
        var result = MdlModels.Run(MdlModels.File("""
            branch: a, b ~~|
            pprofile: ptype, ppriority, pwidth, pextra ~~|
            req[branch] = 10, 10 ~~|
            elastic[branch, pprofile] = 5, 5, 2, 0; 5, 4.5, 2, 0; ~~|
            got[branch] = ALLOCATE AVAILABLE(req[branch], elastic[branch, ptype], 10) ~~|
            """));
        Assert.That(result.Diagnostics.Select(d => d.Code), Has.Member(DiagnosticCodes.NotFinite));
    }

    /// <summary>
    /// Vensim's own output (SDXorg tests/allocate_available, Vensim DSS 9.2.4): every allocation with rectangular,
    /// triangular and exponential profiles agrees by the conformance rule; where a normal profile takes part (the
    /// allocation3 variables, and allocation mixed, whose every row holds one) Vensim's values differ from the normal
    /// distribution's by up to 2 %, which is why the case is set aside.
    /// </summary>
    [Test]
    public void Available_SdxorgCase_AgreesWithVensimExceptWhereANormalProfileTakesPart()
    {
        string folder = TestModels.PathOf("tests", "conformance", "sdxorg-mdl", "tests", "allocate_available");
        var run = MdlModels.Run(File.ReadAllText(Path.Combine(folder, "test_allocate_available.mdl")));
        // Every row of 'allocation mixed' shares its supply with a normal profile (each branch's 'large' is ptype 3).
        static bool Normal(string name) => name.StartsWith("allocation3", StringComparison.Ordinal) || name.StartsWith("allocation mixed", StringComparison.Ordinal);
        int normal = 0;
        int compared = MdlModels.CompareWithCanonical(run, Path.Combine(folder, "output.tab"), (name, a, e) =>
            Normal(name) ? ++normal > 0 && Math.Abs(a - e) <= 1e-6 + 0.025 * Math.Abs(e) : ResultComparison.Agree(a, e));
        Assert.That((compared, normal), Is.EqualTo((3654, 1716)), "values compared, and of those where a normal profile takes part (within 2.5 %)");
    }
}
