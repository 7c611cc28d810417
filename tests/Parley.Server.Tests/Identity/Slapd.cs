using System.Diagnostics;
using System.Net.Sockets;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Identity;

/// <summary>
/// A real OpenLDAP server (Debian's slapd) for one test: a generated slapd.conf with the mdb backend in a temporary
/// folder, listening on a loopback port, started and stopped by PID (the system's slapd service is never used). Seeded
/// and changed with the ldap-utils tools (ldapadd, ldapmodify, ldapdelete), as an administrator of a directory would.
/// Besides OpenLDAP's core, cosine, inetorgperson and nis schemas it loads a small test schema with Active Directory's
/// sAMAccountName, userAccountControl and department (the AD schema itself needs far more than slapd ships).
/// </summary>
public sealed class Slapd : IAsyncDisposable
{
    public const string BaseDn = "dc=parley,dc=test";
    public const string AdminDn = "cn=admin,dc=parley,dc=test";
    public const string AdminPassword = "slapd-admin-secret";

    private readonly Process _process;
    private readonly string _dir;

    private Slapd(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }
    public string Url => $"ldap://127.0.0.1:{Port}";

    /// <summary>Server settings that point Parley at this directory (the service account is the directory's admin).</summary>
    public Dictionary<string, string?> Settings(string idAttribute = "entryUUID") => new()
    {
        ["Parley:Ldap:Enabled"] = "true",
        ["Parley:Ldap:Url"] = Url,
        ["Parley:Ldap:BindDn"] = AdminDn,
        ["Parley:Ldap:BindPassword"] = AdminPassword,
        ["Parley:Ldap:BaseDn"] = BaseDn,
        ["Parley:Ldap:IdAttribute"] = idAttribute,
        ["Parley:Ldap:SyncInterval"] = "00:00:00",
    };

    private const string AdSchema = """
        attributetype ( 1.3.6.1.4.1.32473.1.1.1 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
            SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
        attributetype ( 1.3.6.1.4.1.32473.1.1.2 NAME 'userAccountControl' EQUALITY integerMatch
            SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
        attributetype ( 1.3.6.1.4.1.32473.1.1.3 NAME 'department' EQUALITY caseIgnoreMatch
            SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
        objectclass ( 1.3.6.1.4.1.32473.1.2.1 NAME 'adUser' SUP inetOrgPerson STRUCTURAL
            MAY ( sAMAccountName $ userAccountControl $ department ) )
        """;

    public static async Task<Slapd> StartAsync(string? seed = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "parley-slapd", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(dir, "db"));
            await File.WriteAllTextAsync(Path.Combine(dir, "ad.schema"), AdSchema);
            await File.WriteAllTextAsync(Path.Combine(dir, "slapd.conf"), $"""
                include /etc/ldap/schema/core.schema
                include /etc/ldap/schema/cosine.schema
                include /etc/ldap/schema/inetorgperson.schema
                include /etc/ldap/schema/nis.schema
                include {dir}/ad.schema
                pidfile {dir}/slapd.pid
                argsfile {dir}/slapd.args
                modulepath /usr/lib/ldap
                moduleload back_mdb
                database mdb
                suffix "{BaseDn}"
                rootdn "{AdminDn}"
                rootpw {AdminPassword}
                directory {dir}/db
                maxsize 104857600
                access to attrs=userPassword by self write by anonymous auth by * none
                access to * by users read by * none
                """);
            var port = Ports.Free();
            // -d 0: stay in the foreground (the test owns the PID) without debug output.
            var process = Process.Start(new ProcessStartInfo("/usr/sbin/slapd", ["-f", Path.Combine(dir, "slapd.conf"), "-h", $"ldap://127.0.0.1:{port}/", "-d", "0"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var slapd = new Slapd(process, dir, port);
            if (await slapd.ListeningAsync())
            {
                try
                {
                    await slapd.AddAsync($"""
                    dn: {BaseDn}
                    objectClass: dcObject
                    objectClass: organization
                    o: Parley test
                    dc: parley
                    """ + "\n\n" + (seed ?? ""));
                    return slapd;
                }
                catch
                {
                    await slapd.DisposeAsync(); // a bad seed must not leave a slapd running
                    throw;
                }
            }
            await slapd.DisposeAsync();
            if (attempt == 2) throw new InvalidOperationException("slapd did not start (is Debian's slapd package installed? scripts/test.sh installs it)");
        }
    }

    private async Task<bool> ListeningAsync()
    {
        for (var i = 0; i < 100 && !_process.HasExited; i++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        return false;
    }

    public Task AddAsync(string ldif) => ToolAsync("ldapadd", ldif);

    public Task ModifyAsync(string ldif) => ToolAsync("ldapmodify", ldif);

    public Task DeleteAsync(string dn) => ToolAsync("ldapdelete", null, dn);

    private async Task ToolAsync(string tool, string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo(tool, ["-x", "-H", Url, "-D", AdminDn, "-w", AdminPassword, .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin.Replace("\r\n", "\n", StringComparison.Ordinal));
        p.StandardInput.Close();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({p.ExitCode}): {await error} {await output}");
    }

    public async ValueTask DisposeAsync()
    {
        await ServiceProcesses.StopAsync(_process, _dir);
    }
}
