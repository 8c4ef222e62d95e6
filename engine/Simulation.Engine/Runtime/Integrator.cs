using System.Runtime.CompilerServices;
using Simulation.Engine.Model;

namespace Simulation.Engine.Runtime;

/// <summary>
/// The integration loop, for every back end. Time is counted in whole steps, t = start + i * dt
/// (never t += dt), and values are saved every <c>saveEvery</c> steps and at the last step.
/// <list type="bullet">
/// <item>Euler: y += dt * f(t, y)</item>
/// <item>RK2 (Heun): k1 = f(t, y); k2 = f(t + dt, y + dt k1); y += dt (k1 + k2) / 2</item>
/// <item>RK4: the classical four stages, y += dt (k1 + 2 k2 + 2 k3 + k4) / 6</item>
/// </list>
/// Auxiliaries saved at time t are those of the first evaluation at t.
/// </summary>
public static class Integrator
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TKernel>(ref TKernel kernel, TimeSettings time, int steps, int saveEvery) where TKernel : IStateKernel
    {
        double start = time.Start, dt = time.Dt;
        kernel.Initialize(start);
        for (int i = 0; ; i++)
        {
            double t = start + i * dt;
            kernel.EvaluateRates(t);
            if (i % saveEvery == 0 || i == steps) kernel.Record(i, t);
            if (!kernel.CheckFinite(t) || i == steps) return;
            kernel.Capture();
            switch (time.Method)
            {
                case IntegrationMethod.Euler:
                    kernel.EulerStep(dt);
                    break;
                case IntegrationMethod.RK2:
                    kernel.BeginStages();
                    kernel.Accumulate(0.5);
                    kernel.StageFromSaved(dt);
                    kernel.ClampNonNegative();
                    kernel.EvaluateRates(t + dt);
                    kernel.Accumulate(0.5);
                    kernel.FinishStages(dt);
                    break;
                case IntegrationMethod.RK4:
                    kernel.BeginStages();
                    kernel.Accumulate(1.0 / 6);
                    kernel.StageFromSaved(dt / 2);
                    kernel.ClampNonNegative();
                    kernel.EvaluateRates(t + dt / 2);
                    kernel.Accumulate(1.0 / 3);
                    kernel.StageFromSaved(dt / 2);
                    kernel.ClampNonNegative();
                    kernel.EvaluateRates(t + dt / 2);
                    kernel.Accumulate(1.0 / 3);
                    kernel.StageFromSaved(dt);
                    kernel.ClampNonNegative();
                    kernel.EvaluateRates(t + dt);
                    kernel.Accumulate(1.0 / 6);
                    kernel.FinishStages(dt);
                    break;
            }
            kernel.ClampNonNegative();
            kernel.Commit();
        }
    }
}
