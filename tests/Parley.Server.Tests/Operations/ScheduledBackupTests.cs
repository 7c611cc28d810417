using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Operations;

public class ScheduledBackupTests
{
    [Fact]
    public async Task ScheduledBackups_RunEveryInterval_KeepOnlyKeepCount_AndEachRestores()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Backup:Interval"] = "00:00:01",
            ["Parley:Backup:KeepCount"] = "2",
        });
        await server.UserAsync(); // something to back up
        var folder = Path.Combine(server.DataDirectory, "backups");
        var seen = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && seen.Count < 4)
        {
            if (Directory.Exists(folder))
                foreach (var f in Directory.GetFiles(folder, "parley-backup-*.tar.gz")) seen.Add(Path.GetFileName(f));
            await Task.Delay(200);
        }
        Assert.True(seen.Count >= 4, $"expected at least 4 scheduled backups in 30 s, saw {seen.Count}");
        await Task.Delay(300);
        var kept = Directory.GetFiles(folder, "parley-backup-*.tar.gz").Order(StringComparer.Ordinal).ToList();
        Assert.InRange(kept.Count, 1, 3); // KeepCount 2, plus at most one being written when listed
        var target = Path.Combine(Path.GetTempPath(), "parley-tests", "sched-" + Guid.NewGuid().ToString("N"));
        // Backups keep coming every second and retention removes the oldest: restore a copy taken while it exists.
        var copy = target + ".tar.gz";
        for (var i = 0; ; i++)
        {
            // An archive appears under its name only when complete (written as .partial, then renamed).
            var newest = Directory.GetFiles(folder, "parley-backup-*.tar.gz").Order(StringComparer.Ordinal).Last();
            try
            {
                File.Copy(newest, copy, overwrite: true);
                break;
            }
            catch (FileNotFoundException) when (i < 50)
            {
                await Task.Delay(100);
            }
        }
        await using var fresh = await TestDatabase.CreateAsync(target, fresh: true); // restore wants an empty folder and database
        var restore = await ParleyCommand.RunAsync(fresh, "restore", "--input", copy, "--data", target);
        File.Delete(copy);
        Assert.True(restore.Exit == 0, restore.Err);
        using var http = server.Client();
        var metrics = await http.GetStringAsync("/metrics");
        Assert.True(new MetricsText(metrics).Value("parley_backup_last_success_time_seconds") > 0);
    }
}
