using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Polly;

namespace Parley.Server.Platform.Outbound;

/// <summary>One call to an integration URL.</summary>
public sealed record OutboundRequest(HttpMethod Method, Uri Url)
{
    public byte[]? Body { get; init; }
    public string ContentType { get; init; } = "application/json";
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Shorter than Parley:Webhooks:Timeout when the caller has a budget (a slash command's 3 seconds).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>0 reads no body (a webhook delivery only needs the status); null takes Parley:Webhooks:MaxResponseBytes.</summary>
    public int? MaxResponseBytes { get; init; }
}

public sealed record OutboundResponse(int Status, byte[] Body, string? ContentType)
{
    public bool IsSuccess => Status is >= 200 and < 300;
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// The one way Parley calls integration URLs, guarded against server-side request forgery. The guard sits where the
/// socket is opened (<see cref="SocketsHttpHandler.ConnectCallback"/>): the host is resolved there and only addresses
/// <see cref="AddressGuard"/> accepts (or Parley:Webhooks:AllowedHosts lists) are connected to, so a name that
/// resolves to 127.0.0.1 and a name whose DNS answer changes after registration (rebinding) are caught the same way
/// as a literal address. Redirects are followed by hand (each hop is a new request through the same guard), no proxy
/// is used (a proxy would connect on our behalf), and the body read is capped.
/// </summary>
public sealed class OutboundHttp(IHttpClientFactory clients, IOptionsMonitor<OutboundOptions> options)
{
    public const string ClientName = "parley-outbound";

    /// <summary>
    /// Checks a URL when it is registered: absolute http(s), and its host (a literal address, or every address the
    /// name resolves to now) is allowed. A name that does not resolve yet is accepted: every connection is checked again.
    /// </summary>
    /// <exception cref="OutboundException">invalid_target or target_forbidden.</exception>
    public async Task<Uri> ValidateTargetAsync(string? url, CancellationToken ct = default)
    {
        var uri = ParseTarget(url);
        var o = options.CurrentValue;
        var host = HostOf(uri);
        if (o.IsAllowed(host, null)) return uri;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else
        {
            try
            {
                using var dns = CancellationTokenSource.CreateLinkedTokenSource(ct);
                dns.CancelAfter(o.ConnectTimeout);
                addresses = await Dns.GetHostAddressesAsync(host, dns.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                return uri;
            }
        }
        foreach (var a in addresses)
            if (AddressGuard.IsForbidden(a) && !o.IsAllowed(host, a))
                throw OutboundException.Forbidden($"{host} resolves to {a}, a loopback, private, link-local or otherwise internal address; an administrator can allow it in Parley:Webhooks:AllowedHosts.");
        return uri;
    }

    /// <summary>An absolute http or https URL without user information, at most 2,000 characters.</summary>
    public static Uri ParseTarget(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
            throw OutboundException.Invalid("The URL must be an absolute http or https URL of at most 2,000 characters.");
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            throw OutboundException.Invalid("Only http and https URLs can be called.");
        if (!string.IsNullOrEmpty(uri.UserInfo)) throw OutboundException.Invalid("The URL must not carry a user name or password.");
        if (string.IsNullOrEmpty(uri.Host)) throw OutboundException.Invalid("The URL has no host.");
        return uri;
    }

    /// <summary>
    /// Sends the request, following redirects (each target checked again) up to Parley:Webhooks:MaxRedirects.
    /// Any HTTP status is a response; a refused target, a timeout, a connection failure or an oversized body throws.
    /// </summary>
    /// <exception cref="OutboundException">With one of <see cref="OutboundErrorCodes"/>.</exception>
    public async Task<OutboundResponse> SendAsync(OutboundRequest request, CancellationToken ct = default)
    {
        var o = options.CurrentValue;
        var timeout = request.Timeout is { } t && t < o.Timeout ? t : o.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var client = clients.CreateClient(ClientName);
        var url = ParseTarget(request.Url.ToString());
        var method = request.Method;
        var body = request.Body;
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var message = new HttpRequestMessage(method, url);
                message.Headers.UserAgent.ParseAdd("Parley-Integrations/1");
                foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
                    message.Headers.TryAddWithoutValidation(name, value);
                if (body is not null)
                {
                    message.Content = new ByteArrayContent(body);
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
                }
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location && o.MaxRedirects > 0)
                {
                    if (hop >= o.MaxRedirects) throw new OutboundException(OutboundErrorCodes.TooManyRedirects, $"More than {o.MaxRedirects} redirects.");
                    url = ParseTarget(new Uri(url, location).ToString());
                    // RFC 9110 §15.4: 303 always, and 301/302 after POST in practice, continue as GET without a body.
                    if (status == 303 || (status is 301 or 302 && method == HttpMethod.Post)) { method = HttpMethod.Get; body = null; }
                    continue;
                }
                var limit = request.MaxResponseBytes ?? o.MaxResponseBytes;
                var bytes = limit == 0 ? [] : await ReadCappedAsync(response.Content, limit, deadline.Token);
                return new OutboundResponse(status, bytes, response.Content.Headers.ContentType?.MediaType);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new OutboundException(OutboundErrorCodes.TargetTimeout, $"{url.Host} did not answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            if (Refusal(e) is { } refusal) throw refusal;
            throw new OutboundException(OutboundErrorCodes.TargetUnreachable, $"{url.Host}: {e.Message}", e);
        }
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, int limit, CancellationToken ct)
    {
        if (content.Headers.ContentLength > limit) throw TooLarge(limit);
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(limit);
            await buffer.WriteAsync(chunk.AsMemory(0, read), ct);
        }
        return buffer.ToArray();
    }

    private static OutboundException TooLarge(int limit) =>
        new(OutboundErrorCodes.ResponseTooLarge, $"The response is larger than {limit} bytes.");

    private static OutboundException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is OutboundException o) return o;
        return null;
    }

    private static string HostOf(Uri uri) => uri.Host.Trim('[', ']');

    /// <summary>The primary handler of the outbound client: no proxy, no automatic redirects or decompression, guarded connect.</summary>
    internal static SocketsHttpHandler CreateHandler(IOptionsMonitor<OutboundOptions> options) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = options.CurrentValue.ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectGuardedAsync(context.DnsEndPoint, options.CurrentValue, ct),
    };

    internal static async ValueTask<Stream> ConnectGuardedAsync(DnsEndPoint endpoint, OutboundOptions o, CancellationToken ct)
    {
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var permitted = addresses.Where(a => !AddressGuard.IsForbidden(a) || o.IsAllowed(host, a)).ToArray();
        if (permitted.Length == 0)
            throw OutboundException.Forbidden(
                $"{host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}: loopback, private, link-local or otherwise internal addresses are refused unless listed in Parley:Webhooks:AllowedHosts.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Retries inside one call: a connection that failed or a gateway that answered 502/503/504; never a refusal.</summary>
    internal static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, OutboundOptions o)
    {
        if (o.TransientRetries == 0) return;
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = o.TransientRetries,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException e } => Refusal(e) is null,
                { Result.StatusCode: HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
                _ => false,
            }),
        });
    }
}
