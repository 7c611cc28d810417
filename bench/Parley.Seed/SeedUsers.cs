using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;
using Parley.Server.Hosting;
using Parley.Server.Storage;

namespace Parley.Seed;

/// <summary>
/// `seed users`: N users with one session each, written as an accounts file
/// (username, password, id, token; tab-separated) that Parley.LoadGen reads with --accounts.
/// Creating them over REST costs two PBKDF2 runs each (create, login: 100,000 iterations of
/// HMAC-SHA512, about 40 ms of CPU apiece here), i.e. minutes for a few thousand users; the
/// seeder hashes the shared password once and issues sessions directly.
/// </summary>
internal static class SeedUsers
{
    private const int Batch = 500;

    public static Command Create()
    {
        var data = new Option<string>("--data") { Required = true, Description = "Data folder of a stopped server" };
        var count = new Option<int>("--count") { Required = true };
        var prefix = new Option<string>("--prefix") { DefaultValueFactory = _ => "lg" };
        var password = new Option<string>("--password") { DefaultValueFactory = _ => "lg-seeded-password" };
        var output = new Option<string>("--out") { Required = true, Description = "Accounts file to write" };
        var adminUser = new Option<string>("--admin-user") { DefaultValueFactory = _ => "lgadmin", Description = "Administrator created first (setup is closed once users exist)" };
        var adminPassword = new Option<string>("--admin-password") { DefaultValueFactory = _ => "lg-admin-password-2026" };
        var cmd = new Command("users", "Create users with sessions; write an accounts file") { data, count, prefix, password, output, adminUser, adminPassword };
        cmd.SetAction((p, ct) => ParleyCli.WithServicesAsync(p.GetValue(data), async sp =>
        {
            var writer = sp.GetRequiredService<WriteQueue>();
            string pw = p.GetValue(password)!;
            string hash = sp.GetRequiredService<Passwords>().Hash(pw);
            long expires = DateTimeOffset.UtcNow.Add(sp.GetRequiredService<IOptions<AuthOptions>>().Value.SessionLifetime).ToUnixTimeMilliseconds();
            int n = p.GetValue(count);
            string pre = p.GetValue(prefix)!;
            string adminHash = sp.GetRequiredService<Passwords>().Hash(p.GetValue(adminPassword)!);
            await writer.ExecuteAsync(w =>
            {
                if (UserStore.UsernameTaken(w, p.GetValue(adminUser)!)) return 0;
                var admin = UserStore.Insert(w, p.GetValue(adminUser)!, "Load generator admin", adminHash, PasswordIdentityProvider.ProviderName, null);
                UserStore.SetRoles(w, admin.Id, [Contracts.Roles.SystemAdmin]);
                return admin.Id;
            });
            await using var file = new StreamWriter(p.GetValue(output)!);
            for (int start = 0; start < n; start += Batch)
            {
                int end = Math.Min(n, start + Batch);
                var rows = await writer.ExecuteAsync(w =>
                {
                    var made = new List<string>(end - start);
                    for (int i = start; i < end; i++)
                    {
                        string name = pre + "u" + i.ToString(CultureInfo.InvariantCulture);
                        var user = UserStore.Insert(w, name, name, hash, PasswordIdentityProvider.ProviderName, null);
                        string token = Tokens.New();
                        SessionStore.Insert(w, user.Id, Tokens.Hash(token), expires, "parley-seed", PasswordIdentityProvider.ProviderName);
                        made.Add(string.Join('\t', name, pw, user.Id.ToString(CultureInfo.InvariantCulture), token));
                    }
                    return made;
                });
                foreach (var row in rows) await file.WriteLineAsync(row);
            }
            Console.WriteLine($"seeded {n} users into {p.GetValue(data)}");
            return 0;
        }));
        return cmd;
    }
}
