using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Bundles;

/// <summary>A node of a bundle snapshot: the root (no parent) or an item; an item with a <see cref="TitleKind"/> is a nested bundle.</summary>
public sealed class BundleNode
{
    public long Id { get; init; }
    public long MessageId { get; init; }
    public long? ParentId { get; init; }
    public long Position { get; init; }
    public long SenderId { get; init; }
    public string SenderName { get; init; } = "";
    public string Text { get; init; } = "";
    public long SentAt { get; init; }
    public string? TitleKind { get; init; }
    public string? TitleNames { get; init; }
    public long ItemCount { get; init; }
    /// <summary>Files the item carries (filled by the summary queries only).</summary>
    public long FileCount { get; init; }

    public bool IsBundle => TitleKind is not null;

    public IReadOnlyList<string> Names => TitleNames is null ? [] : JsonSerializer.Deserialize<string[]>(TitleNames) ?? [];
}

/// <summary>A file reference of a snapshot item joined with the file's row (which the reference keeps alive).</summary>
public sealed class BundleFileRow
{
    public long ItemId { get; init; }
    public long FileId { get; init; }
    public long Position { get; init; }
    public string Name { get; init; } = "";
    public long Size { get; init; }
    public string ContentType { get; init; } = "";
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string? ThumbKey { get; init; }

    public BundleFileDto ToDto() => new(FileId, Name, Size, ContentType, Width, Height, ThumbKey is not null);
}

/// <summary>One item of a snapshot in the e-discovery export; <see cref="NestedTitle"/> is set when it is a nested bundle (its items follow one level deeper).</summary>
public sealed record BundleExportItem(int Depth, long SenderId, string SenderName, DateTimeOffset CreatedAt, string Text, IReadOnlyList<string>? NestedTitle, IReadOnlyList<BundleFileDto> Files);

/// <summary>How a snapshot turns into its wire forms.</summary>
public static class BundleViews
{
    /// <summary>Preview lines under a card: the first few items.</summary>
    public const int PreviewLines = 4;

    /// <summary>Characters of text kept per preview line (the card shows one line each).</summary>
    public const int PreviewChars = 80;

    public static BundleDto Summary(BundleNode node, IEnumerable<BundleNode> children) => new(
        node.TitleKind ?? ConversationKinds.Group, node.Names, (int)node.ItemCount,
        children.OrderBy(c => c.Position).Take(PreviewLines).Select(c => new BundlePreviewDto(c.SenderName, Excerpt(c.Text), (int)c.FileCount, c.IsBundle)).ToList());

    internal static string Excerpt(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (line.Length <= PreviewChars) return line;
        var cut = PreviewChars;
        if (char.IsHighSurrogate(line[cut - 1])) cut--; // never split a surrogate pair (emoji, rare CJK)
        return line[..cut] + "…";
    }

    public static BundleItemDto Item(BundleNode item, IEnumerable<BundleFileRow> files, BundleDto? nested) =>
        new(item.Id, item.SenderId, item.SenderName, item.Text, UnixMs.To(item.SentAt), files.OrderBy(f => f.Position).Select(f => f.ToDto()).ToList(), nested);
}
