namespace Simulation.Engine.Model;

/// <summary>
/// The sizes sim accepts, checked before anything is allocated for them (docs/model-format.md, "Limits"), so that a
/// typing slip (a size of 1e400, two dimensions of 65,536) is a clear error instead of an overflow, a silent empty
/// variable or memory growing until the machine gives out.
/// </summary>
public static class ModelLimits
{
    /// <summary>Elements of one dimension.</summary>
    public const int MaxDimensionSize = 1_000_000;

    /// <summary>Scalar elements of the whole model (every variable's elements added up; about 150 bytes each to bind).</summary>
    public const int MaxElements = 5_000_000;

    /// <summary>Bytes of a model, experiment or design file read as text.</summary>
    public const long MaxFileBytes = 256L << 20;
}
