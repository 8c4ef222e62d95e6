namespace Simulation.Tests.Import.Vensim;

/// <summary>
/// NPV, TIME BASE and LOOKUP AREA as Vensim's reference manual defines them, against closed forms computed here
/// (not by the engine's stocks): NPV's value at step k is factor · (initial + Σ_{j ≤ k} stream_j · dt / (1 + rate · dt)^j).
/// </summary>
public class MdlFinanceTests
{
    private const string HalfMonths = """
        INITIAL TIME = 0 ~ Month ~ |
        FINAL TIME = 5 ~ Month ~ |
        TIME STEP = 0.5 ~ Month [0,?] ~ |
        SAVEPER = TIME STEP ~ Month ~ |
        """;

    [Test]
    public void Npv_ConstantStream_IsTheDiscountedGeometricSum()
    {
        var result = MdlModels.Run(MdlModels.File("""
            payment = 100 ~ GBP/Month ~ |
            rate = 0.1 ~ 1/Month ~ |
            value = NPV(payment, rate, 5, 2) ~ GBP ~ |
            """, HalfMonths));
        double dt = 0.5, q = 1 / (1 + 0.1 * dt);
        var value = result.Series("value");
        Assert.That(value, Has.Length.EqualTo(11));
        for (int k = 0; k < value.Length; k++)
        {
            double expected = 2 * (5 + 100 * dt * (1 - Math.Pow(q, k + 1)) / (1 - q));
            Assert.That(value[k], Is.EqualTo(expected).Within(1e-9), $"step {k}");
        }
    }

    [Test]
    public void Npv_ChangingStreamAndRateInAnArray_DiscountsEachPaymentAtItsStep()
    {
        var result = MdlModels.Run(MdlModels.File("""
            Site: north, south ~~|
            payment[north] = STEP(10, 1) + Time ~ GBP/Month ~ |
            payment[south] = 50 - Time ~ GBP/Month ~ |
            rate[Site] = 0.2, 0.05 ~ 1/Month ~ |
            value[Site] = NPV(payment[Site], rate[Site], 0, 1) ~ GBP ~ |
            """, HalfMonths));
        double dt = 0.5;
        foreach (var (element, rate, stream) in new (string, double, Func<double, double>)[]
                 {
                     ("north", 0.2, t => (t + dt / 2 > 1 ? 10 : 0) + t),
                     ("south", 0.05, t => 50 - t),
                 })
        {
            var value = result.Series($"value[{element}]");
            double sum = 0;
            for (int k = 0; k < value.Length; k++)
            {
                sum += stream(k * dt) * dt / Math.Pow(1 + rate * dt, k);
                Assert.That(value[k], Is.EqualTo(sum).Within(1e-9), $"{element} at step {k}");
            }
        }
    }

    [Test]
    public void TimeBase_IsTheStartPlusTimeTimesTheSlope()
    {
        var result = MdlModels.Run(MdlModels.File("""
            calendar = TIME BASE(2020, 1/12) ~ Year ~ |
            """, HalfMonths));
        var calendar = result.Series("calendar");
        for (int k = 0; k < calendar.Length; k++)
            Assert.That(calendar[k], Is.EqualTo(2020 + k * 0.5 / 12).Within(1e-12));
    }

    [Test]
    public void LookupArea_ReferenceManualExamples()
    {
        // Points (0, 1), (1, 1), (2, 2): from 0 to 1 the area is 1; from 2 to 4, beyond the last point, 2 x 2 = 4;
        // from 0.5 to 2.5, 0.5 + 1.5 + 1 = 3; backwards it is negative; from -1 to 0, held at the first y, 1.
        var result = MdlModels.Run(MdlModels.File("""
            tbl((0, 1), (1, 1), (2, 2)) ~~|
            a = LOOKUP AREA(tbl, 0, 1) ~~|
            b = LOOKUP AREA(tbl, 2, 4) ~~|
            c = LOOKUP AREA(tbl, 0.5, 2.5) ~~|
            d = LOOKUP AREA(tbl, 2.5, 0.5) ~~|
            e = LOOKUP AREA(tbl, -1, 0) ~~|
            f = LOOKUP AREA(tbl, 1, 1.5) ~~|
            """));
        Assert.That(new[] { "a", "b", "c", "d", "e", "f" }.Select(n => result.Series(n)[0]),
            Is.EqualTo(new[] { 1, 4, 3, -3, 1, 0.5 * (1 + 1.5) / 2 }).Within(1e-12));
    }
}
