using Simulation.Engine.Compilation;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// A batch's slots at the current time and, when the step code takes the Euler step itself (<see cref="StockUpdate"/>),
/// the second buffer it writes the next step's stocks into: where a stock's net rate is computed, the code stores
/// stock + dt * rate there instead of the rate, and the buffers then trade places. The stocks of time t stay in place
/// for everything that still reads them after the rates (recording, the check, later equations of the evaluation).
/// </summary>
internal unsafe struct SlotBuffers
{
    private readonly EvaluationPlan _plan;
    private readonly int _stride;
    private LaneBuffer? _next;

    public SlotBuffers(EvaluationPlan plan, LaneBuffer current, LaneBuffer? next)
    {
        _plan = plan;
        _stride = current.Layout.Stride;
        _next = next;
        Current = current;
        PointInto(current);
    }

    /// <summary>The slots of the current time.</summary>
    public LaneBuffer Current { get; private set; }

    public double* Slots { get; private set; }

    public double* Stocks { get; private set; }

    public double* Rates { get; private set; }

    /// <summary>Bytes from <see cref="Slots"/> to the buffer that receives the next step's stocks (0 without one).</summary>
    public nint ToNext { get; private set; }

    /// <summary>The next step's slots, when the step code writes them.</summary>
    public readonly double* Next => (double*)((byte*)Slots + ToNext);

    /// <summary>The last evaluation also stored the next step's stocks (stocks + dt * rates) in <see cref="Next"/>.</summary>
    public bool Advanced { get; set; }

    /// <summary>What Setup and Initial computed goes to the second buffer too, for when the buffers trade places.</summary>
    public readonly void CopyToNext()
    {
        if (_next is not null) Current.All.CopyTo(_next.All);
    }

    /// <summary>The next step's stocks, written by the step code, become the current slots.</summary>
    public void Trade()
    {
        var current = Current;
        PointInto(_next!);
        _next = current;
        ToNext = (nint)((byte*)_next.Pointer - (byte*)Slots);
    }

    private void PointInto(LaneBuffer buffer)
    {
        Current = buffer;
        Slots = buffer.Pointer;
        Stocks = Slots + _plan.StockBase * _stride;
        Rates = Slots + _plan.RateBase * _stride;
        ToNext = _next is null ? 0 : (nint)((byte*)_next.Pointer - (byte*)Slots);
    }
}
