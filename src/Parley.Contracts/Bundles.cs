namespace Parley.Contracts;

/// <summary>
/// Merge-forward (合并转发): <see cref="MessageIds"/> of one source conversation become one bundle message in the
/// target; <see cref="Comment"/> is the new message's text. Idempotent by <see cref="ClientMsgId"/> like a send.
/// </summary>
public sealed record ForwardBundleRequest(long SourceConversationId, long[]? MessageIds, string? Comment = null, string? ClientMsgId = null);

/// <summary>
/// The summary of a bundle every member of its conversation may see. The title is given as parts for the client to
/// word: <see cref="SourceKind"/> is the source conversation's kind; <see cref="TitleNames"/> are the two people of a
/// direct conversation, or the group's name (empty when it had none).
/// </summary>
public sealed record BundleDto(string SourceKind, IReadOnlyList<string> TitleNames, int ItemCount, IReadOnlyList<BundlePreviewDto> Preview);

/// <summary>One preview line: the sender's name and the start of the text (files and nested bundles are counted, not named).</summary>
public sealed record BundlePreviewDto(string SenderName, string Text, int FileCount, bool IsBundle);

/// <summary>A bundle's transcript (of the bundle message, or of a nested bundle item when <see cref="ItemId"/> is set), oldest first.</summary>
public sealed record BundleTranscriptDto(long MessageId, long? ItemId, string SourceKind, IReadOnlyList<string> TitleNames, IReadOnlyList<BundleItemDto> Items);

/// <summary>A message as it was forwarded: sender's name and text at that moment; <see cref="Bundle"/> when it was itself a bundle (open it at /bundle/items/{id}).</summary>
public sealed record BundleItemDto(long Id, long SenderId, string SenderName, string Text, DateTimeOffset CreatedAt, IReadOnlyList<BundleFileDto> Files, BundleDto? Bundle);

/// <summary>A file inside a bundle, downloaded through <c>/api/v1/messages/{messageId}/bundle/files/{id}</c>.</summary>
public sealed record BundleFileDto(long Id, string Name, long Size, string ContentType, int? Width, int? Height, bool HasThumbnail);
