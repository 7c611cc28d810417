using Parley.Server.Hosting;
using Parley.Server.Platform;
using Parley.TestHost;

// The server as operators run it, with a test-only durable subscriber that records every delivery in a file.
return await ServeCommand.ServeAsync(args, builder => builder.Services.AddEventSubscriber<FileSubscriber>());
