using System.Collections.Immutable;
using Simulation.Engine.Model;

namespace Simulation.Engine.Ops;

/// <summary>A graphical function's points, validated (x strictly increasing, as many y as x).</summary>
public sealed record LookupTable(string Name, ImmutableArray<double> X, ImmutableArray<double> Y, GraphInterpolation Interpolation);
