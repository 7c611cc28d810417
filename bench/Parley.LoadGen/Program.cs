using System.CommandLine;
using Parley.LoadGen;

// Parley.LoadGen: scenarios as code with pass/fail thresholds (issue 7). See bench/README.md.
// Thousands of receive loops share the pool; start with enough threads that a burst of
// completions never waits for the pool's slow thread injection (about one per 500 ms).
ThreadPool.SetMinThreads(64, 64);

var root = new RootCommand("Parley load generator: Parley (REST + SignalR) and XMPP peers, loopback only, bounded runs")
{
    RunCommand.Create(),
    ReportCommand.Create(),
    Parley.LoadGen.Fleet.ConnectionsCommand.Create(),
    Parley.LoadGen.Fleet.WorkerCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
