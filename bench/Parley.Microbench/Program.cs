using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process toolchain: the machine has no network, and the benchmarked code is this build's.
// Median and the upper percentiles beside the mean: on a shared machine the tail says how noisy a run was.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
    .AddColumn(StatisticColumn.Median, StatisticColumn.P90, StatisticColumn.P95, StatisticColumn.Max);
BenchmarkSwitcher.FromAssembly(typeof(Parley.Microbench.SensitiveWordBenchmarks).Assembly).Run(args, config);
