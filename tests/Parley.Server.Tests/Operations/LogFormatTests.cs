using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Operations;

/// <summary>Parley:Logging:Format: JSON lines when output is not a terminal (as here), readable text when asked.</summary>
[Collection("processes")]
public class LogFormatTests
{
    [Fact]
    public async Task Logs_RedirectedOutput_AreJsonLines_TextWhenConfigured_NoBanner()
    {
        await using (var json = new ServerProcess())
        {
            await json.StartAsync();
            var line = json.Log.First(l => l.Contains("Parley.Startup", StringComparison.Ordinal));
            using var doc = JsonDocument.Parse(line);
            Assert.Equal("Parley.Startup", doc.RootElement.GetProperty("Category").GetString());
            Assert.DoesNotContain(json.Log, l => l.Contains("is running", StringComparison.Ordinal)); // the banner is for terminals only
        }
        await using var text = new ServerProcess();
        await text.StartAsync("--Parley:Logging:Format=text");
        Assert.Contains(text.Log, l => l.Contains("info: Parley.Startup", StringComparison.Ordinal) && !l.TrimStart().StartsWith('{'));
    }

    [Fact]
    public async Task Logs_UnknownFormat_StopsStartUpNamingTheValidOnes()
    {
        var r = await ParleyCommand.RunAsync("--urls", "http://127.0.0.1:0", "--data", Path.Combine(Path.GetTempPath(), "parley-tests", "log-" + Guid.NewGuid().ToString("N")), "--Parley:Logging:Format=xml");
        Assert.Equal(1, r.Exit);
        Assert.Contains("Unknown Parley:Logging:Format 'xml'. Valid formats: auto, text, json.", r.Err, StringComparison.Ordinal);
    }
}
