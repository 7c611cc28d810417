using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Platform.Outbound;

/// <summary>
/// A call to an integration URL that was refused or failed, with a stable code from <see cref="OutboundErrorCodes"/>.
/// Registration endpoints turn it into a 422 (<see cref="ToProblem"/>); senders record <see cref="Code"/> on the delivery.
/// </summary>
public sealed class OutboundException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;

    public bool IsRefusal => Code is OutboundErrorCodes.TargetForbidden or OutboundErrorCodes.InvalidTarget;

    /// <summary>The problem an API returns when a URL is registered: 422 with this code.</summary>
    public ParleyException ToProblem(string field = "url") =>
        new(422, Code, Message) { Errors = new Dictionary<string, string[]> { [field] = [Message] } };

    public static OutboundException Forbidden(string message) => new(OutboundErrorCodes.TargetForbidden, message);
    public static OutboundException Invalid(string message) => new(OutboundErrorCodes.InvalidTarget, message);
}
