using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Sso;

/// <summary>
/// A real OpenID Provider for the single sign-on tests: oidc-provider 9.13.3 (MIT) from tests/oidc, on a loopback port
/// with an http issuer, with its own login and consent pages (devInteractions). Installed with npm ci when missing,
/// stopped by its PID. Every login name is an account there (sub = the name); any password is accepted.
/// </summary>
public sealed partial class OidcProviderService : IAsyncLifetime
{
    public const string ClientId = "parley", ClientSecret = "parley-test-secret";
    private Process? _process;
    public string Issuer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var folder = NodeTools.Folder("oidc");
        await NodeTools.InstallAsync(folder, "oidc-provider");
        var port = Ports.Free();
        _process = await NodeTools.StartAsync(folder, "oidc-provider", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Issuer = $"http://127.0.0.1:{port}";
    }

    public Task DisposeAsync() => NodeTools.StopAsync(_process);

    /// <summary>Parley's settings for this provider.</summary>
    public Dictionary<string, string?> ServerSettings(bool autoProvision = true) => new()
    {
        ["Parley:Oidc:Enabled"] = "true",
        ["Parley:Oidc:Authority"] = Issuer,
        ["Parley:Oidc:ClientId"] = ClientId,
        ["Parley:Oidc:ClientSecret"] = ClientSecret,
        ["Parley:Oidc:RequireHttpsMetadata"] = "false",
        ["Parley:Oidc:AutoProvision"] = autoProvision ? "true" : "false",
        ["Parley:Oidc:ButtonLabel"] = "公司账号登录",
    };

    /// <summary>
    /// A browser without JavaScript: follows redirects by hand (so each hop can be looked at) and keeps cookies for both
    /// sites. <see cref="Step"/> returns where the next redirect points.
    /// </summary>
    public sealed class Browser : IDisposable
    {
        private readonly HttpClient _http;
        public CookieContainer Cookies { get; } = new();

        public Browser() => _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false });

        /// <summary>Follows redirects from <paramref name="url"/> until a page (200) or a redirect <paramref name="stopAt"/> accepts.</summary>
        public async Task<(Uri Url, string? Page, Uri? StoppedAt)> FollowAsync(Uri url, Func<Uri, bool>? stopAt = null, HttpContent? post = null)
        {
            for (var hop = 0; hop < 20; hop++)
            {
                using var res = post is null ? await _http.GetAsync(url) : await _http.PostAsync(url, post);
                post = null;
                if ((int)res.StatusCode is >= 300 and < 400)
                {
                    var next = new Uri(url, res.Headers.Location!);
                    if (stopAt?.Invoke(next) == true) return (url, null, next);
                    url = next;
                    continue;
                }
                var body = await res.Content.ReadAsStringAsync();
                Assert.True(res.IsSuccessStatusCode, $"{url} → {(int)res.StatusCode}: {body}");
                return (url, body, null);
            }
            throw new Xunit.Sdk.XunitException("Too many redirects from " + url);
        }

        public void Dispose() => _http.Dispose();
    }

    /// <summary>The page's first form: its absolute action and its hidden inputs.</summary>
    public static (Uri Action, Dictionary<string, string> Fields) Form(Uri page, string html)
    {
        var action = FormAction().Match(html);
        Assert.True(action.Success, "no form on " + page + ": " + html);
        var fields = HiddenInput().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        return (new Uri(page, WebUtility.HtmlDecode(action.Groups[1].Value)), fields);
    }

    /// <summary>
    /// From Parley's start address through the provider's login and consent pages to the redirect back to Parley's web
    /// client; returns that redirect (with sso_code or sso_error). <paramref name="atCallback"/> may change the
    /// callback address before it is followed (a tampered state).
    /// </summary>
    public static async Task<Uri> SignInAsync(Browser browser, Uri start, string login, Func<Uri, Uri>? atCallback = null, bool cancel = false)
    {
        static bool BackAtParley(Uri u) => u.Query.Contains("sso_code=", StringComparison.Ordinal) || u.Query.Contains("sso_error=", StringComparison.Ordinal);
        bool stop(Uri u) => BackAtParley(u) || (atCallback is not null && u.AbsolutePath == "/api/v1/auth/oidc/callback");
        var (url, page, stopped) = await browser.FollowAsync(start, stop);
        for (var step = 0; stopped is null && step < 4; step++)
        {
            Assert.NotNull(page);
            if (cancel)
            {
                var abort = AbortLink().Match(page);
                Assert.True(abort.Success, "no cancel link on " + url + ": " + page);
                (url, page, stopped) = await browser.FollowAsync(new Uri(url, abort.Groups[1].Value), stop);
                continue;
            }
            var (action, fields) = Form(url, page);
            if (page.Contains("name=\"login\"", StringComparison.Ordinal))
            {
                fields["login"] = login;
                fields["password"] = "any-password";
            }
            (url, page, stopped) = await browser.FollowAsync(action, stop, new FormUrlEncodedContent(fields));
        }
        Assert.True(stopped is not null, "the sign-in did not come back to Parley; last page " + url + ": " + page);
        if (atCallback is not null && stopped.AbsolutePath == "/api/v1/auth/oidc/callback")
            (_, _, stopped) = await browser.FollowAsync(atCallback(stopped), BackAtParley);
        Assert.True(stopped is not null && BackAtParley(stopped), "expected a redirect to the web client, got " + stopped);
        return stopped;
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("href=\"([^\"]*/abort)\"", RegexOptions.IgnoreCase)]
    private static partial Regex AbortLink();
}
