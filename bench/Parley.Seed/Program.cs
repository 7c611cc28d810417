using System.CommandLine;
using Parley.Seed;

var seed = new RootCommand("Seeds a Parley data folder for benchmarks (bench/README.md)")
{
    SeedUsers.Create(),
    SeedMessages.Create(),
    SendCpu.Create(),
};
return await seed.Parse(args).InvokeAsync();
