using System.Globalization;

namespace Simulation.Engine.Diagnostics;

/// <summary>
/// A number in a message, as a person would write it: 15 significant digits, so that 0.3 * 3 reads 0.9 and not
/// 0.8999999999999999 (binary rounding noise that no one typed). Files keep every digit ("R"); messages use this.
/// </summary>
public static class MessageNumber
{
    public static string Of(double value) => value.ToString("G15", CultureInfo.InvariantCulture);
}
