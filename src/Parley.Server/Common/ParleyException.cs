using Parley.Contracts;

namespace Parley.Server.Common;

/// <summary>
/// A failure the caller caused or can act on. Services throw it; the HTTP pipeline and the hub map it
/// in one place each (<see cref="Hosting.ProblemMapping"/>, <see cref="Realtime.ParleyHub"/>).
/// Anything else that escapes is a bug and becomes a 500 without details.
/// </summary>
public sealed class ParleyException(int status, string code, string message, TimeSpan? retryAfter = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public TimeSpan? RetryAfter { get; } = retryAfter;
    public IDictionary<string, string[]>? Errors { get; init; }

    /// <summary>
    /// Response headers that belong to the error (e.g. <c>Content-Range: bytes */size</c> on a 416, RFC 9110 §15.5.17).
    /// The exception handler clears the response before writing the problem, so headers set earlier would be lost.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>More members of the problem document (e.g. <c>callId</c> on a 409 naming the call already running).</summary>
    public IReadOnlyDictionary<string, object>? Extensions { get; init; }

    public static ParleyException NotFound(string what) => new(404, ErrorCodes.NotFound, $"{what} was not found.");
    public static ParleyException Forbidden(string message) => new(403, ErrorCodes.Forbidden, message);
    public static ParleyException Conflict(string message) => new(409, ErrorCodes.Conflict, message);
    public static ParleyException Invalid(string field, string message) =>
        new(400, ErrorCodes.ValidationFailed, message) { Errors = new Dictionary<string, string[]> { [field] = [message] } };
}
