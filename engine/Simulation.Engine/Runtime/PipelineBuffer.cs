namespace Simulation.Engine.Runtime;

/// <summary>
/// The ring buffer of one pipeline DELAY in one run: the last n inputs, n = max(1, round(delay / dt))
/// fixed when the run starts (as Vensim's DELAY FIXED reads its delay time once).
/// </summary>
public sealed class PipelineBuffer
{
    private double[] _values = [];
    private int _position;

    /// <summary>Number of steps between an input and its output.</summary>
    public int Length => _values.Length;

    /// <summary>Sizes the buffer for the delay time and fills it with the initial value (NaN when the delay time is NaN).</summary>
    /// <param name="maxSteps">The run's step count: a longer delay outputs the initial value for the whole run, as a shorter buffer cannot tell.</param>
    public void Start(double delayTime, double dt, double initial, int maxSteps)
    {
        _values = new double[StepsFor(delayTime, dt, maxSteps)];
        Array.Fill(_values, double.IsNaN(delayTime) ? double.NaN : initial);
        _position = 0;
    }

    /// <summary>Stores this step's input and returns the input of Length steps ago.</summary>
    public double Shift(double input)
    {
        _values[_position] = input;
        _position = (_position + 1) % _values.Length;
        return _values[_position];
    }

    /// <summary>
    /// round(delay / dt) with halves rounded up (PySD's reading of Vensim's DELAY FIXED), at least 1,
    /// at most <paramref name="maxSteps"/> + 1 (beyond that the output is the initial value all run long).
    /// </summary>
    public static int StepsFor(double delayTime, double dt, int maxSteps)
    {
        double steps = Math.Floor(delayTime / dt + 0.5 + 1e-9);
        if (!(steps >= 1)) return 1;
        return steps > maxSteps ? maxSteps + 1 : (int)steps;
    }
}
