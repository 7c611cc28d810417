using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Platform.Permissions;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Platform;

/// <summary>
/// Permissions as the authorization matrix treats endpoints: every endpoint that requires a permission is listed here,
/// and for every role each such endpoint answers 403 exactly when the role lacks the permission. A new permission or a
/// new protected endpoint fails this test until it is added.
/// </summary>
public class PermissionMatrixTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <param name="AlsoNeeds">A second permission the endpoint requires as well (refused unless the role holds both).</param>
    private sealed record Case(string Method, string Pattern, string Permission, Func<long, HttpRequestMessage> Request, string? AlsoNeeds = null);

    private static readonly Case[] Cases =
    [
        new("POST", "/api/v1/users/", Permissions.UsersManage, _ => new(HttpMethod.Post, "/api/v1/users/")
            { Content = JsonContent.Create(new CreateUserRequest("new" + Guid.NewGuid().ToString("N")[..8], "fresh-password-1", null)) }),
        new("PATCH", "/api/v1/users/{id:long}", Permissions.UsersManage, target => new(HttpMethod.Patch, $"/api/v1/users/{target}")
            { Content = JsonContent.Create(new UpdateUserRequest("Renamed", null, null)) }),
        new("PUT", "/api/v1/users/{id:long}/password", Permissions.UsersManage, target => new(HttpMethod.Put, $"/api/v1/users/{target}/password")
            { Content = JsonContent.Create(new ResetPasswordRequest("another-password-2")) }),
        new("GET", "/api/v1/admin/subscribers", Permissions.SystemManage, _ => new(HttpMethod.Get, "/api/v1/admin/subscribers")),
        new("GET", "/api/v1/admin/health", Permissions.SystemManage, _ => new(HttpMethod.Get, "/api/v1/admin/health")),
        new("POST", "/api/v1/admin/email/test", Permissions.SystemManage, _ => new(HttpMethod.Post, "/api/v1/admin/email/test")
            { Content = JsonContent.Create(new SendTestEmailRequest("someone@example.com")) }),
        new("GET", "/api/v1/moderation/rules", Permissions.ComplianceRead, _ => new(HttpMethod.Get, "/api/v1/moderation/rules")),
        new("POST", "/api/v1/moderation/rules", Permissions.ComplianceManage, _ => new(HttpMethod.Post, "/api/v1/moderation/rules")
            { Content = JsonContent.Create(new CreateModerationRuleRequest("词" + Guid.NewGuid().ToString("N")[..8], ModerationActions.Flag)) }),
        new("DELETE", "/api/v1/moderation/rules/{id:long}", Permissions.ComplianceManage, _ => new(HttpMethod.Delete, "/api/v1/moderation/rules/999999")),
        new("POST", "/api/v1/moderation/rules/import", Permissions.ComplianceManage, _ => new(HttpMethod.Post, "/api/v1/moderation/rules/import")
            { Content = JsonContent.Create(new ImportModerationRulesRequest("导入" + Guid.NewGuid().ToString("N")[..8], ModerationActions.Mask)) }),
        new("GET", "/api/v1/moderation/rules/export", Permissions.ComplianceRead, _ => new(HttpMethod.Get, "/api/v1/moderation/rules/export")),
        new("POST", "/api/v1/moderation/test", Permissions.ComplianceRead, _ => new(HttpMethod.Post, "/api/v1/moderation/test")
            { Content = JsonContent.Create(new ModerationTestRequest("a sentence")) }),
        new("GET", "/api/v1/moderation/exemptions", Permissions.ComplianceRead, _ => new(HttpMethod.Get, "/api/v1/moderation/exemptions")),
        new("PUT", "/api/v1/moderation/exemptions", Permissions.ComplianceManage, _ => new(HttpMethod.Put, "/api/v1/moderation/exemptions")
            { Content = JsonContent.Create(new SetModerationExemptionsRequest([], [])) }),
        new("GET", "/api/v1/moderation/flags", Permissions.ComplianceRead, _ => new(HttpMethod.Get, "/api/v1/moderation/flags")),
        new("GET", "/api/v1/compliance/archive", Permissions.ComplianceRead, _ => new(HttpMethod.Get, "/api/v1/compliance/archive?limit=5")),
        new("POST", "/api/v1/compliance/exports", Permissions.ComplianceRead, _ => new(HttpMethod.Post, "/api/v1/compliance/exports")
            { Content = JsonContent.Create(new CreateComplianceExportRequest(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow)) }),
        new("GET", "/api/v1/compliance/exports", Permissions.ComplianceRead, _ => new(HttpMethod.Get, "/api/v1/compliance/exports")),
        new("GET", "/api/v1/compliance/exports/{id:long}", Permissions.ComplianceRead, _ => new(HttpMethod.Get, "/api/v1/compliance/exports/999999")),
        new("GET", "/api/v1/compliance/exports/{id:long}/download", Permissions.ComplianceRead, _ => new(HttpMethod.Get, "/api/v1/compliance/exports/999999/download")),
        new("GET", "/api/v1/compliance/retention", Permissions.ComplianceRead, _ => new(HttpMethod.Get, "/api/v1/compliance/retention")),
        new("PUT", "/api/v1/compliance/retention/{scope}", Permissions.ComplianceManage, _ => new(HttpMethod.Put, "/api/v1/compliance/retention/kind:channel")
            { Content = JsonContent.Create(new SetRetentionPolicyRequest(3650)) }),
        new("DELETE", "/api/v1/compliance/retention/{scope}", Permissions.ComplianceManage, _ => new(HttpMethod.Delete, "/api/v1/compliance/retention/kind:group")),
        new("POST", "/api/v1/compliance/retention/run", Permissions.ComplianceManage, _ => new(HttpMethod.Post, "/api/v1/compliance/retention/run")),
        new("GET", "/api/v1/compliance/holds", Permissions.ComplianceRead, _ => new(HttpMethod.Get, "/api/v1/compliance/holds")),
        new("POST", "/api/v1/compliance/holds", Permissions.ComplianceManage, target => new(HttpMethod.Post, "/api/v1/compliance/holds")
            { Content = JsonContent.Create(new PlaceLegalHoldRequest(LegalHoldTargets.User, target, "matrix " + Guid.NewGuid().ToString("N")[..6])) }),
        new("POST", "/api/v1/compliance/holds/{id:long}/release", Permissions.ComplianceManage, _ => new(HttpMethod.Post, "/api/v1/compliance/holds/999999/release")),
        new("POST", "/api/v1/custom-emoji", Permissions.SystemManage, _ => new(HttpMethod.Post, "/api/v1/custom-emoji")
            { Content = new MultipartFormDataContent { { new StringContent("x1"), "name" } } }),
        new("DELETE", "/api/v1/custom-emoji/{name}", Permissions.SystemManage, _ => new(HttpMethod.Delete, "/api/v1/custom-emoji/none")),
        new("POST", "/api/v1/moderation/flags/{id:long}/review", Permissions.ComplianceManage, _ => new(HttpMethod.Post, "/api/v1/moderation/flags/999999/review")
            { Content = JsonContent.Create(new ReviewFlagRequest("dismiss")) }),
        new("GET", "/api/v1/admin/security-policy/", Permissions.SystemManage, _ => new(HttpMethod.Get, "/api/v1/admin/security-policy/")),
        new("PUT", "/api/v1/admin/security-policy/", Permissions.SystemManage, _ => new(HttpMethod.Put, "/api/v1/admin/security-policy/") { Content = JsonContent.Create(new SecurityPolicyDto("off")) }),
        new("GET", "/api/v1/admin/invitations/", Permissions.UsersManage, _ => new(HttpMethod.Get, "/api/v1/admin/invitations/")),
        new("POST", "/api/v1/admin/invitations/", Permissions.UsersManage, _ => new(HttpMethod.Post, "/api/v1/admin/invitations/") { Content = JsonContent.Create(new CreateInvitationRequest()) }),
        new("DELETE", "/api/v1/admin/invitations/{id:long}", Permissions.UsersManage, _ => new(HttpMethod.Delete, "/api/v1/admin/invitations/999999")),
        new("GET", "/api/v1/admin/scim-tokens/", Permissions.UsersManage, _ => new(HttpMethod.Get, "/api/v1/admin/scim-tokens/")),
        new("POST", "/api/v1/admin/scim-tokens/", Permissions.UsersManage, _ => new(HttpMethod.Post, "/api/v1/admin/scim-tokens/") { Content = JsonContent.Create(new CreateScimTokenRequest("matrix")) }),
        new("DELETE", "/api/v1/admin/scim-tokens/{id:long}", Permissions.UsersManage, _ => new(HttpMethod.Delete, "/api/v1/admin/scim-tokens/999999")),
        new("GET", "/api/v1/admin/translation/", Permissions.SystemManage, _ => new(HttpMethod.Get, "/api/v1/admin/translation/")),
        new("PUT", "/api/v1/admin/translation/", Permissions.SystemManage, _ => new(HttpMethod.Put, "/api/v1/admin/translation/") { Content = JsonContent.Create(new UpdateTranslationSettingsRequest(null, ["en", "zh-CN"], null)) }),
        // Embedding applications (issue 17).
        new("GET", "/api/v1/embed/apps", Permissions.IntegrationsManage, _ => new(HttpMethod.Get, "/api/v1/embed/apps")),
        new("POST", "/api/v1/embed/apps", Permissions.IntegrationsManage, _ => new(HttpMethod.Post, "/api/v1/embed/apps") { Content = JsonContent.Create(new CreateEmbedAppRequest("matrix", ["https://oa.example.com"])) }),
        new("PUT", "/api/v1/embed/apps/{id:long}", Permissions.IntegrationsManage, _ => new(HttpMethod.Put, "/api/v1/embed/apps/999999") { Content = JsonContent.Create(new CreateEmbedAppRequest("matrix", ["https://oa.example.com"])) }),
        new("DELETE", "/api/v1/embed/apps/{id:long}", Permissions.IntegrationsManage, _ => new(HttpMethod.Delete, "/api/v1/embed/apps/999999")),
        // Customer service (issue 18): set-up needs service.manage, the agents' desk service.agent.
        new("GET", "/api/v1/service/widgets", Permissions.ServiceManage, _ => new(HttpMethod.Get, "/api/v1/service/widgets")),
        new("POST", "/api/v1/service/widgets", Permissions.ServiceManage, _ => new(HttpMethod.Post, "/api/v1/service/widgets") { Content = JsonContent.Create(new SaveServiceWidgetRequest("matrix")) }),
        new("PATCH", "/api/v1/service/widgets/{id:long}", Permissions.ServiceManage, _ => new(HttpMethod.Patch, "/api/v1/service/widgets/999999") { Content = JsonContent.Create(new SaveServiceWidgetRequest("matrix")) }),
        new("DELETE", "/api/v1/service/widgets/{id:long}", Permissions.ServiceManage, _ => new(HttpMethod.Delete, "/api/v1/service/widgets/999999")),
        new("POST", "/api/v1/service/queues", Permissions.ServiceManage, _ => new(HttpMethod.Post, "/api/v1/service/queues") { Content = JsonContent.Create(new CreateServiceQueueRequest("matrix", ServiceRouting.LeastBusy)) }),
        new("PUT", "/api/v1/service/queues/{id:long}/agents/{userId:long}", Permissions.ServiceManage, target => new(HttpMethod.Put, $"/api/v1/service/queues/999999/agents/{target}") { Content = JsonContent.Create(new SetServiceAgentRequest(2)) }),
        new("DELETE", "/api/v1/service/queues/{id:long}/agents/{userId:long}", Permissions.ServiceManage, target => new(HttpMethod.Delete, $"/api/v1/service/queues/999999/agents/{target}")),
        new("POST", "/api/v1/service/canned-replies", Permissions.ServiceManage, _ => new(HttpMethod.Post, "/api/v1/service/canned-replies") { Content = JsonContent.Create(new CreateServiceCannedReplyRequest("m" + Guid.NewGuid().ToString("N")[..8], "Hello")) }),
        new("DELETE", "/api/v1/service/canned-replies/{id:long}", Permissions.ServiceManage, _ => new(HttpMethod.Delete, "/api/v1/service/canned-replies/999999")),
        new("GET", "/api/v1/service/canned-replies", Permissions.ServiceAgent, _ => new(HttpMethod.Get, "/api/v1/service/canned-replies")),
        new("GET", "/api/v1/service/queues", Permissions.ServiceAgent, _ => new(HttpMethod.Get, "/api/v1/service/queues")),
        new("GET", "/api/v1/service/conversations", Permissions.ServiceAgent, _ => new(HttpMethod.Get, "/api/v1/service/conversations?state=waiting")),
        new("GET", "/api/v1/service/conversations/{id:long}", Permissions.ServiceAgent, _ => new(HttpMethod.Get, "/api/v1/service/conversations/999999")),
        new("POST", "/api/v1/service/conversations/{id:long}/accept", Permissions.ServiceAgent, _ => new(HttpMethod.Post, "/api/v1/service/conversations/999999/accept")),
        new("POST", "/api/v1/service/conversations/{id:long}/transfer", Permissions.ServiceAgent, target => new(HttpMethod.Post, "/api/v1/service/conversations/999999/transfer") { Content = JsonContent.Create(new TransferServiceConversationRequest(target, null)) }),
        new("POST", "/api/v1/service/conversations/{id:long}/close", Permissions.ServiceAgent, _ => new(HttpMethod.Post, "/api/v1/service/conversations/999999/close") { Content = JsonContent.Create(new CloseServiceConversationRequest(null)) }),
        new("GET", "/api/v1/service/conversations/{id:long}/notes", Permissions.ServiceAgent, _ => new(HttpMethod.Get, "/api/v1/service/conversations/999999/notes")),
        new("POST", "/api/v1/service/conversations/{id:long}/notes", Permissions.ServiceAgent, _ => new(HttpMethod.Post, "/api/v1/service/conversations/999999/notes") { Content = JsonContent.Create(new CreateServiceNoteRequest("x")) }),
        new("GET", "/api/v1/service/stats", Permissions.ServiceAgent, _ => new(HttpMethod.Get, "/api/v1/service/stats")),
        new("GET", "/api/v1/admin/settings/", Permissions.SystemManage, _ => new(HttpMethod.Get, "/api/v1/admin/settings/")),
        new("PUT", "/api/v1/admin/settings/{key}", Permissions.SystemManage, _ => new(HttpMethod.Put, "/api/v1/admin/settings/messages.maxTextBytes") { Content = JsonContent.Create(new RuntimeSettingChange(16384)) }),
        new("DELETE", "/api/v1/admin/settings/{key}", Permissions.SystemManage, _ => new(HttpMethod.Delete, "/api/v1/admin/settings/messages.maxTextBytes")),
        new("GET", "/api/v1/admin/dashboard", Permissions.SystemManage, _ => new(HttpMethod.Get, "/api/v1/admin/dashboard")),
        new("GET", "/api/v1/admin/sso/oidc/", Permissions.SystemManage, _ => new(HttpMethod.Get, "/api/v1/admin/sso/oidc/")),
        new("PUT", "/api/v1/admin/sso/oidc/", Permissions.SystemManage, _ => new(HttpMethod.Put, "/api/v1/admin/sso/oidc/")
            { Content = JsonContent.Create(new OidcSettingsRequest(false, null, null, null, null, null, null, false, false, false)) }),
        new("POST", "/api/v1/admin/sso/oidc/test", Permissions.SystemManage, _ => new(HttpMethod.Post, "/api/v1/admin/sso/oidc/test")
            { Content = JsonContent.Create(new OidcTestRequest("https://127.0.0.1:1", null)) }),
        new("GET", "/api/v1/admin/ldap/", Permissions.SystemManage, _ => new(HttpMethod.Get, "/api/v1/admin/ldap/")),
        new("PUT", "/api/v1/admin/ldap/", Permissions.SystemManage, _ => new(HttpMethod.Put, "/api/v1/admin/ldap/")
            { Content = JsonContent.Create(new UpdateLdapSettingsRequest(false, null, null, null, null, null, null, null, null, null, null, 0)) }),
        new("POST", "/api/v1/admin/ldap/test", Permissions.SystemManage, _ => new(HttpMethod.Post, "/api/v1/admin/ldap/test")),
        new("POST", "/api/v1/admin/ldap/sync", Permissions.SystemManage, _ => new(HttpMethod.Post, "/api/v1/admin/ldap/sync?dryRun=true")),
        new("POST", "/api/v1/departments/", Permissions.UsersManage, _ => new(HttpMethod.Post, "/api/v1/departments/") { Content = JsonContent.Create(new CreateDepartmentRequest("D", null)) }),
        new("PATCH", "/api/v1/departments/{id:long}", Permissions.UsersManage, _ => new(HttpMethod.Patch, "/api/v1/departments/999999") { Content = JsonContent.Create(new UpdateDepartmentRequest("R", null)) }),
        new("DELETE", "/api/v1/departments/{id:long}", Permissions.UsersManage, _ => new(HttpMethod.Delete, "/api/v1/departments/999999")),
        new("PUT", "/api/v1/departments/{id:long}/members/{userId:long}", Permissions.UsersManage, target => new(HttpMethod.Put, $"/api/v1/departments/999999/members/{target}")),
        new("DELETE", "/api/v1/departments/{id:long}/members/{userId:long}", Permissions.UsersManage, target => new(HttpMethod.Delete, $"/api/v1/departments/999999/members/{target}")),
        new("PUT", "/api/v1/users/{id:long}/profile", Permissions.UsersManage, target => new(HttpMethod.Put, $"/api/v1/users/{target}/profile") { Content = JsonContent.Create(new UpdateProfileRequest(null, "T", null)) }),
        new("DELETE", "/api/v1/users/{id:long}/avatar", Permissions.UsersManage, target => new(HttpMethod.Delete, $"/api/v1/users/{target}/avatar")),
        new("GET", "/api/v1/users/{id:long}/sessions", Permissions.UsersManage, target => new(HttpMethod.Get, $"/api/v1/users/{target}/sessions")),
        new("DELETE", "/api/v1/users/{id:long}/sessions/{sessionId:long}", Permissions.UsersManage, target => new(HttpMethod.Delete, $"/api/v1/users/{target}/sessions/1")),
        new("DELETE", "/api/v1/users/{id:long}/totp", Permissions.UsersManage, target => new(HttpMethod.Delete, $"/api/v1/users/{target}/totp")),
        new("GET", "/api/v1/admin/conversations/", Permissions.ConversationsManage, _ => new(HttpMethod.Get, "/api/v1/admin/conversations/")),
        new("GET", "/api/v1/admin/conversations/{id:long}", Permissions.ConversationsManage, _ => new(HttpMethod.Get, "/api/v1/admin/conversations/999999")),
        new("GET", "/api/v1/admin/conversations/{id:long}/members", Permissions.ConversationsManage, _ => new(HttpMethod.Get, "/api/v1/admin/conversations/999999/members")),
        new("POST", "/api/v1/admin/conversations/{id:long}/members", Permissions.ConversationsManage, target => new(HttpMethod.Post, "/api/v1/admin/conversations/999999/members") { Content = JsonContent.Create(new AddMembersRequest([target])) }),
        new("DELETE", "/api/v1/admin/conversations/{id:long}/members/{userId:long}", Permissions.ConversationsManage, target => new(HttpMethod.Delete, $"/api/v1/admin/conversations/999999/members/{target}")),
        new("POST", "/api/v1/admin/conversations/{id:long}/archive", Permissions.ConversationsManage, _ => new(HttpMethod.Post, "/api/v1/admin/conversations/999999/archive")),
        new("POST", "/api/v1/admin/conversations/{id:long}/unarchive", Permissions.ConversationsManage, _ => new(HttpMethod.Post, "/api/v1/admin/conversations/999999/unarchive")),
        new("PUT", "/api/v1/admin/conversations/{id:long}/owner", Permissions.ConversationsManage, target => new(HttpMethod.Put, "/api/v1/admin/conversations/999999/owner") { Content = JsonContent.Create(new TransferOwnershipRequest(target)) }),
        new("PUT", "/api/v1/admin/conversations/{id:long}/default", Permissions.ConversationsManage, _ => new(HttpMethod.Put, "/api/v1/admin/conversations/999999/default") { Content = JsonContent.Create(new SetDefaultChannelRequest(false)) }),
        new("DELETE", "/api/v1/admin/conversations/{id:long}/default", Permissions.ConversationsManage, _ => new(HttpMethod.Delete, "/api/v1/admin/conversations/999999/default")),
        new("PUT", "/api/v1/admin/conversations/{id:long}/department", Permissions.ConversationsManage, _ => new(HttpMethod.Put, "/api/v1/admin/conversations/999999/department") { Content = JsonContent.Create(new LinkDepartmentRequest(999999, false)) }),
        new("DELETE", "/api/v1/admin/conversations/{id:long}/department", Permissions.ConversationsManage, _ => new(HttpMethod.Delete, "/api/v1/admin/conversations/999999/department")),
        new("POST", "/api/v1/admin/department-groups", Permissions.ConversationsManage, _ => new(HttpMethod.Post, "/api/v1/admin/department-groups") { Content = JsonContent.Create(new CreateDepartmentGroupRequest(999999, null, false)) }),
        new("POST", "/api/v1/webhooks/", Permissions.IntegrationsManage, _ => new(HttpMethod.Post, "/api/v1/webhooks/")
            { Content = JsonContent.Create(new CreateWebhookRequest("https://example.com/hook", [WebhookEventTypes.MessageCreated], null, null)) }),
        new("GET", "/api/v1/webhooks/", Permissions.IntegrationsManage, _ => new(HttpMethod.Get, "/api/v1/webhooks/")),
        new("GET", "/api/v1/webhooks/{id:long}", Permissions.IntegrationsManage, _ => new(HttpMethod.Get, "/api/v1/webhooks/999999")),
        new("PATCH", "/api/v1/webhooks/{id:long}", Permissions.IntegrationsManage, _ => new(HttpMethod.Patch, "/api/v1/webhooks/999999")
            { Content = JsonContent.Create(new UpdateWebhookRequest(null, null, null, null, false)) }),
        new("DELETE", "/api/v1/webhooks/{id:long}", Permissions.IntegrationsManage, _ => new(HttpMethod.Delete, "/api/v1/webhooks/999999")),
        new("GET", "/api/v1/webhooks/{id:long}/deliveries", Permissions.IntegrationsManage, _ => new(HttpMethod.Get, "/api/v1/webhooks/999999/deliveries")),
        new("POST", "/api/v1/webhooks/{id:long}/deliveries/{deliveryId:long}/replay", Permissions.IntegrationsManage, _ => new(HttpMethod.Post, "/api/v1/webhooks/999999/deliveries/1/replay")),
        new("POST", "/api/v1/webhooks/{id:long}/deliveries/replay", Permissions.IntegrationsManage, _ => new(HttpMethod.Post, "/api/v1/webhooks/999999/deliveries/replay")),
        new("GET", "/api/v1/knowledge/articles", Permissions.KnowledgeManage, _ => new(HttpMethod.Get, "/api/v1/knowledge/articles")),
        new("GET", "/api/v1/knowledge/articles/{id:long}", Permissions.KnowledgeManage, _ => new(HttpMethod.Get, "/api/v1/knowledge/articles/999999")),
        new("POST", "/api/v1/knowledge/articles", Permissions.KnowledgeManage, _ => new(HttpMethod.Post, "/api/v1/knowledge/articles")
            { Content = JsonContent.Create(new SaveKnowledgeArticleRequest(null, "Matrix", "Body", "en", null, false)) }),
        new("PUT", "/api/v1/knowledge/articles/{id:long}", Permissions.KnowledgeManage, _ => new(HttpMethod.Put, "/api/v1/knowledge/articles/999999")
            { Content = JsonContent.Create(new SaveKnowledgeArticleRequest(null, "Matrix", "Body", "en", null, false)) }),
        new("DELETE", "/api/v1/knowledge/articles/{id:long}", Permissions.KnowledgeManage, _ => new(HttpMethod.Delete, "/api/v1/knowledge/articles/999999")),
        new("POST", "/api/v1/knowledge/answers", Permissions.KnowledgeManage, _ => new(HttpMethod.Post, "/api/v1/knowledge/answers")
            { Content = JsonContent.Create(new KnowledgeAnswerRequest("password", "en", null)) }),
        new("GET", "/api/v1/admin/ai/usage", Permissions.SystemManage, _ => new(HttpMethod.Get, "/api/v1/admin/ai/usage")),
        new("GET", "/api/v1/audit/", Permissions.AuditRead, _ => new(HttpMethod.Get, "/api/v1/audit/")),
        new("GET", "/api/v1/audit/export.csv", Permissions.AuditRead, _ => new(HttpMethod.Get, "/api/v1/audit/export.csv")),
        new("POST", "/api/v1/compliance/users/{id:long}/data-export", Permissions.ComplianceManage, target => new(HttpMethod.Post, $"/api/v1/compliance/users/{target}/data-export")),
        // Erasure needs both: a user administrator alone or a compliance officer alone is refused (dry run: nothing is erased here).
        new("POST", "/api/v1/compliance/users/{id:long}/erasure", Permissions.UsersManage, target => new(HttpMethod.Post, $"/api/v1/compliance/users/{target}/erasure")
            { Content = JsonContent.Create(new UserErasureRequest(true)) }, Permissions.ComplianceManage),
        new("GET", "/api/v1/bots/", Permissions.IntegrationsManage, _ => new(HttpMethod.Get, "/api/v1/bots/")),
        new("POST", "/api/v1/bots/", Permissions.IntegrationsManage, _ => new(HttpMethod.Post, "/api/v1/bots/")
            { Content = JsonContent.Create(new CreateBotRequest("bot" + Guid.NewGuid().ToString("N")[..8], null)) }),
        new("POST", "/api/v1/bots/{id:long}/token", Permissions.IntegrationsManage, _ => new(HttpMethod.Post, "/api/v1/bots/999999/token")),
        new("PUT", "/api/v1/bots/{id:long}/scopes", Permissions.IntegrationsManage, _ => new(HttpMethod.Put, "/api/v1/bots/999999/scopes") { Content = JsonContent.Create(new SetBotScopesRequest([])) }),
        new("POST", "/api/v1/bots/{id:long}/deactivate", Permissions.IntegrationsManage, _ => new(HttpMethod.Post, "/api/v1/bots/999999/deactivate")),
        new("POST", "/api/v1/bots/{id:long}/activate", Permissions.IntegrationsManage, _ => new(HttpMethod.Post, "/api/v1/bots/999999/activate")),
    ];

    [Fact]
    public void EveryPermissionConstant_IsListed_AndHeldBySystemAdministrators()
    {
        var constants = typeof(Permissions).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.Equal(constants.Order(), Permissions.All.Order());
        Assert.Equal(constants.Order(), RolePermissions.Of([Roles.SystemAdmin]).Order());
        Assert.Empty(RolePermissions.Of([Roles.Member]));
    }

    [Fact]
    public void EveryEndpointRequiringAPermission_HasACase()
    {
        var permissions = Permissions.All.ToHashSet();
        var protectedEndpoints = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Where(a => a.Policy is not null && permissions.Contains(a.Policy))
                .SelectMany(a => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')} {a.Policy}")))
            .ToHashSet();
        var covered = Cases.SelectMany(c => new[] { c.Permission, c.AlsoNeeds }.OfType<string>().Select(p => $"{c.Method} {c.Pattern.TrimEnd('/')} {p}")).ToHashSet();
        Assert.True(protectedEndpoints.SetEquals(covered),
            "cases and endpoints differ:\nonly endpoints: " + string.Join(", ", protectedEndpoints.Except(covered)) + "\nonly cases: " + string.Join(", ", covered.Except(protectedEndpoints)));
    }

    [Fact]
    public async Task EveryRole_IsRefusedExactlyWhereItLacksThePermission()
    {
        var admin = await _server.AdminAsync();
        var failures = new List<string>();
        foreach (var role in Roles.Grantable.Append(Roles.Member))
        {
            var name = "r" + Guid.NewGuid().ToString("N")[..10];
            string[] roles = role == Roles.Member ? [] : [role];
            await admin.Ok<UserDto>(admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(name, TestServer.UserPassword, null, false, roles)));
            using var anon = _server.Client();
            var login = await admin.Ok<LoginResponse>(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(name, TestServer.UserPassword)));
            Assert.Equal(roles, login.User.Roles);
            using var http = _server.Client(login.Token);
            var held = RolePermissions.Of(roles);
            foreach (var c in Cases)
            {
                var target = (await _server.UserAsync()).Id;
                using var res = await http.SendAsync(c.Request(target));
                var refused = res.StatusCode == HttpStatusCode.Forbidden;
                if (refused == (held.Contains(c.Permission) && (c.AlsoNeeds is null || held.Contains(c.AlsoNeeds))) || res.StatusCode == HttpStatusCode.Unauthorized)
                    failures.Add($"{role}: {c.Method} {c.Pattern} → {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
