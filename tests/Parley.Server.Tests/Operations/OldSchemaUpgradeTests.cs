using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Parley.Contracts;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Operations;

/// <summary>
/// Upgrades from the oldest released schema: tests/fixtures/schema-v2 holds a database written by commit 6f6563b (schema
/// 2, the first build with both providers; see its README) with users, a group, a direct conversation, messages and a
/// file. The current binary starts on it, migrates it, and everything is still there and usable.
/// </summary>
[Collection("processes")]
public class OldSchemaUpgradeTests
{
    private static string Fixture(string name) => Path.Combine(Repository.Root(), "tests", "fixtures", "schema-v2", name);

    [Fact]
    public async Task OldFixtureDatabase_MigratedByTheCurrentBinary_KeepsUsersMessagesAndFiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "parley-tests", "upgrade-" + Guid.NewGuid().ToString("N"));
        await using var db = await TestDatabase.CreateAsync(dir, fresh: true); // the fixture is the schema
        if (TestDatabase.IsPostgres)
        {
            await LoadSqlAsync(db.ConnectionString!, Fixture("postgres.sql"));
            CopyTree(Fixture("pg-files"), Path.Combine(dir, "files"));
        }
        else CopyTree(Fixture("sqlite"), dir);
        await using (var c = await db.OpenDirectAsync())
            Assert.Equal(2, Migrations.CurrentVersion(c)); // really the old schema

        await using var server = new ServerProcess(db, new Dictionary<string, string>(), dir);
        await server.StartAsync();
        await using (var c = await db.OpenDirectAsync())
            Assert.Equal(Migrations.Latest, Migrations.CurrentVersion(c));

        using var li = await LoginAsync(server, "li.wei", TestServer.UserPassword);
        var me = (await li.GetFromJsonAsync<UserDto>("/api/v1/users/me"))!;
        Assert.Equal("李伟", me.DisplayName);
        var conversations = (await li.GetFromJsonAsync<ListResponse<ConversationDto>>("/api/v1/conversations"))!.Items;
        var group = Assert.Single(conversations, c => c.Name == "项目组");
        Assert.Single(conversations, c => c.Kind == ConversationKinds.Direct);

        var messages = (await li.GetFromJsonAsync<ListResponse<MessageDto>>($"/api/v1/conversations/{group.Id}/messages?limit=100"))!.Items;
        Assert.Equal(["fx-1", "fx-2", "fx-3"], messages.Select(m => m.ClientMsgId).Order(StringComparer.Ordinal));
        Assert.Equal("你好，世界", messages.Single(m => m.ClientMsgId == "fx-1").Text);
        Assert.Equal("第二条 message from 李伟", messages.Single(m => m.ClientMsgId == "fx-2").Text);
        var file = Assert.Single(messages.Single(m => m.ClientMsgId == "fx-3").Files!);
        Assert.Equal("设计稿.bin", file.Name);
        var expected = Enumerable.Range(0, 65536).Select(i => (byte)(i * 7 % 251)).ToArray();
        Assert.Equal(expected, await li.GetByteArrayAsync($"/api/v1/files/{file.Id}"));

        var hits = await li.GetStringAsync("/api/v1/search?q=" + Uri.EscapeDataString("世界"));
        Assert.Contains("你好，世界", hits, StringComparison.Ordinal);

        // Still writable after the upgrade: seq continues after the old messages.
        var sent = (await (await li.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("after the upgrade", "fx-new", null, null))).Content.ReadFromJsonAsync<MessageDto>())!;
        Assert.Equal(messages.Max(m => m.Seq) + 1, sent.Seq);

        // The old administrator flag became the system_admin role (migration 5).
        using var admin = await LoginAsync(server, "admin", TestServer.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
    }

    private static async Task<HttpClient> LoginAsync(ServerProcess server, string username, string password)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        var res = await http.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(username, password));
        Assert.True(res.IsSuccessStatusCode, $"login of {username} after the upgrade: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await res.Content.ReadFromJsonAsync<LoginResponse>())!.Token);
        return http;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>psql, as an operator restores a plain dump (the dump uses psql's COPY … FROM stdin).</summary>
    private static async Task LoadSqlAsync(string connectionString, string file)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo("psql") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.Environment["PGHOST"] = b.Host;
        psi.Environment["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGUSER"] = b.Username;
        psi.Environment["PGDATABASE"] = b.Database;
        if (b.Password is { } p) psi.Environment["PGPASSWORD"] = p;
        foreach (var a in new[] { "-q", "-v", "ON_ERROR_STOP=1", "-f", file }) psi.ArgumentList.Add(a);
        using var proc = Process.Start(psi)!;
        var err = proc.StandardError.ReadToEndAsync();
        await proc.StandardOutput.ReadToEndAsync();
        await proc.WaitForExitAsync();
        Assert.True(proc.ExitCode == 0, "psql: " + await err);
    }
}
