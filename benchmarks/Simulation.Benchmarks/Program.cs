using BenchmarkDotNet.Running;

// Runs the benchmarks named on the command line: dotnet run -c Release --project benchmarks/Simulation.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
