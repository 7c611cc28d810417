using System.CommandLine;
using Parley.Server.Common;
using Parley.Server.Features.Users;

namespace Parley.Server.Hosting;

public static class UserCommands
{
    public static Command Create()
    {
        var user = new Command("user", "Manages user accounts.");
        user.Subcommands.Add(Add());
        user.Subcommands.Add(List());
        user.Subcommands.Add(Passwd());
        user.Subcommands.Add(SetActive("deactivate", false));
        user.Subcommands.Add(SetActive("activate", true));
        return user;
    }

    private static Command Add()
    {
        var username = new Option<string>("--username") { Description = "Login name.", Required = true };
        var password = PasswordInput.ArgumentOption("Initial password (at least 8 characters, not a common one, not containing the username).");
        var passwordStdin = PasswordInput.StdinOption();
        var display = new Option<string?>("--display-name") { Description = "Name shown to others (default: the username)." };
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator." };
        var data = ParleyCli.DataOption();
        var cmd = new Command("add", "Creates a user.") { username, password, passwordStdin, display, admin, data };
        cmd.SetAction((parse, ct) => RunCatching(() =>
        {
            var secret = PasswordInput.Read(parse.GetValue(password), parse.GetValue(passwordStdin));
            return Run(parse.GetValue(data), async sp =>
            {
                var u = await sp.GetRequiredService<UserService>().CreateAsync(new Contracts.CreateUserRequest(parse.GetValue(username), secret, parse.GetValue(display), parse.GetValue(admin)), Platform.Actor.Cli);
                Console.WriteLine($"Created user {u.Username} (id {u.Id}){(u.IsAdmin ? " as administrator" : "")}.");
            });
        }));
        return cmd;
    }

    private static Command List()
    {
        var query = new Option<string?>("--query") { Description = "Filter by username or display name." };
        var data = ParleyCli.DataOption();
        var cmd = new Command("list", "Lists users.") { query, data };
        cmd.SetAction((parse, ct) => Run(parse.GetValue(data), async sp =>
        {
            foreach (var u in await sp.GetRequiredService<UserService>().SearchAsync(parse.GetValue(query), Paging.MaxLimit, includeInactive: true))
                Console.WriteLine($"{u.Id,6}  {u.Username,-24} {u.DisplayName,-24} {(u.IsAdmin ? "admin" : ""),-6} {(u.IsActive ? "" : "deactivated")}");
        }));
        return cmd;
    }

    private static Command Passwd()
    {
        var username = new Option<string>("--username") { Description = "Login name.", Required = true };
        var password = PasswordInput.ArgumentOption("New password.");
        var passwordStdin = PasswordInput.StdinOption();
        var data = ParleyCli.DataOption();
        var cmd = new Command("passwd", "Resets a user's password and ends their sessions.") { username, password, passwordStdin, data };
        cmd.SetAction((parse, ct) => RunCatching(() =>
        {
            var secret = PasswordInput.Read(parse.GetValue(password), parse.GetValue(passwordStdin));
            return Run(parse.GetValue(data), async sp =>
            {
                var u = await FindUserAsync(sp, parse.GetValue(username)!);
                await sp.GetRequiredService<UserService>().ResetPasswordAsync(u.Id, secret, revokeSessions: true, Platform.Actor.Cli);
                Console.WriteLine($"Password of {u.Username} reset; their sessions were ended.");
            });
        }));
        return cmd;
    }

    private static Command SetActive(string verb, bool active)
    {
        var username = new Option<string>("--username") { Description = "Login name.", Required = true };
        var data = ParleyCli.DataOption();
        var cmd = new Command(verb, active ? "Re-activates a user." : "Deactivates a user and ends their sessions.") { username, data };
        cmd.SetAction((parse, ct) => Run(parse.GetValue(data), async sp =>
        {
            var u = await FindUserAsync(sp, parse.GetValue(username)!);
            await sp.GetRequiredService<UserService>().UpdateAsync(u.Id, new Contracts.UpdateUserRequest(null, active, null), Platform.Actor.Cli);
            Console.WriteLine($"User {u.Username} {(active ? "activated" : "deactivated")}.");
        }));
        return cmd;
    }

    private static async Task<UserRecord> FindUserAsync(IServiceProvider sp, string username) =>
        await sp.GetRequiredService<UserStore>().FindByUsernameAsync(username) ?? throw ParleyException.NotFound($"The user '{username}'");

    private static Task<int> Run(string? data, Func<IServiceProvider, Task> work) =>
        RunCatching(() => ParleyCli.WithServicesAsync(data, async sp =>
        {
            await work(sp);
            return 0;
        }));

    /// <summary>User errors print one clear line and exit 2; nothing else is caught.</summary>
    private static async Task<int> RunCatching(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ParleyException ex)
        {
            var fields = ex.Errors is null ? "" : " (" + string.Join(", ", ex.Errors.Keys) + ")";
            await Console.Error.WriteLineAsync($"parley: {ex.Message}{fields}");
            return 2;
        }
    }
}
