namespace Simulation.Engine.Levers;

/// <summary>
/// Why a request to the levers app cannot be run, or what to know about its answer: the message, the part of the
/// request it is about (<c>inputs/Mortality rate</c>, <c>scenario</c>, <c>interventions/0</c>, <c>futures</c>,
/// <c>body</c>) and a hint, such as "did you mean ...".
/// </summary>
public sealed record LeverProblem(string Message, string Field, string? Hint = null);
