namespace Simulation.Engine.Checking;

/// <summary>What the checker learned that the plan compiler needs: evaluation orders and which elements are constant.</summary>
public sealed record ModelAnalysis(IReadOnlyList<int> RatesOrder, IReadOnlyList<int> InitialOrder, bool[] TimeInvariant);
