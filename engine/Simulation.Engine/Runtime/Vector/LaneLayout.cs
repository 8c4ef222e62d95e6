namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// Where a batch keeps its values: slot-major, lanes innermost (<c>[slot][lane]</c>), so each slot is
/// a contiguous row of one double per lane (run) and one plan instruction reads and writes whole
/// rows. Rows are padded by one cache line once they are four lines or longer, so that the rows of
/// neighbouring slots do not all fall into the same cache sets (a power-of-two stride would).
/// </summary>
public readonly record struct LaneLayout
{
    /// <summary>Doubles per <see cref="System.Runtime.Intrinsics.Vector256{T}"/>: lanes come in groups of this many.</summary>
    public const int GroupWidth = 4;

    public LaneLayout(int lanes, int slots)
    {
        if (lanes <= 0 || lanes % GroupWidth != 0)
            throw new ArgumentOutOfRangeException(nameof(lanes), lanes, $"lanes per batch must be a positive multiple of {GroupWidth}");
        Lanes = lanes;
        Slots = slots;
        Stride = lanes * sizeof(double) >= 256 ? lanes + 8 : lanes;
    }

    /// <summary>Runs side by side in one batch.</summary>
    public int Lanes { get; }

    /// <summary>Rows (plan slots and the kernel's own spill slots).</summary>
    public int Slots { get; }

    /// <summary>Doubles from one slot's row to the next.</summary>
    public int Stride { get; }

    public int Groups => Lanes / GroupWidth;

    public int Length => Slots * Stride;

    /// <summary>Rounds a number of runs up to a valid batch width.</summary>
    public static int LanesFor(int runs) => Math.Max(GroupWidth, (runs + GroupWidth - 1) / GroupWidth * GroupWidth);
}
