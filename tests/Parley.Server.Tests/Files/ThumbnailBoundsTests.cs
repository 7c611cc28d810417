using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Files;
using Parley.Server.Tests.Infrastructure;
using SkiaSharp;

namespace Parley.Server.Tests.Files;

/// <summary>
/// Issue 13, item 3: a 113 KiB zero-filled 6300 × 6300 PNG is under the megapixel limit but was decoded at full size
/// (a 159 MB bitmap) for its thumbnail; eight in parallel took the process from 210 MB to 1.46 GB. Decode memory is
/// read from the server's own meter (Parley.Files), scoped to this server.
/// </summary>
public class ThumbnailBoundsTests : IAsyncLifetime
{
    /// <summary>Zero-filled (transparent) 6300 × 6300 PNG: about 113 KiB on the wire, 159 MB as an RGBA bitmap.</summary>
    private static readonly Lazy<byte[]> Bomb = new(() =>
    {
        using var bitmap = new SKBitmap(new SKImageInfo(6300, 6300, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(SKColors.Transparent);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    });

    private TestServer _server = null!;
    private MeterListener _listener = null!;
    private readonly ConcurrentBag<long> _decodeBytes = [];
    private int _active;
    private int _maxActive;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Files:ThumbnailConcurrency"] = "1" });
        var scope = _server.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == FilesMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope)) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => _decodeBytes.Add(value));
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            var now = Interlocked.Add(ref _active, value);
            for (var max = _maxActive; now > max; max = _maxActive) Interlocked.CompareExchange(ref _maxActive, now, max);
        });
        _listener.Start();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task LargeFlatPngs_InParallel_AreNotDecodedWhole_AndImagesAreDecodedOneAtATime()
    {
        var alice = await _server.UserAsync();
        Assert.True(Bomb.Value.Length < 200_000, $"the test image should be tiny on the wire, was {Bomb.Value.Length} bytes");
        var photo = FileClient.Image(3000, 2000); // 24 MB decoded: within the default 64 MiB budget

        var uploads = Enumerable.Range(0, 4).Select(i => alice.UploadAsync(Bomb.Value, $"flat{i}.png", "image/png"))
            .Concat(Enumerable.Range(0, 2).Select(i => alice.UploadAsync(photo, $"photo{i}.png", "image/png")));
        var files = await Task.WhenAll(uploads);

        // The bombs are stored as images (dimensions known) without a thumbnail; the ordinary pictures keep theirs.
        Assert.All(files.Take(4), f => Assert.Equal(("image/png", 6300, 6300, false), (f.ContentType, f.Width, f.Height, f.HasThumbnail)));
        Assert.All(files.Skip(4), f => Assert.Equal((3000, 2000, true), (f.Width, f.Height, f.HasThumbnail)));
        using var thumb = SKBitmap.Decode(await (await alice.Http.GetAsync($"/api/v1/files/{files[4].Id}/thumbnail")).Content.ReadAsByteArrayAsync());
        Assert.Equal((320, 213), (thumb.Width, thumb.Height));

        var budget = new FilesOptions().MaxThumbnailDecodeBytes;
        Assert.True(_decodeBytes.All(b => b <= budget),
            $"thumbnail decodes took {string.Join(", ", _decodeBytes.Select(b => b.ToString("N0")))} bytes of pixels; at most {budget:N0} each (a bomb's full bitmap is {4L * 6300 * 6300:N0})");
        Assert.Equal(2, _decodeBytes.Count);
        Assert.True(_maxActive == 1, $"{_maxActive} images were decoded at once with ThumbnailConcurrency = 1");
    }

    [Fact]
    public async Task ThumbnailConcurrency_OutOfRange_StopsStartUp()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Files:ThumbnailConcurrency"] = "0" }));
        Assert.Contains("ThumbnailConcurrency", ex.Message, StringComparison.Ordinal);
    }
}
