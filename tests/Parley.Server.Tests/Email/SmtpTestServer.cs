using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email;

/// <summary>
/// The Node SMTP server (tests/smtp-server: smtp-server + mailparser) on a loopback port, stopped by PID. Every message
/// it accepts is parsed and written as JSON into <see cref="Folder"/>; <see cref="ReceivedAsync"/> reads them back.
/// The port is fixed at construction, so a test can point Parley at it before it runs (the relay is "down").
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    public sealed record Mailbox(string Address, string? Name);
    public sealed record Envelope(string? From, List<string> To);
    public sealed record HeaderLine(string Key, string Line);
    public sealed record Received(Envelope Envelope, string? User, Mailbox? From, List<Mailbox> To, string? Subject, string? Text, string? Html,
        string? MessageId, List<HeaderLine> HeaderLines);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private Process? _process;
    private readonly string? _user, _password;

    public SmtpTestServer(string? user = null, string? password = null)
    {
        _user = user;
        _password = password;
    }

    public int Port { get; } = Ports.Free();
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "parley-tests", "smtp-" + Guid.NewGuid().ToString("N"));

    /// <summary>Parley's Parley:Email settings for this server: plain SMTP on loopback, AUTH when a user was given, short retries.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Parley:Email:SmtpHost"] = "127.0.0.1",
        ["Parley:Email:SmtpPort"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Parley:Email:Security"] = "none",
        ["Parley:Email:Username"] = _user,
        ["Parley:Email:Password"] = _password,
        ["Parley:Email:From"] = "noreply@parley.test",
        ["Parley:Email:FromName"] = "Parley Support",
        ["Parley:Email:FirstRetryDelay"] = "00:00:00.200",
        ["Parley:Email:MaxRetryDelay"] = "00:00:00.500",
        ["Parley:Email:PollInterval"] = "00:00:00.100",
        ["Parley:Email:Timeout"] = "00:00:05",
    };

    public async Task StartAsync()
    {
        var folder = NodeTools.Folder("smtp-server");
        await NodeTools.InstallAsync(folder, "smtp-server");
        var args = new List<string> { Port.ToString(CultureInfo.InvariantCulture), Folder };
        if (_user is not null) args.AddRange([_user, _password!]);
        _process = await NodeTools.StartAsync(folder, "SMTP server", [.. args]);
    }

    public async Task StopAsync()
    {
        await NodeTools.StopAsync(_process);
        _process = null;
    }

    public async Task<List<Received>> ReceivedAsync()
    {
        if (!Directory.Exists(Folder)) return [];
        var result = new List<Received>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
            result.Add(JsonSerializer.Deserialize<Received>(await File.ReadAllTextAsync(file), Options)!);
        return result;
    }

    /// <summary>Waits until a message matching <paramref name="match"/> has arrived.</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = (await ReceivedAsync()).FirstOrDefault(match);
            if (found is not null) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}; received: {string.Join(", ", (await ReceivedAsync()).Select(r => r.Subject))}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
