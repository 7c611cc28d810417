namespace Parley.Server.Platform.SystemLog;

/// <summary>
/// Types of the system stream: changes that belong to no conversation. Each is written by <see cref="SystemLog"/> in
/// the same transaction as the change, so the audit log and directory sync read exactly what happened.
/// </summary>
public static class SystemEventTypes
{
    public const string SetupCompleted = "setup.completed";
    public const string UserCreated = "user.created";
    public const string UserRenamed = "user.renamed";
    public const string UserDeactivated = "user.deactivated";
    public const string UserActivated = "user.activated";
    public const string UserRolesChanged = "user.roles_changed";
    public const string PasswordReset = "user.password_reset";
    public const string PasswordChanged = "user.password_changed";
    public const string SessionCreated = "session.created";
    public const string SessionRevoked = "session.revoked";
    public const string SettingChanged = "setting.changed";

    /// <summary>A pre-write content filter flagged a text for review (the text was stored).</summary>
    public const string ContentFlagged = "content.flagged";

    /// <summary>Sensitive-word rules: a rule was added or removed (every node recompiles), a flag was reviewed.</summary>
    public const string ModerationRuleAdded = "moderation.rule_added";
    public const string ModerationRuleRemoved = "moderation.rule_removed";
    public const string ModerationFlagReviewed = "moderation.flag_reviewed";

    /// <summary>An upload the malware scanner found infected was kept in quarantine instead of being stored.</summary>
    public const string FileQuarantined = "file.quarantined";
}
