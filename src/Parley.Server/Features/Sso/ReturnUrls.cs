namespace Parley.Server.Features.Sso;

/// <summary>
/// Where a sign-in may return to: a path on this site only. Anything else becomes "/", so the sign-in cannot be used
/// to send people to another site (an open redirect) with Parley's address in the link they clicked.
/// </summary>
public static class ReturnUrls
{
    public const string Home = "/";

    public static string Local(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 1000) return Home;
        // "/x" only: not "//host" or "/\host" (browsers read both as another host), no scheme, no control characters.
        if (url[0] != '/' || (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))) return Home;
        if (url.Any(c => char.IsControl(c) || c == '\\')) return Home;
        return url;
    }
}
