using System.CommandLine;
using Parley.LoadGen;

// Parley.LoadGen: scenarios as code with pass/fail thresholds (issue 7). See bench/README.md.
var root = new RootCommand("Parley load generator: Parley (REST + SignalR) and XMPP peers, loopback only, bounded runs")
{
    RunCommand.Create(),
    ReportCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
