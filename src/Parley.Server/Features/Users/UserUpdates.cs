using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Users;

/// <summary>
/// Tells the people who see a user that the user's public record changed (renamed, new or removed avatar): a
/// <c>user.updated</c> event with the new <see cref="UserDto"/>, after commit, to the user and everyone sharing an
/// active conversation with them. Not in the log: a client that missed it reads the user again on its next load.
/// </summary>
public static class UserUpdates
{
    public static void Publish(WriteContext w, long userId)
    {
        var user = UserStore.Get(w, userId);
        if (user is null) return;
        var audience = w.Connection.Query<long>(
            """
            SELECT DISTINCT o.user_id FROM members m JOIN members o ON o.conversation_id = m.conversation_id AND o.active = 1
            WHERE m.user_id = @userId AND m.active = 1
            """, new { userId }, w.Transaction).ToHashSet();
        audience.Add(userId);
        w.PublishToUsers(audience, new EventDto(EventTypes.UserUpdated, 0, null, user.ToDto(), UnixMs.To(w.NowMs)));
    }
}
