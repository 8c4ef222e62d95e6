namespace Simulation.Engine.Runtime;

/// <summary>How a pipeline delay reads its delay time and what it gives out (the Imm of its <c>PipelineStart</c>).</summary>
public enum PipelineMode
{
    /// <summary>DELAY (Vensim's DELAY FIXED): the delay time read once, when the run starts.</summary>
    Fixed = 0,

    /// <summary>DELAY_INFORMATION: the delay time read every step; the output never goes back to an older input.</summary>
    Information = 1,

    /// <summary>DELAY_MATERIAL: each input leaves after the delay time read when it entered; what leaves together adds up.</summary>
    Material = 2,
}

/// <summary>
/// The buffer of one pipeline DELAY in one run. A DELAY (Vensim's DELAY FIXED) keeps a ring of the last n inputs,
/// n = max(1, round(delay / dt)) fixed when the run starts, as Vensim reads its delay time once. A DELAY_INFORMATION
/// keeps every input of the run, as its delay time may change at any step; a DELAY_MATERIAL keeps, for every step of
/// the run, what is due to leave then.
/// </summary>
public sealed class PipelineBuffer
{
    private double[] _values = [];
    private int _position;

    // Information and material modes: the clock, the initial value, and for information the step of the input last
    // given out (none yet: below 0), for material the steps the initial value covers and which steps have something due.
    private PipelineMode _mode;
    private double _initial, _dt;
    private int _maxSteps, _given, _initialSteps;
    private bool[] _due = [];
    private bool _lost;

    /// <summary>Number of steps between an input and its output (a DELAY's).</summary>
    public int Length => _values.Length;

    /// <summary>Sizes the buffer for the delay time and fills it with the initial value (NaN when the delay time is NaN).</summary>
    /// <param name="maxSteps">The run's step count: a longer delay outputs the initial value for the whole run, as a shorter buffer cannot tell.</param>
    /// <param name="mode">What the delay does with its delay time; the information and material modes then shift with
    /// <see cref="Shift(double, double)"/> and <see cref="ShiftMaterial"/>, which take each step's delay time.</param>
    public void Start(double delayTime, double dt, double initial, int maxSteps, PipelineMode mode = PipelineMode.Fixed)
    {
        _mode = mode;
        _position = 0;
        (_initial, _dt, _maxSteps, _given, _lost) = (initial, dt, maxSteps, int.MinValue, false);
        switch (mode)
        {
            case PipelineMode.Information:
                _values = new double[maxSteps + 1];
                return;
            case PipelineMode.Material:
                // Steps 0 .. maxSteps + 1: an input due after the run's last step is never given out.
                _values = new double[maxSteps + 2];
                _due = new bool[maxSteps + 2];
                _initialSteps = StepsFor(delayTime, dt, maxSteps);
                _lost = double.IsNaN(delayTime);
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
        if (_mode != PipelineMode.Information) throw new InvalidOperationException("a DELAY_INFORMATION buffer must be started in information mode");
        int step = _position++;
        if (step < _values.Length) _values[step] = input;
        if (double.IsNaN(delayTime)) return double.NaN;
        int wanted = step + 1 - StepsFor(delayTime, _dt, _maxSteps);
        if (wanted > _given) _given = wanted;
        return _given < 0 ? _initial : _values[Math.Min(_given, _values.Length - 1)];
    }

    /// <summary>
    /// DELAY_MATERIAL: this step's input leaves max(1, round(<paramref name="delayTime"/> / dt)) steps later, the delay
    /// time being this step's (the one it entered with). Returns the next step's output: what is due then, added up,
    /// plus the initial value while the steps of the first delay time last (the material in the pipeline at the start);
    /// after them, a step with nothing due gives <paramref name="missing"/>. Once a delay time is NaN, so is every later output.
    /// </summary>
    public double ShiftMaterial(double input, double delayTime, double missing)
    {
        if (_mode != PipelineMode.Material) throw new InvalidOperationException("a DELAY_MATERIAL buffer must be started in material mode");
        int step = _position++;
        if (double.IsNaN(delayTime)) _lost = true;
        else
        {
            int leaves = step + StepsFor(delayTime, _dt, _maxSteps);
            if (leaves < _values.Length)
            {
                _values[leaves] += input;
                _due[leaves] = true;
            }
        }
        int next = Math.Min(step + 1, _values.Length - 1);
        if (_lost) return double.NaN;
        if (next < _initialSteps) return _initial + _values[next];
        return _due[next] ? _values[next] : missing;
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
