namespace Simulation.Engine.Units;

/// <summary>
/// An exact fraction, for the powers of units: SQRT(area) has length^(1/2 * 2) = length, which a double
/// would only approximate. Always in lowest terms with a positive denominator.
/// </summary>
public readonly record struct Rational
{
    public long Numerator { get; }
    public long Denominator { get; }

    public Rational(long numerator, long denominator = 1)
    {
        if (denominator == 0) throw new DivideByZeroException("a rational with denominator 0");
        if (denominator < 0) (numerator, denominator) = (-numerator, -denominator);
        long g = Gcd(Math.Abs(numerator), denominator);
        (Numerator, Denominator) = g > 1 ? (numerator / g, denominator / g) : (numerator, denominator);
    }

    public static readonly Rational Zero = new(0);
    public static readonly Rational One = new(1);

    public bool IsZero => Numerator == 0;
    public bool IsInteger => Denominator == 1;

    public static implicit operator Rational(long value) => new(value);

    public static Rational operator +(Rational a, Rational b) => new(checked(a.Numerator * b.Denominator + b.Numerator * a.Denominator), checked(a.Denominator * b.Denominator));
    public static Rational operator -(Rational a, Rational b) => a + -b;
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);
    public static Rational operator *(Rational a, Rational b) => new(checked(a.Numerator * b.Numerator), checked(a.Denominator * b.Denominator));
    public static Rational operator /(Rational a, Rational b) => new(checked(a.Numerator * b.Denominator), checked(a.Denominator * b.Numerator));

    /// <summary>The fraction a double is, when its denominator is at most 1000 (0.5 is 1/2; 0.1234567 is none).</summary>
    public static Rational? FromDouble(double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > 1e6) return null;
        for (long d = 1; d <= 1000; d++)
        {
            double n = Math.Round(value * d);
            if (Math.Abs(n / d - value) <= 1e-12 * Math.Max(1, Math.Abs(value))) return new Rational((long)n, d);
        }
        return null;
    }

    public override string ToString() => Denominator == 1 ? Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Numerator}/{Denominator}";

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a == 0 ? 1 : a;
    }
}
