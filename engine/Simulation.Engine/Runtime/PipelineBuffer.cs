namespace Simulation.Engine.Runtime;

/// <summary>
/// The buffer of one pipeline DELAY in one run. A DELAY (Vensim's DELAY FIXED) keeps a ring of the last n inputs,
/// n = max(1, round(delay / dt)) fixed when the run starts, as Vensim reads its delay time once. A DELAY_INFORMATION
/// (<c>history</c>) keeps every input of the run, as its delay time may change at any step.
/// </summary>
public sealed class PipelineBuffer
{
    private double[] _values = [];
    private int _position;

    // History mode: the inputs by step, the clock, and the step of the input last given out (none yet: below 0).
    private bool _history;
    private double _initial, _dt;
    private int _maxSteps, _given;

    /// <summary>Number of steps between an input and its output (a DELAY's).</summary>
    public int Length => _values.Length;

    /// <summary>Sizes the buffer for the delay time and fills it with the initial value (NaN when the delay time is NaN).</summary>
    /// <param name="maxSteps">The run's step count: a longer delay outputs the initial value for the whole run, as a shorter buffer cannot tell.</param>
    /// <param name="history">Keep every input (DELAY_INFORMATION): <see cref="Shift(double, double)"/> then takes each step's delay time.</param>
    public void Start(double delayTime, double dt, double initial, int maxSteps, bool history = false)
    {
        _history = history;
        _position = 0;
        if (history)
        {
            (_initial, _dt, _maxSteps, _given) = (initial, dt, maxSteps, int.MinValue);
            _values = new double[maxSteps + 1];
            return;
        }
        _values = new double[StepsFor(delayTime, dt, maxSteps)];
        Array.Fill(_values, double.IsNaN(delayTime) ? double.NaN : initial);
    }

    /// <summary>Stores this step's input and returns the input of Length steps ago.</summary>
    public double Shift(double input)
    {
        _values[_position] = input;
        _position = (_position + 1) % _values.Length;
        return _values[_position];
    }

    /// <summary>
    /// DELAY_INFORMATION: stores this step's input and returns the next step's output, the input of
    /// max(1, round(<paramref name="delayTime"/> / dt)) steps before the next step (the initial value before the run's
    /// first input), but never an older input than the one given last: while the delay lengthens the output holds.
    /// NaN when the delay time is NaN.
    /// </summary>
    public double Shift(double input, double delayTime)
    {
        if (!_history) throw new InvalidOperationException("a DELAY_INFORMATION buffer must be started with history");
        int step = _position++;
        if (step < _values.Length) _values[step] = input;
        if (double.IsNaN(delayTime)) return double.NaN;
        int wanted = step + 1 - StepsFor(delayTime, _dt, _maxSteps);
        if (wanted > _given) _given = wanted;
        return _given < 0 ? _initial : _values[Math.Min(_given, _values.Length - 1)];
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
