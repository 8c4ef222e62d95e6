namespace Simulation.Tests.Arrays;

/// <summary>INVERT_MATRIX checked by its definition: the matrix times its inverse is the identity.</summary>
public class MatrixInverseTests
{
    private static string Dimensions(int n) => $$"""[ { "name": "R", "size": {{n}} }, { "name": "C", "size": {{n}} }, { "name": "K", "size": 2 } ]""";

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void MatrixTimesInverse_IsTheIdentity_ForEachLeadingElement(int n)
    {
        // Deterministic pseudo-random entries that change with K (the leading dimension) and with time.
        var run = TestModels.Run(TestModels.Model("""
            { "name": "m", "kind": "auxiliary", "dimensions": ["K", "R", "C"], "equation": "3 * SIN(R * 12.9898 + C * 78.233 + K * 3.7 + TIME) + IF_THEN_ELSE(R = C, 0.5, 0)" },
            { "name": "inv", "kind": "auxiliary", "dimensions": ["K", "R", "C"], "equation": "INVERT_MATRIX(m[K, R, C])" },
            { "name": "starred", "kind": "auxiliary", "dimensions": ["K", "R", "C"], "equation": "INVERT_MATRIX(m[K, *, *], SIZE(m[1, *, 1]))" }
            """, "\"start\": 0, \"stop\": 3, \"dt\": 1", Dimensions(n)));
        for (int t = 0; t < 4; t++)
            for (int k = 1; k <= 2; k++)
                for (int i = 1; i <= n; i++)
                    for (int j = 1; j <= n; j++)
                    {
                        double product = 0;
                        for (int q = 1; q <= n; q++) product += run.Series($"m[{k},{i},{q}]")[t] * run.Series($"inv[{k},{q},{j}]")[t];
                        Assert.That(product, Is.EqualTo(i == j ? 1 : 0).Within(1e-9), $"(m inv)[{i},{j}] at k = {k}, step {t}");
                        Assert.That(run.Series($"starred[{k},{i},{j}]")[t], Is.EqualTo(run.Series($"inv[{k},{i},{j}]")[t]));
                    }
    }

    [TestCase("""{ "name": "m", "kind": "auxiliary", "dimensions": ["R", "C"], "equation": "R + C" }""", "[ { \"name\": \"R\", \"size\": 5 }, { \"name\": \"C\", \"size\": 5 } ]", "up to 4 x 4")]
    [TestCase("""{ "name": "m", "kind": "auxiliary", "dimensions": ["R", "C"], "equation": "R + C" }""", "[ { \"name\": \"R\", \"size\": 2 }, { \"name\": \"C\", \"size\": 3 } ]", "square matrix")]
    public void TooLargeOrNotSquare_Reported(string matrix, string dimensions, string message)
    {
        var diagnostics = TestModels.Diagnose(TestModels.Model(matrix + """
            , { "name": "inv", "kind": "auxiliary", "dimensions": ["R", "C"], "equation": "INVERT_MATRIX(m[R, C])" }
            """, dimensions: dimensions));
        Assert.That(diagnostics.Any(d => d.IsError && d.Message.Contains(message)), Is.True, string.Join("; ", diagnostics.Select(d => d.Message)));
    }
}
