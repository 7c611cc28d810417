using Parley.Server.Hosting;

// Composition root only: the CLI decides whether this run serves or runs a verb.
return await ParleyCli.RunAsync(args);
