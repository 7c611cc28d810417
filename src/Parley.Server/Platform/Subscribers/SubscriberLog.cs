namespace Parley.Server.Platform.Subscribers;

internal static partial class SubscriberLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {Name} runs on node {Node} from position ({Tx}, {Id})")]
    public static partial void LeaseTaken(ILogger logger, string name, string node, long tx, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscriber {Name} lost its lease on node {Node}; another node runs it")]
    public static partial void LeaseLost(ILogger logger, string name, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscriber {Name} failed on the batch starting at event {FirstId} ({Failures} failures in a row); retrying")]
    public static partial void BatchFailed(ILogger logger, Exception ex, string name, long firstId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscriber {Name} could not read or move its cursor; retrying")]
    public static partial void LoopFailed(ILogger logger, Exception ex, string name);
}
