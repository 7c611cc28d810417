namespace Parley.Server.Platform.SystemLog;

/// <summary>
/// Types of the system stream: changes that belong to no conversation. Each is written by <see cref="SystemLog"/> in
/// the same transaction as the change, so the audit log and directory sync read exactly what happened. The types are
/// the audit log's action names (dotted, issue 14): <c>GET /api/v1/audit?action=</c> filters on them.
/// </summary>
public static class SystemEventTypes
{
    public const string SetupCompleted = "setup.completed";
    public const string UserCreated = "user.created";
    public const string UserRenamed = "user.renamed";
    public const string UserDeactivated = "user.deactivated";
    public const string UserActivated = "user.activated";
    public const string UserRolesChanged = "user.role_changed";

    /// <summary>A user was marked or unmarked as external (a guest): rules scoped to external users follow.</summary>
    public const string UserExternalChanged = "user.external_changed";
    public const string UserProfileChanged = "user.profile_changed";

    /// <summary>An avatar was uploaded or removed (<c>action</c>: set / removed; by the user or by users.manage).</summary>
    public const string UserAvatarChanged = "user.avatar_changed";
    public const string PasswordReset = "user.password_reset";
    public const string PasswordChanged = "user.password_changed";

    /// <summary>A sign-in: a session was created (whichever identity provider authenticated the user).</summary>
    public const string SessionCreated = "auth.login";

    /// <summary>A refused sign-in (wrong secret or second factor). Bounded: see <c>LoginFailureAudit</c>.</summary>
    public const string LoginFailed = "auth.login_failed";
    public const string SessionRevoked = "session.revoked";

    /// <summary>A person at the single sign-on provider was linked to an account (provisioned or existing) on their first sign-in.</summary>
    public const string SsoLinked = "sso.linked";

    public const string TotpEnabled = "user.totp_enabled";
    public const string TotpDisabled = "user.totp_disabled";
    public const string RecoveryCodeUsed = "user.recovery_code_used";

    public const string SettingChanged = "settings.changed";

    public const string DepartmentCreated = "department.created";
    public const string DepartmentChanged = "department.changed";
    public const string DepartmentDeleted = "department.deleted";
    public const string DepartmentMemberAdded = "department.member_added";
    public const string DepartmentMemberRemoved = "department.member_removed";

    /// <summary>Someone exported the audit log (CSV).</summary>
    public const string AuditExported = "audit.exported";

    /// <summary>A pre-write content filter flagged a text for review (the text was stored).</summary>
    public const string ContentFlagged = "content.flagged";

    /// <summary>Sensitive-word rules: a rule was added or removed (every node recompiles), a flag was reviewed.</summary>
    public const string ModerationRuleAdded = "moderation.rule_added";
    public const string ModerationRuleRemoved = "moderation.rule_removed";
    public const string ModerationFlagReviewed = "moderation.flag_reviewed";
    public const string ModerationExemptionsChanged = "moderation.exemptions_changed";

    /// <summary>The watermark over one conversation was turned on or off (target: the conversation).</summary>
    public const string ConversationWatermarkChanged = "conversation.watermark_changed";

    /// <summary>An upload the malware scanner found infected was kept in quarantine instead of being stored.</summary>
    public const string FileQuarantined = "file.quarantined";

    /// <summary>Retention (issue 16): a policy was set or removed; a purge ran (its counts in the data); a legal hold was placed or released.</summary>
    public const string RetentionPolicyChanged = "retention.policy_changed";
    public const string RetentionPurged = "retention.purged";
    public const string LegalHoldPlaced = "legal_hold.placed";
    public const string LegalHoldReleased = "legal_hold.released";

    /// <summary>An e-discovery export was requested (target: the export) or downloaded by its requester.</summary>
    public const string ComplianceExportRequested = "compliance.export_requested";
    public const string ComplianceExportDownloaded = "compliance.export_downloaded";

    /// <summary>Conversation administration (target: the conversation): archive, ownership, membership, default channels, department groups.</summary>
    public const string ConversationArchived = "conversation.archived";
    public const string ConversationUnarchived = "conversation.unarchived";
    public const string ConversationOwnerTransferred = "conversation.owner_transferred";
    public const string ConversationMemberAddedByAdmin = "conversation.member_added_by_admin";
    public const string ConversationMemberRemovedByAdmin = "conversation.member_removed_by_admin";
    public const string ConversationDefaultSet = "conversation.default_set";
    public const string ConversationDefaultUnset = "conversation.default_unset";
    public const string ConversationDepartmentLinked = "conversation.department_linked";
    public const string ConversationDepartmentUnlinked = "conversation.department_unlinked";
    /// <summary>Outgoing webhooks (target: the webhook): created, changed (URL, events, enabled), deleted, dead deliveries replayed.</summary>
    public const string WebhookCreated = "webhook.created";
    public const string WebhookUpdated = "webhook.updated";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookReplayed = "webhook.replayed";

    /// <summary>Invitations by link (target: the invitation; acceptance: the new user, with the invitation in the data).</summary>
    public const string UserInvited = "user.invited";
    public const string InvitationRevoked = "invite.revoked";
    public const string InvitationAccepted = "invite.accepted";

    /// <summary>SCIM provisioning tokens (target: the token). Changes SCIM makes are the usual user.* and department.* events with via "scim:&lt;token id&gt;".</summary>
    public const string ScimTokenCreated = "scim.token_created";
    public const string ScimTokenRevoked = "scim.token_revoked";

    /// <summary>Incoming webhooks (target: the hook; the conversation is the event's conversation).</summary>
    public const string IncomingWebhookCreated = "webhook.incoming_created";
    public const string IncomingWebhookRevoked = "webhook.incoming_revoked";

