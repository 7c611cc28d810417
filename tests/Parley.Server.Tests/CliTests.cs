using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;
using Parley.Server.Hosting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>The `parley` verbs as an operator runs them: the real binary, exit codes and messages.</summary>
[Collection("processes")]
public class CliTests
{
    private static Task<(int Exit, string Out, string Err)> Parley(params string[] args) => ParleyCommand.RunAsync(args);

    [Fact]
    public async Task Help_ListsVerbs_AndEachVerbHasHelp()
    {
        var (exit, output, _) = await Parley("--help");
        Assert.Equal(0, exit);
        foreach (var verb in new[] { "serve", "user", "migrate", "plan" }) Assert.Contains(verb, output);
        var (userExit, userHelp, _) = await Parley("user", "add", "--help");
        Assert.Equal(0, userExit);
        Assert.Contains("--username", userHelp);
    }

    [Fact]
    public async Task UserAdd_ThenList_ThenDuplicateFailsWithClearMessage()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", "cli-" + Guid.NewGuid().ToString("N"));
        await using var database = await TestDatabase.CreateAsync(data);
        Task<(int Exit, string Out, string Err)> Parley(params string[] args) => ParleyCommand.RunAsync(database, args);
        var (exit, output, err) = await Parley("user", "add", "--username", "alice", "--password", "Tq7mz9-cli-k2pb", "--admin", "--data", data);
        Assert.True(exit == 0, err);
        Assert.Contains("alice", output);
        var (listExit, list, _) = await Parley("user", "list", "--data", data);
        Assert.Equal(0, listExit);
        Assert.Contains("admin", list);
        var (dupExit, _, dupErr) = await Parley("user", "add", "--username", "alice", "--password", "Tq7mz9-cli-k2pb", "--data", data);
        Assert.Equal(2, dupExit);
        Assert.Contains("taken", dupErr);
        var (weakExit, _, weakErr) = await Parley("user", "add", "--username", "bob", "--password", "short", "--data", data);
        Assert.Equal(2, weakExit);
        Assert.Contains("at least 8", weakErr);
        var (migrateExit, migrated, _) = await Parley("migrate", "--data", data);
        Assert.Equal(0, migrateExit);
        Assert.Contains("up to date", migrated);
    }

    [Fact]
    public async Task MissingRequiredOption_NonZeroExit()
    {
        var (exit, _, err) = await Parley("user", "add", "--username", "x");
        Assert.NotEqual(0, exit);
        Assert.Contains("--password", err);
    }

    [Fact]
    public async Task Plan_Sample_PrintsTable_InvalidInputExits2WithPointers()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "planner-sample.json");
        await File.WriteAllTextAsync(sample, global::Parley.Planner.Samples.PlannerSamples.Load("company-1000-cny")!.ToJsonString());
        var (exit, output, err) = await Parley("plan", "--input", sample, "--format", "csv");
        Assert.True(exit == 0, err);
        Assert.Contains(",", output);
        var bad = Path.Combine(AppContext.BaseDirectory, "planner-bad.json");
        await File.WriteAllTextAsync(bad, "{\"meta\": 1}");
        var (badExit, _, badErr) = await Parley("plan", "--input", bad);
        Assert.Equal(2, badExit);
        Assert.Contains("/options", badErr);
    }

    // Issue 13, item 14: a password given as an argument is readable by every local user (ps, /proc/PID/cmdline) and
    // stays in shell history. `user add` and `user passwd` read it from standard input or ask the terminal instead.

    [Fact]
    public async Task UserAddAndPasswd_PasswordStdin_ReadsOneLine()
    {
        var data = NewDataDir();
        await using var database = await TestDatabase.CreateAsync(data);
        var (exit, output, err) = await ParleyCommand.RunWithInputAsync(database, "Tq7mz9-from-stdin\nnot-this-line\n", "user", "add", "--username", "stdin-user", "--password-stdin", "--data", data);
        Assert.True(exit == 0, err);
        Assert.Contains("Created user stdin-user", output);
        Assert.True(await PasswordIs(database, "stdin-user", "Tq7mz9-from-stdin"), "user add --password-stdin did not set the first line of standard input as the password");

        var (passwdExit, _, passwdErr) = await ParleyCommand.RunWithInputAsync(database, "Tq7mz9-changed-stdin\r\n", "user", "passwd", "--username", "stdin-user", "--password-stdin", "--data", data);
        Assert.True(passwdExit == 0, passwdErr);
        Assert.True(await PasswordIs(database, "stdin-user", "Tq7mz9-changed-stdin"), "user passwd --password-stdin did not set the line (without its CR LF)");
    }

    [Fact]
    public async Task UserAdd_NoPasswordAndNoTerminal_Exits2NamingTheWays_WithoutWaiting()
    {
        var data = NewDataDir();
        await using var database = await TestDatabase.CreateAsync(data);
        var (exit, _, err) = await ParleyCommand.RunAsync(database, "user", "add", "--username", "nobody-asked", "--data", data);
        Assert.Equal(2, exit);
        Assert.Contains("--password-stdin", err);
        var (both, _, bothErr) = await ParleyCommand.RunWithInputAsync(database, "x\n", "user", "add", "--username", "twice", "--password", "Tq7mz9-cli-k2pb", "--password-stdin", "--data", data);
        Assert.Equal(2, both);
        Assert.Contains("either", bothErr);
    }

    [Fact]
    public async Task UserPasswd_OnATerminal_AsksTwiceWithoutEcho()
    {
        var data = NewDataDir();
        await using var database = await TestDatabase.CreateAsync(data);
        var (addExit, _, addErr) = await ParleyCommand.RunWithInputAsync(database, "Tq7mz9-first-value\n", "user", "add", "--username", "tty-user", "--password-stdin", "--data", data);
        Assert.True(addExit == 0, addErr);

        // util-linux `script` runs the verb on a pseudo-terminal; what it prints is what a person at that terminal sees.
        var psi = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in database.Environment) psi.Environment[key] = value;
        foreach (var a in new[] { "-q", "-e", "-f", "-c", $"dotnet '{ServerProcess.ServerDll()}' user passwd --username tty-user --data '{data}'", "/dev/null" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var screen = new StringBuilder();
        var reader = Task.Run(async () =>
        {
            var buffer = new char[256];
            int n;
            while ((n = await p.StandardOutput.ReadAsync(buffer)) > 0) lock (screen) screen.Append(buffer, 0, n);
        });
        async Task Type(string prompt, string text)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!Screen().Contains(prompt, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"no prompt '{prompt}' on the terminal; it shows: {Screen()}");
                await Task.Delay(50);
            }
            await p.StandardInput.WriteAsync(text + "\r");
            await p.StandardInput.FlushAsync();
        }
        string Screen() { lock (screen) return screen.ToString(); }

        await Type("Password: ", "Tq7mz9-typed-secret");
        await Type("Repeat the password: ", "Tq7mz9-typed-secret");
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await reader;
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {Screen()} {await p.StandardError.ReadToEndAsync()}");
        Assert.Contains("Password of tty-user reset", Screen());
        Assert.DoesNotContain("typed-secret", Screen());
        Assert.True(await PasswordIs(database, "tty-user", "Tq7mz9-typed-secret"), "the typed password was not set");
    }

    [Fact]
    public async Task UserAdd_CommonPassword_Exits2()
    {
        var data = NewDataDir();
        await using var database = await TestDatabase.CreateAsync(data);
        var (exit, _, err) = await ParleyCommand.RunWithInputAsync(database, "password1\n", "user", "add", "--username", "weakling", "--password-stdin", "--data", data);
        Assert.Equal(2, exit);
        Assert.Contains("most common passwords", err);
    }

    private static string NewDataDir() => Path.Combine(Path.GetTempPath(), "parley-tests", "cli-" + Guid.NewGuid().ToString("N"));

    /// <summary>Reads the stored hash through the server's own services, on the same database the verb used.</summary>
    private static async Task<bool> PasswordIs(TestDatabase database, string username, string password)
    {
        var args = database.Settings.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        await using var app = ParleyCli.BuildHost(args, database.DataDirectory);
        var user = await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync(username) ?? throw new Xunit.Sdk.XunitException($"no user {username}");
        return user.PasswordHash is { } hash && app.Services.GetRequiredService<Passwords>().Verify(hash, password);
    }
}
