using System.Diagnostics.Metrics;

namespace Parley.Server.Features.Files;

/// <summary>
/// Meter <c>Parley.Files</c>: what thumbnailing costs. Decode memory is the bytes of the pixel buffers allocated to
/// decode one image (the bound that protects the process, issue 13); active is how many images are being decoded.
/// </summary>
public sealed class FilesMetrics
{
    public const string MeterName = "Parley.Files";

    public FilesMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        DecodeBytes = meter.CreateHistogram<long>("parley.files.thumbnail.decode_bytes", "By", "Pixel buffers allocated to decode one image for its thumbnail.");
        Active = meter.CreateUpDownCounter<int>("parley.files.thumbnail.active", "{image}", "Images being decoded for thumbnails now.");
    }

    public Histogram<long> DecodeBytes { get; }
    public UpDownCounter<int> Active { get; }
}
