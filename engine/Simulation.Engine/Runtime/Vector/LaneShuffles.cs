using System.Runtime.Intrinsics;
using Simulation.Engine.Ops;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Simulation.Engine.Runtime.Vector;

/// <summary>
/// The two moves between lanes that step code with array elements in its lanes needs (<see cref="ElementPacking"/>);
/// no plan instruction has them, and they compute nothing: each lane of the result is a copy of a lane of an operand,
/// so the bits are those the reference evaluator computed for that element.
/// </summary>
internal static class LaneShuffles
{
    /// <summary>
    /// One lane in all four: an element packed in a vector, read where one value is wanted. The step code reads it back
    /// from the memory the pack is stored in (<see cref="KernelNode.ReadByLane"/>), one load, where moving it between
    /// registers would take a lane permutation per read (folds over an array read every element).
    /// </summary>
    public static readonly Operation[] Broadcast = [new BroadcastLane(0), new BroadcastLane(1), new BroadcastLane(2), new BroadcastLane(3)];

    /// <summary>The lane a <see cref="Broadcast"/> reads, or null for any other operation.</summary>
    public static int? LaneOf(Operation? op) => op is BroadcastLane b ? b.Lane : null;

    /// <summary>Lane j from operand j: four values, each computed alone (or in the same lane of a packed vector), in the four lanes.</summary>
    public static readonly Operation Gather = new GatherLanes();


    private sealed class BroadcastLane(int lane) : Operation(new OpInfo($"Lane{lane}"), OperationKind.Pure, 1)
    {
        public int Lane => lane;

        public override double Apply(double a, double b, double c, double d, double time, double dt) => a;

        public override V Apply(V a, V b, V c, V d, double time, double dt) => Vector256.Create(a.GetElement(lane));
    }

    private sealed class GatherLanes() : Operation(new OpInfo("Lanes"), OperationKind.Pure, 4)
    {
        public override double Apply(double a, double b, double c, double d, double time, double dt) => a;

        public override V Apply(V a, V b, V c, V d, double time, double dt) =>
            Vector256.Create(a.GetElement(0), b.GetElement(1), c.GetElement(2), d.GetElement(3));

        /// <summary>Stack: a, b, c, d -> (a0, b1, c2, d3), by three blends.</summary>
        public override bool TryEmitIntrinsic(AvxEmitter il)
        {
            var d = il.Stash();
            var c = il.Stash();
            il.Blend(0b0010);
            il.Push(c);
            il.Blend(0b0100);
            il.Push(d);
            il.Blend(0b1000);
            il.Release(c);
            il.Release(d);
            return true;
        }
    }
}
