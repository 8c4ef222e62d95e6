using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Simulation.Benchmarks;

/// <summary>
/// <c>costs</c>: what single operations cost on this machine, the numbers behind the lower bounds in
/// benchmarks/README.md ("sim serve"): the throughput of divisions (4 lanes and 1), multiplications and
/// additions with many independent chains, the latency of one dependent chain of additions, and Math.Exp and
/// Math.Pow (libm) per call on arguments like the hospital model's. Each figure is the best of 7 repetitions
/// (the least disturbed by other processes), in ns and in cycles at the nominal 2.45 GHz.
/// </summary>
public static class OperationCosts
{
    private const double Ghz = 2.45;

    public static void Run(string[] args)
    {
        if (!Avx.IsSupported) throw new PlatformNotSupportedException("needs AVX");
        Print("vdivpd ymm (4 lanes), 12 independent chains", 12L * 4_000_000, () => DividePacked(4_000_000));
        Print("vdivsd (1 lane), 12 independent chains", 12L * 4_000_000, () => DivideScalar(4_000_000));
        Print("vmulpd ymm, 12 independent chains", 12L * 8_000_000, () => MultiplyPacked(8_000_000));
        Print("vaddsd, 1 dependent chain (latency)", 8_000_000, () => AddChain(8_000_000));
        double[] exps = Enumerable.Range(0, 4096).Select(i => -6.0 + 6.0 * i / 4096).ToArray();
        double[] bases = Enumerable.Range(0, 4096).Select(i => 1.0 + 0.05 * i / 4096).ToArray();
        double[] powers = Enumerable.Range(0, 4096).Select(i => 10.0 * i / 4096).ToArray();
        Print("Math.Exp (libm exp), independent calls", 4096L * 500, () => Exp(exps, 500));
        Print("Math.Pow (libm pow), independent calls", 4096L * 200, () => Pow(bases, powers, 200));
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    private static void Print(string what, long operations, Func<double> body)
    {
        body();
        double best = double.MaxValue, sink = 0;
        for (int r = 0; r < 7; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            sink += body();
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalNanoseconds);
        }
        double ns = best / operations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-48} {ns,7:F3} ns  {ns * Ghz,6:F2} cycles  (checksum {sink:G3})"));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double DividePacked(int n)
    {
        var d = Vector256.Create(1.0000001);
        Vector256<double> a0 = Vector256.Create(1.0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < n; i++)
        {
            a0 = Avx.Divide(a0, d); a1 = Avx.Divide(a1, d); a2 = Avx.Divide(a2, d); a3 = Avx.Divide(a3, d);
            a4 = Avx.Divide(a4, d); a5 = Avx.Divide(a5, d); a6 = Avx.Divide(a6, d); a7 = Avx.Divide(a7, d);
            a8 = Avx.Divide(a8, d); a9 = Avx.Divide(a9, d); a10 = Avx.Divide(a10, d); a11 = Avx.Divide(a11, d);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).GetElement(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double DivideScalar(int n)
    {
        var d = Vector128.Create(1.0000001);
        Vector128<double> a0 = Vector128.Create(1.0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < n; i++)
        {
            a0 = Sse2.DivideScalar(a0, d); a1 = Sse2.DivideScalar(a1, d); a2 = Sse2.DivideScalar(a2, d); a3 = Sse2.DivideScalar(a3, d);
            a4 = Sse2.DivideScalar(a4, d); a5 = Sse2.DivideScalar(a5, d); a6 = Sse2.DivideScalar(a6, d); a7 = Sse2.DivideScalar(a7, d);
            a8 = Sse2.DivideScalar(a8, d); a9 = Sse2.DivideScalar(a9, d); a10 = Sse2.DivideScalar(a10, d); a11 = Sse2.DivideScalar(a11, d);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).GetElement(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double MultiplyPacked(int n)
    {
        var d = Vector256.Create(0.9999999);
        Vector256<double> a0 = Vector256.Create(1.0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < n; i++)
        {
            a0 = Avx.Multiply(a0, d); a1 = Avx.Multiply(a1, d); a2 = Avx.Multiply(a2, d); a3 = Avx.Multiply(a3, d);
            a4 = Avx.Multiply(a4, d); a5 = Avx.Multiply(a5, d); a6 = Avx.Multiply(a6, d); a7 = Avx.Multiply(a7, d);
            a8 = Avx.Multiply(a8, d); a9 = Avx.Multiply(a9, d); a10 = Avx.Multiply(a10, d); a11 = Avx.Multiply(a11, d);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).GetElement(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double AddChain(int n)
    {
        var d = Vector128.Create(1e-9);
        var a = Vector128<double>.Zero;
        for (int i = 0; i < n; i++) a = Sse2.AddScalar(a, d);
        return a.ToScalar();
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Exp(double[] x, int repeats)
    {
        double sum = 0;
        for (int r = 0; r < repeats; r++)
            foreach (double v in x) sum += Math.Exp(v);
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Pow(double[] b, double[] p, int repeats)
    {
        double sum = 0;
        for (int r = 0; r < repeats; r++)
            for (int i = 0; i < b.Length; i++) sum += Math.Pow(b[i], p[i]);
        return sum;
    }
}
