namespace Parley.Server.Features.Saved;

/// <summary>Bounds of a user's personal saved state (bookmarks and drafts); the draft's size is the message limit.</summary>
public sealed class SavedOptions
{
    public const string Section = "Parley:Saved";

    /// <summary>Bookmarks one user may keep; Slack and Mattermost have no visible cap, so this is generous.</summary>
    public int MaxBookmarksPerUser { get; set; } = 2000;

    public int MaxNoteLength { get; set; } = 500;

    /// <summary>Drafts one user may keep (one per conversation and thread composer).</summary>
    public int MaxDraftsPerUser { get; set; } = 500;

    /// <summary>
    /// Bookmark and draft writes per user per minute. The web client saves a draft at most once a second per composer,
    /// so two devices typing at once stay well below this.
    /// </summary>
    public int WritesPerMinute { get; set; } = 180;
}
