using Simulation.Engine.Runtime.Vector;

namespace Simulation.Engine.Runtime.Batches;

/// <summary>
/// One call of <see cref="BatchRunner.Run"/>: workers take batches in order, integrate them, and
/// hand them to the delivery, which passes runs to the sink strictly in run order. A worker more
/// than a small window ahead of the delivery waits, so memory stays bounded whatever the run count.
/// </summary>
internal sealed class BatchJob
{
    private readonly VectorProgram _program;
    private readonly int[] _recordSteps;
    private readonly int _valuesPerRun;
    private readonly IRunInputs _inputs;
    private readonly IRunSink _sink;
    private readonly int _batches;
    private readonly int _threads;
    private readonly int _window;
    private readonly ulong _seed;
    private readonly CancellationToken _cancellation;
    private readonly object _gate = new();
    private readonly Dictionary<int, FinishedBatch> _finished = new();
    private readonly Stack<FinishedBatch> _spare = new();
    private int _nextBatch;
    private int _delivered;
    private Exception? _failure;

    public BatchJob(VectorProgram program, int[] recordSteps, int valuesPerRun, IRunInputs inputs, IRunSink sink, int batches, int threads,
        ulong seed, CancellationToken cancellation)
    {
        _seed = seed;
        _program = program;
        _recordSteps = recordSteps;
        _valuesPerRun = valuesPerRun;
        _inputs = inputs;
        _sink = sink;
        _batches = batches;
        _threads = threads;
        _window = 2 * threads;
        _cancellation = cancellation;
    }

    public void Run()
    {
        var others = new Thread[_threads - 1];
        for (int t = 0; t < others.Length; t++)
        {
            others[t] = new Thread(Work) { IsBackground = true, Name = $"sim batch worker {t + 1}" };
            others[t].Start();
        }
        Work();
        foreach (var thread in others) thread.Join();
        if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        _cancellation.ThrowIfCancellationRequested();
    }

    private void Work()
    {
        try
        {
            var work = new BatchWorkspace(_program, _recordSteps.Length) { Seed = _seed };
            var parameters = new double[_inputs.ParameterCount];
            while (true)
            {
                int batch = TakeBatch();
                if (batch < 0) return;
                LoadParameters(work, batch, parameters);
                VectorKernel.Run(work, _recordSteps);
                Finish(batch, work);
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure ??= e;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The next batch to run, or -1 when all are taken or the job failed; waits while too far ahead of the delivery.</summary>
    private int TakeBatch()
    {
        lock (_gate)
        {
            while (true)
            {
                if (_failure is not null || _cancellation.IsCancellationRequested || _nextBatch >= _batches) return -1;
                if (_nextBatch < _delivered + _window) return _nextBatch++;
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Lane l of batch b runs run b * lanes + l; lanes past the last run repeat the batch's first run and are never delivered.</summary>
    private void LoadParameters(BatchWorkspace work, int batch, double[] parameters)
    {
        int lanes = _program.Layout.Lanes, first = batch * lanes;
        work.ActiveLanes = Math.Min(lanes, _inputs.RunCount - first);
        for (int lane = 0; lane < lanes; lane++)
        {
            int run = lane < work.ActiveLanes ? first + lane : first;
            work.RunIndices[lane] = _inputs.StreamIndex(run);
            _inputs.Fill(run, parameters);
            for (int p = 0; p < parameters.Length; p++) work.Parameters.Row(p)[lane] = parameters[p];
        }
    }

    /// <summary>Copies a batch's results out of the worker's workspace, then delivers every batch that is next in order.</summary>
    private void Finish(int batch, BatchWorkspace work)
    {
        FinishedBatch done;
        lock (_gate) done = _spare.Count > 0 ? _spare.Pop() : new FinishedBatch(_program.Layout.Lanes, _valuesPerRun);
        done.CopyFrom(work, _valuesPerRun);
        lock (_gate)
        {
            _finished[batch] = done;
            while (_failure is null && _finished.Remove(_delivered, out var next))
            {
                int lanes = _program.Layout.Lanes;
                for (int lane = 0; lane < next.ActiveLanes; lane++)
                    _sink.Accept(new RunResult(_delivered * lanes + lane, next.Values(lane, _valuesPerRun), next.Problem(lane)));
                _spare.Push(next);
                _delivered++;
            }
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>A batch's results, transposed to one row per run.</summary>
    private sealed class FinishedBatch(int lanes, int valuesPerRun)
    {
        private readonly double[] _values = new double[lanes * valuesPerRun];
        private readonly double[] _problemTimes = new double[lanes];
        private readonly int[] _problemElements = new int[lanes];

        public int ActiveLanes { get; private set; }

        public void CopyFrom(BatchWorkspace work, int valuesPerRun)
        {
            ActiveLanes = work.ActiveLanes;
            for (int v = 0; v < valuesPerRun; v++)
            {
                var row = work.Recorded.Row(v);
                for (int lane = 0; lane < ActiveLanes; lane++) _values[lane * valuesPerRun + v] = row[lane];
            }
            work.ProblemTimes.AsSpan(0, ActiveLanes).CopyTo(_problemTimes);
            work.ProblemElements.AsSpan(0, ActiveLanes).CopyTo(_problemElements);
        }

        public ReadOnlySpan<double> Values(int lane, int valuesPerRun) => _values.AsSpan(lane * valuesPerRun, valuesPerRun);

        public RunProblem? Problem(int lane) => double.IsNaN(_problemTimes[lane]) ? null : new RunProblem(_problemTimes[lane], _problemElements[lane]);
    }
}
