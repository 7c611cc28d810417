namespace Parley.Server.Features.Conversations;

public sealed class ConversationsOptions
{
    public const string Section = "Parley:Conversations";

    /// <summary>Most members a group or channel may have.</summary>
    public int MaxMembers { get; set; } = 2000;
    public int MaxNameLength { get; set; } = 80;
    public int MaxTopicLength { get; set; } = 250;
    public int MaxAnnouncementLength { get; set; } = 4000;
}
