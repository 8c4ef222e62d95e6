namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Division by a power of two as a multiplication. For d = 2^k (a normal double, so 1/d = 2^-k is a double too),
/// x / d and x * (1/d) are the same real number for every x, and IEEE rounds the same real number to the same double:
/// the same bits, zeros, infinities, subnormal results and NaNs alike. A division costs the processor about ten
/// multiplications, so the step code multiplies wherever the divisor is such a constant (in every lane it computes).
/// Any other divisor is left alone: x * (1/3) is not x / 3.
/// </summary>
internal static class ExactReciprocal
{
    /// <summary>The divisor node's reciprocal in each lane, when it is a constant power of two in every lane; else null.</summary>
    public static double[]? Of(KernelNode divisor)
    {
        if (divisor.Kind != NodeKind.Uniform) return null;
        double[] lanes = divisor.Values ?? [divisor.Value, divisor.Value, divisor.Value, divisor.Value];
        var reciprocals = new double[lanes.Length];
        for (int i = 0; i < lanes.Length; i++)
        {
            if (!IsNormalPowerOfTwo(lanes[i])) return null;
            reciprocals[i] = 1.0 / lanes[i];
        }
        return reciprocals;
    }

    /// <summary>±2^k with k from -1022 to 1023: a zero significand and an exponent that is neither subnormal nor infinite/NaN.</summary>
    public static bool IsNormalPowerOfTwo(double d)
    {
        long bits = BitConverter.DoubleToInt64Bits(d);
        long exponent = (bits >> 52) & 0x7FF;
        return (bits & 0xF_FFFF_FFFF_FFFFL) == 0 && exponent is > 0 and < 0x7FF;
    }
}
