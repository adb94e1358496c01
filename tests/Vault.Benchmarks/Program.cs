using BenchmarkDotNet.Running;
using Vault.Benchmarks;

// dotnet run -c Release --project tests/Vault.Benchmarks -- --filter '*'      BenchmarkDotNet (all classes)
// dotnet run -c Release --project tests/Vault.Benchmarks -- phases 14,15      key-switch phase profile (Markdown)
// dotnet run -c Release --project tests/Vault.Benchmarks -- loop rotate seal 15 20   one op in a loop, for perf
// dotnet run -c Release --project tests/Vault.Benchmarks -- experiment 13,14,15  Vault kernels vs branch-free variants
if (args.Length > 0 && args[0] == "phases") return PhaseProfile.Run(args[1..]);
if (args.Length > 0 && args[0] == "loop") return OperationLoop.Run(args[1..]);
if (args.Length > 0 && args[0] == "experiment") return KernelExperiment.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(PhaseProfile).Assembly).Run(args);
return 0;
