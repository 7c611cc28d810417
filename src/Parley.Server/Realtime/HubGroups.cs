using System.Globalization;

namespace Parley.Server.Realtime;

/// <summary>The only place SignalR group names are built.</summary>
public static class HubGroups
{
    public static string Conversation(long id) => "c:" + id.ToString(CultureInfo.InvariantCulture);
    public static string PresenceOf(long userId) => "p:" + userId.ToString(CultureInfo.InvariantCulture);
}
