using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Micro -- --filter '*' --exporters json
BenchmarkSwitcher.FromAssembly(typeof(LoginOrchestrator.Bench.Micro.MachineBenchmarks).Assembly).Run(args);
