namespace Simulation.Engine.Runtime;

/// <summary>Receives a run's saved values as the integrator produces them.</summary>
public interface IRunRecorder
{
    void Record(int step, double time, ReadOnlySpan<double> slots);

    /// <summary>A value became NaN or infinite; <paramref name="element"/> is the first one, in evaluation order.</summary>
    void NonFinite(double time, int element);
}
