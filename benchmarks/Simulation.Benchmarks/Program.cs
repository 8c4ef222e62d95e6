using BenchmarkDotNet.Running;
using Simulation.Benchmarks;

// Runs the benchmarks named on the command line: dotnet run -c Release --project benchmarks/Simulation.Benchmarks -- --filter '*'
// or, in one process with the cases interleaved: ... -- interleaved [rounds] [pack ...] (SIM_LANES=4,8,16: batch widths instead),
// or one case in a loop (for perf record): ... -- loop PACK RUNS COUNT,
// or what a pack's step instructions are made of: ... -- planstats [pack ...],
// or one run on the batch engine and on the one-run program, alternated: ... -- onerun [rounds] [pack ...],
// or sim serve's point requests in process (no HTTP): ... -- point [count] [pack] [futures],
// or what single operations cost here (divisions, libm exp and pow): ... -- costs,
// or what generating and JIT-compiling an experiment's batch step code costs, repeated: ... -- stepcode EXPERIMENT [rounds] [lanes]
if (args.Length > 0 && args[0] == "loop") Loop.Run(args[1..]);
else if (args.Length > 0 && args[0] == "onerun") OneRun.Run(args[1..]);
else if (args.Length > 0 && args[0] == "planstats") PlanStats.Run(args[1..]);
else if (args.Length > 0 && args[0] == "costs") OperationCosts.Run(args[1..]);
else if (args.Length > 0 && args[0] == "point") PointRequests.Run(args[1..]);
else if (args.Length > 0 && args[0] == "stepcode") StepCodeCost.Run(args[1..]);
else if (args.Length > 0 && args[0] == "interleaved") Interleaved.Run(args[1..]);
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