    /// <summary>SCIM changed attributes Parley keeps only for SCIM (name parts, e-mail, external id) or the profile fields.</summary>
    public const string ScimUserUpdated = "scim.user_updated";
    /// <summary>An LDAP / AD directory sync ran (not a dry run); the data is its report (created, updated, deactivated, departments).</summary>
    public const string LdapSync = "ldap.sync";

    /// <summary>
    /// Personal data (PIPL/GDPR): an export of a user's data was requested (target: the export; the subject in the data)
    /// or downloaded by its requester; a user was erased (target: the user's id, with the counts; never their name).
    /// </summary>
    public const string PersonalDataExportRequested = "personal_data.export_requested";
    public const string PersonalDataExported = "personal_data.exported";
    public const string PersonalDataErased = "personal_data.erased";

    /// <summary>Exports older than Parley:Compliance:ExportRetentionDays had their zips removed (the ids in the data).</summary>
    public const string ExportsExpired = "compliance.exports_expired";

    /// <summary>Embedding applications (target: the application); sessions they start are session.created with provider "embed".</summary>
    public const string EmbedAppCreated = "embed.app_created";
    public const string EmbedAppUpdated = "embed.app_updated";
    public const string EmbedAppRevoked = "embed.app_revoked";
    /// <summary>Bots (issue 17; target: the bot's user id). Deactivation is user.deactivated, as for anyone.</summary>
    public const string BotCreated = "bot.created";
    public const string BotTokenRotated = "bot.token_rotated";
    public const string BotScopesChanged = "bot.scopes_changed";
    /// <summary>Knowledge base (issue 18, target: the article): every node's search index follows these (KnowledgeChangesFromLog).</summary>
    public const string KnowledgeArticleCreated = "knowledge.article_created";
    public const string KnowledgeArticleUpdated = "knowledge.article_updated";
    public const string KnowledgeArticleDeleted = "knowledge.article_deleted";

    /// <summary>An owner or admin of a conversation gave or withdrew consent to the assistant (target: the conversation).</summary>
    public const string AssistantConsentChanged = "assistant.consent_changed";
    /// <summary>Administrator-registered slash commands (issue 17; target: the command's id).</summary>
    public const string SlashCommandCreated = "slash_command.created";
    public const string SlashCommandDeleted = "slash_command.deleted";

    /// <summary>
    /// Customer-service set-up (issue 18): widgets (target: the widget), queues (the queue), agents (target: the agent's
    /// user id, the queue in the data), canned replies (the reply). visitors_erased: the visitor retention job's run
    /// (the counts in the data; each visitor also has its personal_data.erased).
    /// </summary>
    public const string ServiceWidgetCreated = "service.widget_created";
    public const string ServiceWidgetUpdated = "service.widget_updated";
    public const string ServiceWidgetDeleted = "service.widget_deleted";
    public const string ServiceQueueCreated = "service.queue_created";
    public const string ServiceAgentSet = "service.agent_set";
    public const string ServiceAgentRemoved = "service.agent_removed";
    public const string ServiceCannedReplyCreated = "service.canned_reply_created";
    public const string ServiceCannedReplyDeleted = "service.canned_reply_deleted";
    public const string ServiceVisitorsErased = "service.visitors_erased";

    /// <summary>What the target id of an action names, for the audit log; null when it has none.</summary>
    public static string? TargetType(string type) => type switch
    {
        ContentFlagged => "user", // the author; the message id is in the details
        ModerationRuleAdded or ModerationRuleRemoved => "moderation_rule",
        ModerationFlagReviewed => "flag",
        KnowledgeArticleCreated or KnowledgeArticleUpdated or KnowledgeArticleDeleted => "knowledge_article",
        AssistantConsentChanged => "conversation",
        ConversationWatermarkChanged => "conversation",
        FileQuarantined => "user",
        LegalHoldPlaced or LegalHoldReleased => "legal_hold",
        ComplianceExportRequested or ComplianceExportDownloaded => "compliance_export",
        SsoLinked => "user",
        UserInvited or InvitationRevoked => "invitation",
        ScimTokenCreated or ScimTokenRevoked => "scim_token",
        EmbedAppCreated or EmbedAppUpdated or EmbedAppRevoked => "embed_app",
        IncomingWebhookCreated or IncomingWebhookRevoked => "incoming_webhook",
        SlashCommandCreated or SlashCommandDeleted => "slash_command",
        ServiceWidgetCreated or ServiceWidgetUpdated or ServiceWidgetDeleted => "service_widget",
        ServiceQueueCreated => "service_queue",
        ServiceAgentSet or ServiceAgentRemoved => "user",
        ServiceCannedReplyCreated or ServiceCannedReplyDeleted => "service_canned_reply",
        ScimUserUpdated or InvitationAccepted => "user",
        PersonalDataExportRequested or PersonalDataExported => "personal_export",
        PersonalDataErased => "user",
        SettingChanged or AuditExported or LdapSync or ExportsExpired or ServiceVisitorsErased => null,
        _ when type.StartsWith("bot.", StringComparison.Ordinal) => "user",
        _ when type.StartsWith("department.", StringComparison.Ordinal) => "department",
        _ when type.StartsWith("conversation.", StringComparison.Ordinal) => "conversation",
        _ when type.StartsWith("user.", StringComparison.Ordinal) || type.StartsWith("auth.", StringComparison.Ordinal)
            || type.StartsWith("session.", StringComparison.Ordinal) || type == SetupCompleted => "user",
        _ => null,
    };
}
