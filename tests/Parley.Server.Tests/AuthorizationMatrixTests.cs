using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// Every endpoint, called by a user who is not a member of a private group (or not an administrator),
/// must refuse (403/404) or answer without revealing the group. The test enumerates the server's real
/// endpoints, so a new endpoint fails it until it is added here.
/// </summary>
public class AuthorizationMatrixTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private sealed record Case(string Method, string Pattern, Func<Ids, HttpRequestMessage> Request, Func<HttpResponseMessage, string, bool>? AllowedAndSafe = null);
    private sealed record Ids(long Group, long Message, long Owner, long OwnerSession, string Secret, long File = 1, string Upload = "00000000000000000000000000000000")
    {
        public long PushSubscription { get; init; } = 1;
        public long Scheduled { get; init; } = 1;
        public long Reminder { get; init; } = 1;
        public long Poll { get; init; } = 1;
        public long Chain { get; init; } = 1;
        public long PersonalExport { get; init; } = 1;
        public long Call { get; init; } = 1;
        public long ServiceConversation { get; init; } = 1;
        public long Widget { get; init; } = 1;
    }

    private static HttpRequestMessage Req(HttpMethod method, string url, object? body = null) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body) };

    private static bool DoesNotMention(HttpResponseMessage res, string body, string secret) => res.IsSuccessStatusCode && !body.Contains(secret, StringComparison.Ordinal);

    private static readonly Case[] Cases =
    [
        new("GET", "/api/v1/setup", _ => Req(HttpMethod.Get, "/api/v1/setup"), (r, b) => r.IsSuccessStatusCode),
        new("POST", "/api/v1/setup", _ => Req(HttpMethod.Post, "/api/v1/setup", new SetupRequest("again", TestServer.AdminPassword, null)), (r, _) => r.StatusCode == HttpStatusCode.Conflict),
        new("POST", "/api/v1/auth/login", _ => Req(HttpMethod.Post, "/api/v1/auth/login", new LoginRequest("x", "y-password")), (r, _) => r.StatusCode == HttpStatusCode.Unauthorized),
        // Single sign-on: the start address and the code exchange are public (switched off here: back to the sign-in page; an unknown code is refused).
        new("GET", "/api/v1/auth/oidc/start", _ => Req(HttpMethod.Get, "/api/v1/auth/oidc/start"), (r, _) => r.RequestMessage!.RequestUri!.Query.Contains("sso_error=sso_disabled", StringComparison.Ordinal)),
        new("POST", "/api/v1/auth/oidc/exchange", _ => Req(HttpMethod.Post, "/api/v1/auth/oidc/exchange", new OidcExchangeRequest("sc_unknown")), (r, _) => r.StatusCode == HttpStatusCode.BadRequest),
        new("POST", "/api/v1/auth/logout", _ => Req(HttpMethod.Post, "/api/v1/auth/logout"), (r, _) => r.StatusCode == HttpStatusCode.NoContent),
        new("POST", "/api/v1/auth/hub-ticket", _ => Req(HttpMethod.Post, "/api/v1/auth/hub-ticket"), (r, b) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/auth/sessions", i => Req(HttpMethod.Get, "/api/v1/auth/sessions"), (r, b) => r.IsSuccessStatusCode),
        new("DELETE", "/api/v1/auth/sessions/{id:long}", i => Req(HttpMethod.Delete, $"/api/v1/auth/sessions/{i.OwnerSession}")),
        new("GET", "/api/v1/users/me", _ => Req(HttpMethod.Get, "/api/v1/users/me"), (r, b) => r.IsSuccessStatusCode),
        new("PUT", "/api/v1/users/me/password", _ => Req(HttpMethod.Put, "/api/v1/users/me/password", new ChangePasswordRequest("wrong", "whatever-pass")), (r, _) => r.StatusCode == HttpStatusCode.BadRequest),
        new("GET", "/api/v1/users/", _ => Req(HttpMethod.Get, "/api/v1/users/?query=owner"), (r, b) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/users/{id:long}", i => Req(HttpMethod.Get, $"/api/v1/users/{i.Owner}"), (r, b) => r.IsSuccessStatusCode),
        new("POST", "/api/v1/users/", _ => Req(HttpMethod.Post, "/api/v1/users/", new CreateUserRequest("sneaky", TestServer.UserPassword, null, true))),
        new("PATCH", "/api/v1/users/{id:long}", i => Req(HttpMethod.Patch, $"/api/v1/users/{i.Owner}", new UpdateUserRequest(null, false, null))),
        new("PUT", "/api/v1/users/{id:long}/password", i => Req(HttpMethod.Put, $"/api/v1/users/{i.Owner}/password", new ResetPasswordRequest("taken-over-pass"))),
        new("GET", "/api/v1/presence", i => Req(HttpMethod.Get, $"/api/v1/presence?userIds={i.Owner}"), (r, b) => r.IsSuccessStatusCode),
        new("POST", "/api/v1/conversations/", _ => Req(HttpMethod.Post, "/api/v1/conversations/", new CreateConversationRequest("group", "mine", null, null)), (r, b) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/conversations/", _ => Req(HttpMethod.Get, "/api/v1/conversations/"), null),
        new("GET", "/api/v1/conversations/{id:long}", i => Req(HttpMethod.Get, $"/api/v1/conversations/{i.Group}")),
        new("PATCH", "/api/v1/conversations/{id:long}", i => Req(HttpMethod.Patch, $"/api/v1/conversations/{i.Group}", new UpdateConversationRequest("pwned", null, null, null))),
        new("GET", "/api/v1/conversations/{id:long}/members", i => Req(HttpMethod.Get, $"/api/v1/conversations/{i.Group}/members")),
        new("POST", "/api/v1/conversations/{id:long}/members", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/members", new AddMembersRequest([i.Owner]))),
        new("DELETE", "/api/v1/conversations/{id:long}/members/{userId:long}", i => Req(HttpMethod.Delete, $"/api/v1/conversations/{i.Group}/members/{i.Owner}")),
        new("PUT", "/api/v1/conversations/{id:long}/members/{userId:long}/role", i => Req(HttpMethod.Put, $"/api/v1/conversations/{i.Group}/members/{i.Owner}/role", new SetRoleRequest("member"))),
        new("POST", "/api/v1/conversations/{id:long}/join", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/join")),
        new("POST", "/api/v1/conversations/{id:long}/leave", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/leave")),
        new("PUT", "/api/v1/conversations/{id:long}/watermark", i => Req(HttpMethod.Put, $"/api/v1/conversations/{i.Group}/watermark", new SetWatermarkRequest(true))),
        new("PUT", "/api/v1/conversations/{id:long}/mute", i => Req(HttpMethod.Put, $"/api/v1/conversations/{i.Group}/mute", new MuteRequest(true))),
        new("POST", "/api/v1/conversations/{id:long}/read", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/read", new MarkReadRequest(1))),
        new("POST", "/api/v1/conversations/{id:long}/messages", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/messages", new SendMessageRequest("intrusion", null, null, null))),
        new("POST", "/api/v1/conversations/{id:long}/messages", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/messages",
            new SendMessageRequest("intrusion", null, null, null, SendAt: DateTimeOffset.UtcNow.AddHours(1).ToString("O")))),
        new("GET", "/api/v1/conversations/{id:long}/messages", i => Req(HttpMethod.Get, $"/api/v1/conversations/{i.Group}/messages")),
        new("GET", "/api/v1/conversations/{id:long}/events", i => Req(HttpMethod.Get, $"/api/v1/conversations/{i.Group}/events")),
        new("GET", "/api/v1/conversations/{id:long}/pins", i => Req(HttpMethod.Get, $"/api/v1/conversations/{i.Group}/pins")),
        new("GET", "/api/v1/channels", _ => Req(HttpMethod.Get, "/api/v1/channels"), null),
        new("GET", "/api/v1/sync", _ => Req(HttpMethod.Get, "/api/v1/sync?since=0"), null),
        new("GET", "/api/v1/messages/{id:long}/", i => Req(HttpMethod.Get, $"/api/v1/messages/{i.Message}")),
        new("PATCH", "/api/v1/messages/{id:long}/", i => Req(HttpMethod.Patch, $"/api/v1/messages/{i.Message}", new EditMessageRequest("defaced"))),
        new("DELETE", "/api/v1/messages/{id:long}/", i => Req(HttpMethod.Delete, $"/api/v1/messages/{i.Message}")),
        new("POST", "/api/v1/messages/{id:long}/recall", i => Req(HttpMethod.Post, $"/api/v1/messages/{i.Message}/recall")),
        new("POST", "/api/v1/messages/{id:long}/pin", i => Req(HttpMethod.Post, $"/api/v1/messages/{i.Message}/pin")),
        new("DELETE", "/api/v1/messages/{id:long}/pin", i => Req(HttpMethod.Delete, $"/api/v1/messages/{i.Message}/pin")),
        new("POST", "/api/v1/messages/{id:long}/forward", i => Req(HttpMethod.Post, $"/api/v1/messages/{i.Message}/forward", new ForwardMessageRequest(i.Group, null, null))),
        new("PUT", "/api/v1/messages/{id:long}/reactions/{emoji}", i => Req(HttpMethod.Put, $"/api/v1/messages/{i.Message}/reactions/x")),
        new("DELETE", "/api/v1/messages/{id:long}/reactions/{emoji}", i => Req(HttpMethod.Delete, $"/api/v1/messages/{i.Message}/reactions/x")),
        new("GET", "/api/v1/messages/{id:long}/receipts", i => Req(HttpMethod.Get, $"/api/v1/messages/{i.Message}/receipts")),
        new("GET", "/api/v1/messages/{id:long}/urgent/", i => Req(HttpMethod.Get, $"/api/v1/messages/{i.Message}/urgent")),
        new("POST", "/api/v1/messages/{id:long}/urgent/", i => Req(HttpMethod.Post, $"/api/v1/messages/{i.Message}/urgent", new MarkUrgentRequest([i.Owner]))),
        new("POST", "/api/v1/messages/{id:long}/urgent/ack", i => Req(HttpMethod.Post, $"/api/v1/messages/{i.Message}/urgent/ack")),
        // Translation (issue 18): a stranger learns nothing of the message (404 before "translation is off"); the caller's own preferences; the conversation's setting needs membership.
        new("POST", "/api/v1/messages/{id:long}/translations", i => Req(HttpMethod.Post, $"/api/v1/messages/{i.Message}/translations", new TranslateMessageRequest("en"))),
        new("GET", "/api/v1/translation", _ => Req(HttpMethod.Get, "/api/v1/translation"), (r, _) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/users/me/translation", _ => Req(HttpMethod.Get, "/api/v1/users/me/translation"), (r, _) => r.IsSuccessStatusCode),
        new("PUT", "/api/v1/users/me/translation", _ => Req(HttpMethod.Put, "/api/v1/users/me/translation", new TranslationPreferencesDto(true, "en")), (r, _) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/conversations/{id:long}/translation", i => Req(HttpMethod.Get, $"/api/v1/conversations/{i.Group}/translation")),
        new("PUT", "/api/v1/conversations/{id:long}/translation", i => Req(HttpMethod.Put, $"/api/v1/conversations/{i.Group}/translation", new ConversationTranslationDto(true))),
        // The caller's own banner list: nothing of anyone else's conversations.
        new("GET", "/api/v1/urgent/pending", _ => Req(HttpMethod.Get, "/api/v1/urgent/pending"), (r, _) => r.IsSuccessStatusCode),
        // Saved messages and drafts (issue 20): personal; saving or drafting needs membership, removing a bookmark touches only the caller's own.
        new("PUT", "/api/v1/messages/{id:long}/bookmark", i => Req(HttpMethod.Put, $"/api/v1/messages/{i.Message}/bookmark", new BookmarkRequest("mine"))),
        new("DELETE", "/api/v1/messages/{id:long}/bookmark", i => Req(HttpMethod.Delete, $"/api/v1/messages/{i.Message}/bookmark"), (r, _) => r.StatusCode == HttpStatusCode.NoContent),
        new("GET", "/api/v1/bookmarks", _ => Req(HttpMethod.Get, "/api/v1/bookmarks"), (r, b) => r.IsSuccessStatusCode && b.Contains("\"items\":[]", StringComparison.Ordinal)),
        new("GET", "/api/v1/drafts", _ => Req(HttpMethod.Get, "/api/v1/drafts"), (r, b) => r.IsSuccessStatusCode && b.Contains("\"items\":[]", StringComparison.Ordinal)),
        new("PUT", "/api/v1/conversations/{id:long}/draft", i => Req(HttpMethod.Put, $"/api/v1/conversations/{i.Group}/draft", new DraftRequest("sneak", null))),
        new("DELETE", "/api/v1/conversations/{id:long}/draft", i => Req(HttpMethod.Delete, $"/api/v1/conversations/{i.Group}/draft")),
        // Merge-forward: neither the source nor the target may be someone else's; a bundle is as private as its message.
        new("POST", "/api/v1/conversations/{id:long}/bundles", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/bundles", new ForwardBundleRequest(i.Group, [i.Message]))),
        new("GET", "/api/v1/messages/{id:long}/bundle/", i => Req(HttpMethod.Get, $"/api/v1/messages/{i.Message}/bundle")),
        new("GET", "/api/v1/messages/{id:long}/bundle/items/{itemId:long}", i => Req(HttpMethod.Get, $"/api/v1/messages/{i.Message}/bundle/items/1")),
        new("GET", "/api/v1/messages/{id:long}/bundle/files/{fileId:long}", i => Req(HttpMethod.Get, $"/api/v1/messages/{i.Message}/bundle/files/{i.File}")),
        new("HEAD", "/api/v1/messages/{id:long}/bundle/files/{fileId:long}", i => Req(HttpMethod.Head, $"/api/v1/messages/{i.Message}/bundle/files/{i.File}")),
        new("GET", "/api/v1/messages/{id:long}/bundle/files/{fileId:long}/thumbnail", i => Req(HttpMethod.Get, $"/api/v1/messages/{i.Message}/bundle/files/{i.File}/thumbnail")),
        new("HEAD", "/api/v1/messages/{id:long}/bundle/files/{fileId:long}/thumbnail", i => Req(HttpMethod.Head, $"/api/v1/messages/{i.Message}/bundle/files/{i.File}/thumbnail")),
        // Files: a file sent in the group is as private as its message; an upload belongs to its uploader alone.
        new("POST", "/api/v1/files/", _ => new HttpRequestMessage(HttpMethod.Post, "/api/v1/files/") { Content = Files.FileClient.Multipart([1, 2, 3], "own.bin") }, (r, _) => r.StatusCode == HttpStatusCode.Created),
        new("GET", "/api/v1/files/{id:long}", i => Req(HttpMethod.Get, $"/api/v1/files/{i.File}")),
        new("GET", "/api/v1/files/{id:long}/thumbnail", i => Req(HttpMethod.Get, $"/api/v1/files/{i.File}/thumbnail")),
        new("HEAD", "/api/v1/files/{id:long}", i => Req(HttpMethod.Head, $"/api/v1/files/{i.File}")),
        new("HEAD", "/api/v1/files/{id:long}/thumbnail", i => Req(HttpMethod.Head, $"/api/v1/files/{i.File}/thumbnail")),
        new("POST", "/api/v1/files/{id:long}/links", i => Req(HttpMethod.Post, $"/api/v1/files/{i.File}/links")),
        new("GET", "/api/v1/conversations/{id:long}/files", i => Req(HttpMethod.Get, $"/api/v1/conversations/{i.Group}/files")),
        new("POST", "/api/v1/uploads/", _ => Req(HttpMethod.Post, "/api/v1/uploads/", new CreateUploadRequest("own.bin", 10, null)), (r, _) => r.StatusCode == HttpStatusCode.Created),
        new("GET", "/api/v1/uploads/{uploadId}", i => Req(HttpMethod.Get, $"/api/v1/uploads/{i.Upload}")),
        new("HEAD", "/api/v1/uploads/{uploadId}", i => Req(HttpMethod.Head, $"/api/v1/uploads/{i.Upload}")),
        new("PATCH", "/api/v1/uploads/{uploadId}", i => new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/uploads/{i.Upload}") { Content = new ByteArrayContent([1]), Headers = { { "Upload-Offset", "0" } } }),
        new("POST", "/api/v1/uploads/{uploadId}/complete", i => Req(HttpMethod.Post, $"/api/v1/uploads/{i.Upload}/complete")),
        new("DELETE", "/api/v1/uploads/{uploadId}", i => Req(HttpMethod.Delete, $"/api/v1/uploads/{i.Upload}")),
        // Incoming webhooks and cards (issue 17): managing a conversation's hooks is for its owners and admins (the outsider: 404);
        // a card click needs membership; posting to a hook needs its token (an unknown one is 404, and anonymous by design).
        new("POST", "/api/v1/conversations/{id:long}/incoming-webhooks/", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/incoming-webhooks", new CreateIncomingWebhookRequest("sneaky"))),
        new("GET", "/api/v1/conversations/{id:long}/incoming-webhooks/", i => Req(HttpMethod.Get, $"/api/v1/conversations/{i.Group}/incoming-webhooks")),
        new("DELETE", "/api/v1/conversations/{id:long}/incoming-webhooks/{hookId:long}", i => Req(HttpMethod.Delete, $"/api/v1/conversations/{i.Group}/incoming-webhooks/1")),
        new("POST", "/api/v1/messages/{id:long}/card-actions", i => Req(HttpMethod.Post, $"/api/v1/messages/{i.Message}/card-actions", new CardActionRequest("approve", null))),
        new("POST", "/api/v1/hooks/{token}", _ => Req(HttpMethod.Post, "/api/v1/hooks/phk_guessed", new { text = "intrusion" }), (r, _) => r.StatusCode == HttpStatusCode.NotFound),
        // Polls and sign-up chains are as private as their message; the caller's own state lists only visible polls.
        new("POST", "/api/v1/conversations/{id:long}/polls", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/polls", new CreatePollRequest(PollKinds.Poll, "intrusion", ["a", "b"]))),
        new("GET", "/api/v1/polls/{id:long}", i => Req(HttpMethod.Get, $"/api/v1/polls/{i.Poll}")),
        new("GET", "/api/v1/polls/mine", i => Req(HttpMethod.Get, $"/api/v1/polls/mine?ids={i.Poll},{i.Chain}"), (r, b) => r.IsSuccessStatusCode && b.Contains("\"items\":[]", StringComparison.Ordinal)),
        new("PUT", "/api/v1/polls/{id:long}/vote", i => Req(HttpMethod.Put, $"/api/v1/polls/{i.Poll}/vote", new VoteRequest([]))),
        new("POST", "/api/v1/polls/{id:long}/close", i => Req(HttpMethod.Post, $"/api/v1/polls/{i.Poll}/close")),
        new("POST", "/api/v1/polls/{id:long}/signups", i => Req(HttpMethod.Post, $"/api/v1/polls/{i.Chain}/signups", new SignupRequest("me"))),
        new("PUT", "/api/v1/polls/{id:long}/signups/me", i => Req(HttpMethod.Put, $"/api/v1/polls/{i.Chain}/signups/me", new SignupRequest("me"))),
        new("DELETE", "/api/v1/polls/{id:long}/signups/me", i => Req(HttpMethod.Delete, $"/api/v1/polls/{i.Chain}/signups/me")),
        new("GET", "/api/v1/search", i => Req(HttpMethod.Get, $"/api/v1/search?q={i.Secret}"), null),
        // The planner holds no conversation data: any signed-in user may use it.
        new("POST", "/api/v1/planner/plan", _ => Req(HttpMethod.Post, "/api/v1/planner/plan", new { }), (r, _) => r.StatusCode == HttpStatusCode.BadRequest),
        new("GET", "/api/v1/planner/catalog", _ => Req(HttpMethod.Get, "/api/v1/planner/catalog"), (r, _) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/planner/samples", _ => Req(HttpMethod.Get, "/api/v1/planner/samples"), (r, _) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/planner/samples/{name}", _ => Req(HttpMethod.Get, "/api/v1/planner/samples/company-1000-cny"), (r, _) => r.IsSuccessStatusCode),
        // Client settings hold no conversation data (anonymous callers get the password policy only).
        new("GET", "/api/v1/config", _ => Req(HttpMethod.Get, "/api/v1/config"), (r, _) => r.IsSuccessStatusCode),
        // Custom emoji: every signed-in user lists them and loads their images; adding and removing needs system.manage.
        new("GET", "/api/v1/custom-emoji", _ => Req(HttpMethod.Get, "/api/v1/custom-emoji"), (r, _) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/custom-emoji/{name}/image", _ => Req(HttpMethod.Get, "/api/v1/custom-emoji/none/image"), (r, _) => r.StatusCode == HttpStatusCode.NotFound),
        new("POST", "/api/v1/custom-emoji", _ => new HttpRequestMessage(HttpMethod.Post, "/api/v1/custom-emoji") { Content = new MultipartFormDataContent { { new StringContent("x1"), "name" } } }),
        new("DELETE", "/api/v1/custom-emoji/{name}", _ => Req(HttpMethod.Delete, "/api/v1/custom-emoji/none")),
        new("GET", "/api/v1/push/vapid-public-key", _ => Req(HttpMethod.Get, "/api/v1/push/vapid-public-key"), (r, _) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/push/subscriptions", _ => Req(HttpMethod.Get, "/api/v1/push/subscriptions"), (r, b) => r.IsSuccessStatusCode && b.Contains("\"items\":[]", StringComparison.Ordinal)),
        new("POST", "/api/v1/push/subscriptions", _ => Req(HttpMethod.Post, "/api/v1/push/subscriptions", new PushSubscriptionRequest("https://fcm.googleapis.com/fcm/send/x", null, new PushKeysDto("AA", "AA"))),
            (r, _) => r.StatusCode == HttpStatusCode.BadRequest),
        new("DELETE", "/api/v1/push/subscriptions/{id:long}", i => Req(HttpMethod.Delete, $"/api/v1/push/subscriptions/{i.PushSubscription}")),
        new("GET", "/api/v1/push/settings", _ => Req(HttpMethod.Get, "/api/v1/push/settings"), (r, _) => r.IsSuccessStatusCode),
        new("PUT", "/api/v1/push/settings", _ => Req(HttpMethod.Put, "/api/v1/push/settings", new PushSettingsRequest(false, null, null, null, null)), (r, _) => r.IsSuccessStatusCode),
        // Sensitive-word rules and flag reviews need compliance permissions, which a member does not hold.
        new("GET", "/api/v1/moderation/rules", _ => Req(HttpMethod.Get, "/api/v1/moderation/rules")),
        new("POST", "/api/v1/moderation/rules", _ => Req(HttpMethod.Post, "/api/v1/moderation/rules", new { })),
        new("DELETE", "/api/v1/moderation/rules/{id:long}", _ => Req(HttpMethod.Delete, "/api/v1/moderation/rules/1")),
        new("GET", "/api/v1/moderation/rules/export", _ => Req(HttpMethod.Get, "/api/v1/moderation/rules/export")),
        new("POST", "/api/v1/moderation/rules/import", _ => Req(HttpMethod.Post, "/api/v1/moderation/rules/import", new { })),
        new("POST", "/api/v1/moderation/test", _ => Req(HttpMethod.Post, "/api/v1/moderation/test", new { text = "x" })),
        new("GET", "/api/v1/moderation/exemptions", _ => Req(HttpMethod.Get, "/api/v1/moderation/exemptions")),
        new("PUT", "/api/v1/moderation/exemptions", _ => Req(HttpMethod.Put, "/api/v1/moderation/exemptions", new { userIds = new[] { 1 } })),
        new("GET", "/api/v1/moderation/flags", _ => Req(HttpMethod.Get, "/api/v1/moderation/flags")),
        new("POST", "/api/v1/moderation/flags/{id:long}/review", _ => Req(HttpMethod.Post, "/api/v1/moderation/flags/1/review", new { })),
        new("GET", "/api/v1/compliance/archive", _ => Req(HttpMethod.Get, "/api/v1/compliance/archive")),
        new("POST", "/api/v1/compliance/exports", _ => Req(HttpMethod.Post, "/api/v1/compliance/exports", new { from = "2026-01-01T00:00:00Z", to = "2026-02-01T00:00:00Z" })),
        new("GET", "/api/v1/compliance/exports", _ => Req(HttpMethod.Get, "/api/v1/compliance/exports")),
        new("GET", "/api/v1/compliance/exports/{id:long}", _ => Req(HttpMethod.Get, "/api/v1/compliance/exports/1")),
        new("GET", "/api/v1/compliance/exports/{id:long}/download", _ => Req(HttpMethod.Get, "/api/v1/compliance/exports/1/download")),
        new("GET", "/api/v1/compliance/retention", _ => Req(HttpMethod.Get, "/api/v1/compliance/retention")),
        new("PUT", "/api/v1/compliance/retention/{scope}", _ => Req(HttpMethod.Put, "/api/v1/compliance/retention/global", new { days = 1 })),
        new("DELETE", "/api/v1/compliance/retention/{scope}", _ => Req(HttpMethod.Delete, "/api/v1/compliance/retention/global")),
        new("POST", "/api/v1/compliance/retention/run", _ => Req(HttpMethod.Post, "/api/v1/compliance/retention/run")),
        new("GET", "/api/v1/compliance/holds", _ => Req(HttpMethod.Get, "/api/v1/compliance/holds")),
        new("POST", "/api/v1/compliance/holds", _ => Req(HttpMethod.Post, "/api/v1/compliance/holds", new { targetType = "user", targetId = 1, reason = "r" })),
        new("POST", "/api/v1/compliance/holds/{id:long}/release", _ => Req(HttpMethod.Post, "/api/v1/compliance/holds/1/release")),
        // Administration: a member holds no permission.
        new("GET", "/api/v1/admin/subscribers", _ => Req(HttpMethod.Get, "/api/v1/admin/subscribers")),
        new("POST", "/api/v1/admin/email/test", _ => Req(HttpMethod.Post, "/api/v1/admin/email/test", new SendTestEmailRequest("someone@example.com"))),
        new("GET", "/api/v1/admin/health", _ => Req(HttpMethod.Get, "/api/v1/admin/health")),
        new("GET", "/api/v1/audit/", _ => Req(HttpMethod.Get, "/api/v1/audit/")),
        new("GET", "/api/v1/admin/security-policy/", _ => Req(HttpMethod.Get, "/api/v1/admin/security-policy/")),
        new("PUT", "/api/v1/admin/security-policy/", _ => Req(HttpMethod.Put, "/api/v1/admin/security-policy/", new SecurityPolicyDto("off"))),
        // Invitations and SCIM tokens are administration (users.manage); the invitee's two endpoints are anonymous and answer
        // one 404 for every link that is not a live invitation.
        new("GET", "/api/v1/admin/invitations/", _ => Req(HttpMethod.Get, "/api/v1/admin/invitations/")),
        new("POST", "/api/v1/admin/invitations/", _ => Req(HttpMethod.Post, "/api/v1/admin/invitations/", new CreateInvitationRequest())),
        new("DELETE", "/api/v1/admin/invitations/{id:long}", _ => Req(HttpMethod.Delete, "/api/v1/admin/invitations/1")),
        new("GET", "/api/v1/invitations/{token}", _ => Req(HttpMethod.Get, "/api/v1/invitations/pli_unknown"), (r, _) => r.StatusCode == HttpStatusCode.NotFound),
        new("POST", "/api/v1/invitations/{token}/accept", _ => Req(HttpMethod.Post, "/api/v1/invitations/pli_unknown/accept", new AcceptInvitationRequest("sneak", null, "Kp4-unrelated-Zx8")),
            (r, _) => r.StatusCode == HttpStatusCode.NotFound),
        new("GET", "/api/v1/admin/scim-tokens/", _ => Req(HttpMethod.Get, "/api/v1/admin/scim-tokens/")),
        new("POST", "/api/v1/admin/scim-tokens/", _ => Req(HttpMethod.Post, "/api/v1/admin/scim-tokens/", new CreateScimTokenRequest("sneaky"))),
        new("DELETE", "/api/v1/admin/scim-tokens/{id:long}", _ => Req(HttpMethod.Delete, "/api/v1/admin/scim-tokens/1")),
        // Embedding: applications need integrations.manage; a session's bearer token is no application secret (401), and a
        // token that is not a live embed token starts no session (401 embed_token_invalid).
        new("GET", "/api/v1/embed/apps", _ => Req(HttpMethod.Get, "/api/v1/embed/apps")),
        new("POST", "/api/v1/embed/apps", _ => Req(HttpMethod.Post, "/api/v1/embed/apps", new CreateEmbedAppRequest("sneaky", ["https://evil.example.net"]))),
        new("PUT", "/api/v1/embed/apps/{id:long}", _ => Req(HttpMethod.Put, "/api/v1/embed/apps/1", new CreateEmbedAppRequest("sneaky", ["https://evil.example.net"]))),
        new("DELETE", "/api/v1/embed/apps/{id:long}", _ => Req(HttpMethod.Delete, "/api/v1/embed/apps/1")),
        new("POST", "/api/v1/embed/tokens", i => Req(HttpMethod.Post, "/api/v1/embed/tokens", new CreateEmbedTokenRequest("owner", new EmbedScopeRequest(i.Group, null), null)),
            (r, _) => r.StatusCode == HttpStatusCode.Unauthorized),
        new("POST", "/api/v1/embed/sessions", _ => Req(HttpMethod.Post, "/api/v1/embed/sessions", new CreateEmbedSessionRequest("pet_unknown", null)),
            (r, _) => r.StatusCode == HttpStatusCode.Unauthorized),
        // Customer service (issue 18): set-up is service.manage, the desk service.agent; a visitor's routes answer only its
        // own conversation (404 for anyone else); the widget's public settings and starting a chat are anonymous.
        new("GET", "/api/v1/service/widgets", _ => Req(HttpMethod.Get, "/api/v1/service/widgets")),
        new("POST", "/api/v1/service/widgets", _ => Req(HttpMethod.Post, "/api/v1/service/widgets", new SaveServiceWidgetRequest("sneaky"))),
        new("PATCH", "/api/v1/service/widgets/{id:long}", i => Req(HttpMethod.Patch, $"/api/v1/service/widgets/{i.Widget}", new SaveServiceWidgetRequest("pwned"))),
        new("DELETE", "/api/v1/service/widgets/{id:long}", i => Req(HttpMethod.Delete, $"/api/v1/service/widgets/{i.Widget}")),
        new("GET", "/api/v1/service/widgets/{id:long}/public", _ => Req(HttpMethod.Get, "/api/v1/service/widgets/999999/public"), (r, _) => r.StatusCode == HttpStatusCode.NotFound),
        new("POST", "/api/v1/visitor/sessions", _ => Req(HttpMethod.Post, "/api/v1/visitor/sessions", new CreateVisitorSessionRequest(999999)), (r, _) => r.StatusCode == HttpStatusCode.NotFound),
        new("POST", "/api/v1/service/queues", _ => Req(HttpMethod.Post, "/api/v1/service/queues", new CreateServiceQueueRequest("sneaky", ServiceRouting.RoundRobin))),
        new("GET", "/api/v1/service/queues", _ => Req(HttpMethod.Get, "/api/v1/service/queues")),
        new("PUT", "/api/v1/service/queues/{id:long}/agents/{userId:long}", i => Req(HttpMethod.Put, $"/api/v1/service/queues/1/agents/{i.Owner}", new SetServiceAgentRequest(5))),
        new("DELETE", "/api/v1/service/queues/{id:long}/agents/{userId:long}", i => Req(HttpMethod.Delete, $"/api/v1/service/queues/1/agents/{i.Owner}")),
        new("GET", "/api/v1/service/canned-replies", _ => Req(HttpMethod.Get, "/api/v1/service/canned-replies")),
        new("POST", "/api/v1/service/canned-replies", _ => Req(HttpMethod.Post, "/api/v1/service/canned-replies", new CreateServiceCannedReplyRequest("x", "y"))),
        new("DELETE", "/api/v1/service/canned-replies/{id:long}", _ => Req(HttpMethod.Delete, "/api/v1/service/canned-replies/1")),
        new("GET", "/api/v1/service/conversations", _ => Req(HttpMethod.Get, "/api/v1/service/conversations")),
        new("GET", "/api/v1/service/conversations/{id:long}", i => Req(HttpMethod.Get, $"/api/v1/service/conversations/{i.ServiceConversation}")),
        new("POST", "/api/v1/service/conversations/{id:long}/accept", i => Req(HttpMethod.Post, $"/api/v1/service/conversations/{i.ServiceConversation}/accept")),
        new("POST", "/api/v1/service/conversations/{id:long}/transfer", i => Req(HttpMethod.Post, $"/api/v1/service/conversations/{i.ServiceConversation}/transfer", new TransferServiceConversationRequest(i.Owner, null))),
        new("POST", "/api/v1/service/conversations/{id:long}/close", i => Req(HttpMethod.Post, $"/api/v1/service/conversations/{i.ServiceConversation}/close", new CloseServiceConversationRequest("x"))),
        new("GET", "/api/v1/service/conversations/{id:long}/notes", i => Req(HttpMethod.Get, $"/api/v1/service/conversations/{i.ServiceConversation}/notes")),
        new("POST", "/api/v1/service/conversations/{id:long}/notes", i => Req(HttpMethod.Post, $"/api/v1/service/conversations/{i.ServiceConversation}/notes", new CreateServiceNoteRequest("x"))),
        new("GET", "/api/v1/service/stats", _ => Req(HttpMethod.Get, "/api/v1/service/stats")),
        new("POST", "/api/v1/service/conversations/{id:long}/handoff", i => Req(HttpMethod.Post, $"/api/v1/service/conversations/{i.ServiceConversation}/handoff")),
        new("POST", "/api/v1/service/conversations/{id:long}/rating", i => Req(HttpMethod.Post, $"/api/v1/service/conversations/{i.ServiceConversation}/rating", new ServiceRatingRequest(1, "bad"))),
        new("GET", "/api/v1/service/conversations/{id:long}/visitor-state", i => Req(HttpMethod.Get, $"/api/v1/service/conversations/{i.ServiceConversation}/visitor-state")),
        new("GET", "/api/v1/admin/settings/", _ => Req(HttpMethod.Get, "/api/v1/admin/settings/")),
        new("PUT", "/api/v1/admin/settings/{key}", _ => Req(HttpMethod.Put, "/api/v1/admin/settings/messages.maxTextBytes", new RuntimeSettingChange(100))),
        new("DELETE", "/api/v1/admin/settings/{key}", _ => Req(HttpMethod.Delete, "/api/v1/admin/settings/messages.maxTextBytes")),
        new("GET", "/api/v1/admin/dashboard", _ => Req(HttpMethod.Get, "/api/v1/admin/dashboard")),
        new("GET", "/api/v1/admin/sso/oidc/", _ => Req(HttpMethod.Get, "/api/v1/admin/sso/oidc/")),
        new("PUT", "/api/v1/admin/sso/oidc/", _ => Req(HttpMethod.Put, "/api/v1/admin/sso/oidc/", new OidcSettingsRequest(false, null, null, null, null, null, null, false, false, false))),
        new("POST", "/api/v1/admin/sso/oidc/test", _ => Req(HttpMethod.Post, "/api/v1/admin/sso/oidc/test", new OidcTestRequest("https://127.0.0.1:1", null))),
        // LDAP / AD settings, test connection and sync: system.manage only.
        new("GET", "/api/v1/admin/translation/", _ => Req(HttpMethod.Get, "/api/v1/admin/translation/")),
        new("PUT", "/api/v1/admin/translation/", _ => Req(HttpMethod.Put, "/api/v1/admin/translation/", new UpdateTranslationSettingsRequest(["apertium"], null, null))),
        new("GET", "/api/v1/admin/ldap/", _ => Req(HttpMethod.Get, "/api/v1/admin/ldap/")),
        new("PUT", "/api/v1/admin/ldap/", _ => Req(HttpMethod.Put, "/api/v1/admin/ldap/", new UpdateLdapSettingsRequest(true, "ldap://127.0.0.1:1", null, null, "dc=x", null, null, null, null, null, null, 0))),
        new("POST", "/api/v1/admin/ldap/test", _ => Req(HttpMethod.Post, "/api/v1/admin/ldap/test")),
        new("POST", "/api/v1/admin/ldap/sync", _ => Req(HttpMethod.Post, "/api/v1/admin/ldap/sync?dryRun=true")),
        // The directory is readable by everyone signed in (it holds no conversation data); changing it needs users.manage.
        new("GET", "/api/v1/departments/", _ => Req(HttpMethod.Get, "/api/v1/departments/"), (r, _) => r.IsSuccessStatusCode),
        new("POST", "/api/v1/departments/", _ => Req(HttpMethod.Post, "/api/v1/departments/", new CreateDepartmentRequest("Mine", null))),
        new("PATCH", "/api/v1/departments/{id:long}", _ => Req(HttpMethod.Patch, "/api/v1/departments/1", new UpdateDepartmentRequest("Renamed", null))),
        new("DELETE", "/api/v1/departments/{id:long}", _ => Req(HttpMethod.Delete, "/api/v1/departments/1")),
        new("GET", "/api/v1/departments/{id:long}/members", _ => Req(HttpMethod.Get, "/api/v1/departments/1/members"), (r, _) => r.IsSuccessStatusCode),
        new("PUT", "/api/v1/departments/{id:long}/members/{userId:long}", i => Req(HttpMethod.Put, $"/api/v1/departments/1/members/{i.Owner}")),
        new("DELETE", "/api/v1/departments/{id:long}/members/{userId:long}", i => Req(HttpMethod.Delete, $"/api/v1/departments/1/members/{i.Owner}")),
        // Conversation administration needs conversations.manage: the outsider (a member) is refused, the group untouched.
        new("GET", "/api/v1/admin/conversations/", _ => Req(HttpMethod.Get, "/api/v1/admin/conversations/")),
        new("GET", "/api/v1/admin/conversations/{id:long}", i => Req(HttpMethod.Get, $"/api/v1/admin/conversations/{i.Group}")),
        new("GET", "/api/v1/admin/conversations/{id:long}/members", i => Req(HttpMethod.Get, $"/api/v1/admin/conversations/{i.Group}/members")),
        new("POST", "/api/v1/admin/conversations/{id:long}/members", i => Req(HttpMethod.Post, $"/api/v1/admin/conversations/{i.Group}/members", new AddMembersRequest([i.Owner]))),
        new("DELETE", "/api/v1/admin/conversations/{id:long}/members/{userId:long}", i => Req(HttpMethod.Delete, $"/api/v1/admin/conversations/{i.Group}/members/{i.Owner}")),
        new("POST", "/api/v1/admin/conversations/{id:long}/archive", i => Req(HttpMethod.Post, $"/api/v1/admin/conversations/{i.Group}/archive")),
        new("POST", "/api/v1/admin/conversations/{id:long}/unarchive", i => Req(HttpMethod.Post, $"/api/v1/admin/conversations/{i.Group}/unarchive")),
        new("PUT", "/api/v1/admin/conversations/{id:long}/owner", i => Req(HttpMethod.Put, $"/api/v1/admin/conversations/{i.Group}/owner", new TransferOwnershipRequest(i.Owner))),
        new("PUT", "/api/v1/admin/conversations/{id:long}/default", i => Req(HttpMethod.Put, $"/api/v1/admin/conversations/{i.Group}/default", new SetDefaultChannelRequest(true))),
        new("DELETE", "/api/v1/admin/conversations/{id:long}/default", i => Req(HttpMethod.Delete, $"/api/v1/admin/conversations/{i.Group}/default")),
        new("PUT", "/api/v1/admin/conversations/{id:long}/department", i => Req(HttpMethod.Put, $"/api/v1/admin/conversations/{i.Group}/department", new LinkDepartmentRequest(1, true))),
        new("DELETE", "/api/v1/admin/conversations/{id:long}/department", i => Req(HttpMethod.Delete, $"/api/v1/admin/conversations/{i.Group}/department")),
        new("POST", "/api/v1/admin/department-groups", _ => Req(HttpMethod.Post, "/api/v1/admin/department-groups", new CreateDepartmentGroupRequest(1, "mine", true))),
        // Outgoing webhooks need integrations.manage: the outsider (a member) is refused and learns nothing.
        new("POST", "/api/v1/webhooks/", _ => Req(HttpMethod.Post, "/api/v1/webhooks/", new CreateWebhookRequest("https://example.com/hook", [WebhookEventTypes.MessageCreated], null, null))),
        new("GET", "/api/v1/webhooks/", _ => Req(HttpMethod.Get, "/api/v1/webhooks/")),
        new("GET", "/api/v1/webhooks/{id:long}", _ => Req(HttpMethod.Get, "/api/v1/webhooks/1")),
        new("PATCH", "/api/v1/webhooks/{id:long}", _ => Req(HttpMethod.Patch, "/api/v1/webhooks/1", new UpdateWebhookRequest(null, null, null, null, false))),
        new("DELETE", "/api/v1/webhooks/{id:long}", _ => Req(HttpMethod.Delete, "/api/v1/webhooks/1")),
        new("GET", "/api/v1/webhooks/{id:long}/deliveries", _ => Req(HttpMethod.Get, "/api/v1/webhooks/1/deliveries")),
        new("POST", "/api/v1/webhooks/{id:long}/deliveries/{deliveryId:long}/replay", _ => Req(HttpMethod.Post, "/api/v1/webhooks/1/deliveries/1/replay")),
        new("POST", "/api/v1/webhooks/{id:long}/deliveries/replay", _ => Req(HttpMethod.Post, "/api/v1/webhooks/1/deliveries/replay")),
        // Knowledge base (knowledge.manage) and the AI usage report (system.manage): the outsider (a member) is refused.
        new("GET", "/api/v1/knowledge/articles", _ => Req(HttpMethod.Get, "/api/v1/knowledge/articles")),
        new("GET", "/api/v1/knowledge/articles/{id:long}", _ => Req(HttpMethod.Get, "/api/v1/knowledge/articles/1")),
        new("POST", "/api/v1/knowledge/articles", _ => Req(HttpMethod.Post, "/api/v1/knowledge/articles", new SaveKnowledgeArticleRequest(null, "t", "b", "en", null, true))),
        new("PUT", "/api/v1/knowledge/articles/{id:long}", _ => Req(HttpMethod.Put, "/api/v1/knowledge/articles/1", new SaveKnowledgeArticleRequest(null, "t", "b", "en", null, true))),
        new("DELETE", "/api/v1/knowledge/articles/{id:long}", _ => Req(HttpMethod.Delete, "/api/v1/knowledge/articles/1")),
        new("POST", "/api/v1/knowledge/answers", _ => Req(HttpMethod.Post, "/api/v1/knowledge/answers", new KnowledgeAnswerRequest("password", "en", null))),
        new("GET", "/api/v1/admin/ai/usage", _ => Req(HttpMethod.Get, "/api/v1/admin/ai/usage")),
        // The assistant in a conversation: a non-member gets 404 (not even the consent state), changes nothing, sends nothing.
        new("GET", "/api/v1/conversations/{id:long}/assistant", i => Req(HttpMethod.Get, $"/api/v1/conversations/{i.Group}/assistant")),
        new("PUT", "/api/v1/conversations/{id:long}/assistant", i => Req(HttpMethod.Put, $"/api/v1/conversations/{i.Group}/assistant", new SetAssistantConsentRequest(true))),
        new("POST", "/api/v1/conversations/{id:long}/summaries", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/summaries", new SummarizeRequest(null, null))),
        new("POST", "/api/v1/conversations/{id:long}/reply-suggestions", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/reply-suggestions", new ReplySuggestionsRequest(null))),
        new("GET", "/api/v1/directory/search", _ => Req(HttpMethod.Get, "/api/v1/directory/search?q=owner"), (r, _) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/directory/users/{id:long}", i => Req(HttpMethod.Get, $"/api/v1/directory/users/{i.Owner}"), (r, _) => r.IsSuccessStatusCode),
        new("PUT", "/api/v1/users/me/profile", _ => Req(HttpMethod.Put, "/api/v1/users/me/profile", new UpdateProfileRequest(null, "Mine", null)), (r, _) => r.IsSuccessStatusCode),
        // Avatars: one's own (a body that is no image → 415, nothing stored), anyone's removal needs users.manage, reading needs only a session.
        new("PUT", "/api/v1/users/me/avatar", _ => new(HttpMethod.Put, "/api/v1/users/me/avatar") { Content = new ByteArrayContent("not a picture"u8.ToArray()) { Headers = { ContentType = new("application/octet-stream") } } },
            (r, _) => r.StatusCode == HttpStatusCode.UnsupportedMediaType),
        new("DELETE", "/api/v1/users/me/avatar", _ => Req(HttpMethod.Delete, "/api/v1/users/me/avatar"), (r, _) => r.IsSuccessStatusCode),
        new("DELETE", "/api/v1/users/{id:long}/avatar", i => Req(HttpMethod.Delete, $"/api/v1/users/{i.Owner}/avatar")),
        new("GET", "/api/v1/users/{id:long}/avatar", i => Req(HttpMethod.Get, $"/api/v1/users/{i.Owner}/avatar?size=64"), (r, _) => r.StatusCode == HttpStatusCode.NotFound),
        new("PUT", "/api/v1/users/{id:long}/profile", i => Req(HttpMethod.Put, $"/api/v1/users/{i.Owner}/profile", new UpdateProfileRequest(null, "Hijacked", null))),
        new("GET", "/api/v1/users/{id:long}/sessions", i => Req(HttpMethod.Get, $"/api/v1/users/{i.Owner}/sessions")),
        new("DELETE", "/api/v1/users/{id:long}/sessions/{sessionId:long}", i => Req(HttpMethod.Delete, $"/api/v1/users/{i.Owner}/sessions/{i.OwnerSession}")),
        new("DELETE", "/api/v1/users/{id:long}/totp", i => Req(HttpMethod.Delete, $"/api/v1/users/{i.Owner}/totp")),
        // Two-factor enrolment is the caller's own (a fresh outsider enrols itself; nothing of the owner's is touched).
        new("POST", "/api/v1/users/me/totp/", _ => Req(HttpMethod.Post, "/api/v1/users/me/totp/"), (r, b) => r.IsSuccessStatusCode),
        new("POST", "/api/v1/users/me/totp/confirm", _ => Req(HttpMethod.Post, "/api/v1/users/me/totp/confirm", new TotpConfirmRequest("000000")), (r, _) => r.StatusCode == HttpStatusCode.Conflict),
        new("DELETE", "/api/v1/users/me/totp/", _ => Req(HttpMethod.Delete, "/api/v1/users/me/totp/", new TotpDisableRequest("x", null)), (r, _) => r.StatusCode == HttpStatusCode.NotFound),
        new("GET", "/api/v1/audit/export.csv", _ => Req(HttpMethod.Get, "/api/v1/audit/export.csv")),
        new("GET", "/api/v1/planner/capacity-profile", _ => Req(HttpMethod.Get, "/api/v1/planner/capacity-profile"), (r, _) => r.IsSuccessStatusCode),
        // Scheduled messages and reminders are the caller's own: the outsider lists its own (empty) ones, and the owner's are 404.
        new("GET", "/api/v1/scheduled-messages/", _ => Req(HttpMethod.Get, "/api/v1/scheduled-messages/"), (r, _) => r.IsSuccessStatusCode),
        new("PATCH", "/api/v1/scheduled-messages/{id:long}", i => Req(HttpMethod.Patch, $"/api/v1/scheduled-messages/{i.Scheduled}", new UpdateScheduledMessageRequest("hijack", null))),
        new("DELETE", "/api/v1/scheduled-messages/{id:long}", i => Req(HttpMethod.Delete, $"/api/v1/scheduled-messages/{i.Scheduled}")),
        new("POST", "/api/v1/scheduled-messages/{id:long}/send", i => Req(HttpMethod.Post, $"/api/v1/scheduled-messages/{i.Scheduled}/send")),
        new("POST", "/api/v1/messages/{id:long}/reminder", i => Req(HttpMethod.Post, $"/api/v1/messages/{i.Message}/reminder", new SetReminderRequest(DateTimeOffset.UtcNow.AddHours(1).ToString("O")))),
        new("GET", "/api/v1/reminders/", _ => Req(HttpMethod.Get, "/api/v1/reminders/"), (r, _) => r.IsSuccessStatusCode),
        new("DELETE", "/api/v1/reminders/{id:long}", i => Req(HttpMethod.Delete, $"/api/v1/reminders/{i.Reminder}")),
        // Personal data: the outsider exports its own data; the owner's export is 404 to anyone else; asking for another
        // user's data or erasing them needs compliance permissions.
        new("POST", "/api/v1/users/me/data-export/", _ => Req(HttpMethod.Post, "/api/v1/users/me/data-export/"), (r, _) => r.StatusCode == HttpStatusCode.Accepted),
        new("GET", "/api/v1/users/me/data-export/", _ => Req(HttpMethod.Get, "/api/v1/users/me/data-export/"), (r, _) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/users/me/data-export/{id:long}", i => Req(HttpMethod.Get, $"/api/v1/users/me/data-export/{i.PersonalExport}")),
        new("GET", "/api/v1/users/me/data-export/{id:long}/download", i => Req(HttpMethod.Get, $"/api/v1/users/me/data-export/{i.PersonalExport}/download")),
        new("POST", "/api/v1/compliance/users/{id:long}/data-export", i => Req(HttpMethod.Post, $"/api/v1/compliance/users/{i.Owner}/data-export")),
        new("POST", "/api/v1/compliance/users/{id:long}/erasure", i => Req(HttpMethod.Post, $"/api/v1/compliance/users/{i.Owner}/erasure", new UserErasureRequest(false))),
        // Bots are integrations.manage; the command list holds no conversation data.
        new("GET", "/api/v1/bots/", _ => Req(HttpMethod.Get, "/api/v1/bots/")),
        new("POST", "/api/v1/bots/", _ => Req(HttpMethod.Post, "/api/v1/bots/", new CreateBotRequest("sneakybot", null, [BotScopes.MessagesRead]))),
        new("POST", "/api/v1/bots/{id:long}/token", i => Req(HttpMethod.Post, $"/api/v1/bots/{i.Owner}/token")),
        new("PUT", "/api/v1/bots/{id:long}/scopes", i => Req(HttpMethod.Put, $"/api/v1/bots/{i.Owner}/scopes", new SetBotScopesRequest([.. BotScopes.All]))),
        new("POST", "/api/v1/bots/{id:long}/deactivate", i => Req(HttpMethod.Post, $"/api/v1/bots/{i.Owner}/deactivate")),
        new("POST", "/api/v1/bots/{id:long}/activate", i => Req(HttpMethod.Post, $"/api/v1/bots/{i.Owner}/activate")),
        new("GET", "/api/v1/slash-commands", _ => Req(HttpMethod.Get, "/api/v1/slash-commands"), (r, _) => r.IsSuccessStatusCode),
        // Calls (issue 15): a call is as private as its conversation; the outsider's ICE credentials are its own, its running list empty.
        new("POST", "/api/v1/conversations/{id:long}/calls", i => Req(HttpMethod.Post, $"/api/v1/conversations/{i.Group}/calls", new StartCallRequest("audio"))),
        new("GET", "/api/v1/conversations/{id:long}/calls", i => Req(HttpMethod.Get, $"/api/v1/conversations/{i.Group}/calls")),
        new("GET", "/api/v1/calls/ice-servers", _ => Req(HttpMethod.Get, "/api/v1/calls/ice-servers"), (r, _) => r.IsSuccessStatusCode),
        new("GET", "/api/v1/calls/", _ => Req(HttpMethod.Get, "/api/v1/calls/"), (r, b) => r.IsSuccessStatusCode && b.Contains("\"items\":[]", StringComparison.Ordinal)),
        new("GET", "/api/v1/calls/{id:long}", i => Req(HttpMethod.Get, $"/api/v1/calls/{i.Call}")),
        new("POST", "/api/v1/calls/{id:long}/join", i => Req(HttpMethod.Post, $"/api/v1/calls/{i.Call}/join")),
        new("POST", "/api/v1/calls/{id:long}/leave", i => Req(HttpMethod.Post, $"/api/v1/calls/{i.Call}/leave")),
        new("POST", "/api/v1/calls/{id:long}/decline", i => Req(HttpMethod.Post, $"/api/v1/calls/{i.Call}/decline")),
        // Registering and removing external commands is integrations.manage; a response URL needs its token (unknown: 404).
        new("POST", "/api/v1/slash-commands/", _ => Req(HttpMethod.Post, "/api/v1/slash-commands/", new CreateSlashCommandRequest("/sneaky", "https://example.com/cmd", "sneaky"))),
        new("DELETE", "/api/v1/slash-commands/{id:long}", _ => Req(HttpMethod.Delete, "/api/v1/slash-commands/1")),
        new("POST", "/api/v1/slash-commands/responses/{token}", _ => Req(HttpMethod.Post, "/api/v1/slash-commands/responses/psr_guessed", new { text = "intrusion" }), (r, _) => r.StatusCode == HttpStatusCode.NotFound),
    ];

    /// <summary>What a bot token may call without any scope (who am I; a hub ticket, the hub checking each method).</summary>
    private static readonly string[] BotAlways = ["GET /api/v1/users/me", "POST /api/v1/auth/hub-ticket"];

    /// <summary>What a bot token with every scope may call besides <see cref="BotAlways"/>; everything else stays refused.</summary>
    private static readonly string[] BotWithScopes =
    [
        "POST /api/v1/conversations/{id:long}/messages", "PATCH /api/v1/messages/{id:long}/", "DELETE /api/v1/messages/{id:long}/",
        "GET /api/v1/conversations/{id:long}/messages", "GET /api/v1/conversations/{id:long}/events", "GET /api/v1/conversations/{id:long}/pins",
        "GET /api/v1/messages/{id:long}/", "GET /api/v1/files/{id:long}", "HEAD /api/v1/files/{id:long}", "GET /api/v1/files/{id:long}/thumbnail",
        "HEAD /api/v1/files/{id:long}/thumbnail", "PUT /api/v1/messages/{id:long}/reactions/{emoji}", "DELETE /api/v1/messages/{id:long}/reactions/{emoji}",
        "POST /api/v1/files/", "POST /api/v1/uploads/", "GET /api/v1/uploads/{uploadId}", "HEAD /api/v1/uploads/{uploadId}", "PATCH /api/v1/uploads/{uploadId}",
        "POST /api/v1/uploads/{uploadId}/complete", "DELETE /api/v1/uploads/{uploadId}", "GET /api/v1/conversations/", "GET /api/v1/conversations/{id:long}",
        "GET /api/v1/conversations/{id:long}/members", "GET /api/v1/users/{id:long}", "GET /api/v1/sync",
    ];

    [Fact]
    public async Task EveryEndpoint_BotToken_IsRefusedOutsideItsScopes()
    {
        var admin = await _server.AdminAsync();
        var owner = await _server.UserAsync();
        var group = await owner.CreateAsync(ConversationKinds.Group, "bots");
        var message = await owner.SendAsync(group.Id, "hello");
        var ids = new Ids(group.Id, message.Id, owner.Id, 1, "x");
        async Task<string> BotToken(string name, IReadOnlyList<string> scopes) =>
            (await admin.Ok<BotTokenDto>(admin.Http.PostAsJsonAsync("/api/v1/bots", new CreateBotRequest(name + Guid.NewGuid().ToString("N")[..6], null, scopes)))).Token;

        var failures = new List<string>();
        foreach (var (scopes, allowed) in new[] { (Array.Empty<string>(), BotAlways), (BotScopes.All.ToArray(), BotAlways.Concat(BotWithScopes).ToArray()) })
        {
            using var bot = _server.Client(await BotToken("bot", scopes));
            foreach (var c in Cases)
            {
                using var res = await bot.SendAsync(c.Request(ids));
                var body = await res.Content.ReadAsStringAsync();
                var scopeMissing = res.StatusCode == HttpStatusCode.Forbidden && (c.Method == "HEAD" || body.Contains("\"scope_missing\"", StringComparison.Ordinal));
                if (scopeMissing == allowed.Contains($"{c.Method} {c.Pattern}"))
                    failures.Add($"[{string.Join(' ', scopes)}] {c.Method} {c.Pattern} → {(int)res.StatusCode} {body[..Math.Min(160, body.Length)]}");
            }
        }
        Assert.True(failures.Count == 0, "a bot token got through outside its scopes, or was refused inside them:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryEndpoint_OutsiderIsRefusedOrLearnsNothing()
    {
        var owner = await _server.UserAsync("owner");
        var secret = "zebra" + Guid.NewGuid().ToString("N")[..8];
        var group = await owner.CreateAsync(ConversationKinds.Group, secret);
        var file = await owner.Ok<FileDto>(owner.Http.PostAsync("/api/v1/files", Files.FileClient.Multipart(Files.FileClient.Image(64, 64), secret + ".png", "image/png")));
        var message = await owner.Ok<MessageDto>(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("the secret is " + secret, null, null, null, [file.Id])));
        var upload = await owner.Ok<UploadDto>(owner.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest(secret + ".bin", 10, null)));
        var ownerSession = (await owner.Ok<ListResponse<SessionDto>>(owner.Http.GetAsync("/api/v1/auth/sessions"))).Items.Single().Id;
        var point = new byte[65];
        point[0] = 0x04;
        var push = await owner.Ok<PushSubscriptionDto>(owner.Http.PostAsJsonAsync("/api/v1/push/subscriptions",
            new PushSubscriptionRequest("https://fcm.googleapis.com/fcm/send/" + secret, null, new PushKeysDto(Convert.ToBase64String(point), Convert.ToBase64String(new byte[16])))));
        var scheduled = await owner.Ok<ScheduledMessageAcceptedDto>(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages",
            new SendMessageRequest("later: " + secret, null, null, null, SendAt: DateTimeOffset.UtcNow.AddDays(1).ToString("O"))));
        var reminder = await owner.Ok<ReminderDto>(owner.Http.PostAsJsonAsync($"/api/v1/messages/{message.Id}/reminder", new SetReminderRequest(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))));
        var poll = await owner.Ok<MessageDto>(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/polls", new CreatePollRequest(PollKinds.Poll, "poll " + secret, [secret, "b"])));
        var chain = await owner.Ok<MessageDto>(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/polls", new CreatePollRequest(PollKinds.Signup, "chain " + secret)));
        var personalExport = await owner.Ok<PersonalDataExportDto>(owner.Http.PostAsync("/api/v1/users/me/data-export", null));
        var call = await owner.Ok<CallDto>(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/calls", new StartCallRequest("video")));
        var widget = await Service.ServiceFixture.WidgetAsync(_server, null);
        var visit = await Service.ServiceFixture.VisitAsync(_server, widget.Id, name: "visitor " + secret);
        var ids = new Ids(group.Id, message.Id, owner.Id, ownerSession, secret, file.Id, upload.UploadId)
        {
            ServiceConversation = visit.ConversationId,
            Widget = widget.Id,
            PersonalExport = personalExport.Id,
            Call = call.Id,
            PushSubscription = push.Id,
            Scheduled = scheduled.ScheduledId,
            Reminder = reminder.Id,
            Poll = poll.Poll!.Id,
            Chain = chain.Poll!.Id,
        };

        var failures = new List<string>();
        foreach (var c in Cases)
        {
            var outsider = await _server.UserAsync(); // fresh each time: logout must not break the next case
            using var res = await outsider.Http.SendAsync(c.Request(ids));
            var body = await res.Content.ReadAsStringAsync();
            var ok = c.AllowedAndSafe is null
                ? (res.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || DoesNotMention(res, body, secret)) && !body.Contains(secret, StringComparison.Ordinal)
                : c.AllowedAndSafe(res, body) && !body.Contains(secret, StringComparison.Ordinal);
            // A HEAD answer has no body (RFC 9110 §9.3.2), so its problem code is checked on the GET case of the same route.
            if (res.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound && c.Method != "HEAD" && !body.Contains("\"code\"", StringComparison.Ordinal)) ok = false;
            if (!ok) failures.Add($"{c.Method} {c.Pattern} → {(int)res.StatusCode} {body[..Math.Min(200, body.Length)]}");
        }
        Assert.True(failures.Count == 0, "outsider got through:\n" + string.Join("\n", failures));

        // Nothing changed for the owner.
        var still = await owner.ConversationAsync(group.Id);
        Assert.Equal((secret, 1), (still.Name, still.MemberCount));
        Assert.Equal(["later: " + secret], (await owner.Ok<ListResponse<ScheduledMessageDto>>(owner.Http.GetAsync("/api/v1/scheduled-messages"))).Items.Select(s => s.Text));
        Assert.Single((await owner.Ok<ListResponse<ReminderDto>>(owner.Http.GetAsync("/api/v1/reminders"))).Items);
        Assert.Equal(["the secret is " + secret, "poll " + secret, "chain " + secret], (await owner.MessagesAsync(group.Id)).Select(m => m.Text));
        Assert.Equal(owner.User.Username, (await owner.Ok<UserDto>(owner.Http.GetAsync("/api/v1/users/me"))).Username);
        // The outsider joined nothing (the call itself may have been swept meanwhile: its owner sends no heartbeats here).
        Assert.Equal([owner.Id], (await owner.Ok<CallDto>(owner.Http.GetAsync($"/api/v1/calls/{call.Id}"))).Participants.Select(p => p.UserId));
    }

    /// <summary>
    /// A website visitor's guest token (customer service) is a session scoped to its own conversation, like an embedded
    /// one: every route outside EmbedScopeGuard's table, and every table route for another conversation, is refused;
    /// nothing of the owner's group leaks; its own conversation works.
    /// </summary>
    [Fact]
    public async Task EveryEndpoint_VisitorToken_ReachesOnlyItsOwnConversation()
    {
        var owner = await _server.UserAsync();
        var secret = "okapi" + Guid.NewGuid().ToString("N")[..8];
        var group = await owner.CreateAsync(ConversationKinds.Group, secret);
        var file = await owner.Ok<FileDto>(owner.Http.PostAsync("/api/v1/files", Files.FileClient.Multipart(Files.FileClient.Image(32, 32), secret + ".png", "image/png")));
        var message = await owner.Ok<MessageDto>(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("the secret is " + secret, null, null, null, [file.Id])));
        var widget = await Service.ServiceFixture.WidgetAsync(_server, null);
        var other = await Service.ServiceFixture.VisitAsync(_server, widget.Id, name: "other " + secret);
        var visit = await Service.ServiceFixture.VisitAsync(_server, widget.Id);
        using var visitor = _server.Client(visit.Token);
        var ids = new Ids(group.Id, message.Id, owner.Id, 1, secret, file.Id) { ServiceConversation = other.ConversationId, Widget = widget.Id };

        var failures = new List<string>();
        foreach (var c in Cases.OrderBy(c => c.Pattern == "/api/v1/auth/logout")) // the session must outlive the other calls
        {
            using var res = await visitor.SendAsync(c.Request(ids));
            var body = await res.Content.ReadAsStringAsync();
            var key = (c.Method, Normalize(c.Pattern));
            var open = Parley.Server.Features.Embed.EmbedScopeGuard.ConversationRoutes.TryGetValue(key, out var target) && target == Parley.Server.Features.Embed.EmbedScopeGuard.Target.None;
            var refused = res.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
            if ((!open && !refused) || body.Contains(secret, StringComparison.Ordinal))
                failures.Add($"{c.Method} {c.Pattern} → {(int)res.StatusCode} {body[..Math.Min(200, body.Length)]}");
        }
        Assert.True(failures.Count == 0, "a visitor's guest token got outside its conversation:\n" + string.Join("\n", failures));

        // Its own conversation works with the ordinary routes (a fresh token: the loop above logged the first one out).
        var again = await Service.ServiceFixture.VisitAsync(_server, widget.Id);
        using var own = _server.Client(again.Token);
        Assert.Equal(HttpStatusCode.Created, (await own.PostAsJsonAsync($"/api/v1/conversations/{again.ConversationId}/messages", new SendMessageRequest("hello", null, null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/v1/service/conversations/{again.ConversationId}/visitor-state")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.GetAsync($"/api/v1/service/conversations/{visit.ConversationId}/visitor-state")).StatusCode);
    }

    [Fact]
    public void Matrix_CoversEveryApiEndpoint()
    {
        var endpoints = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal) && !e.RoutePattern.RawText.Contains("{**", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var covered = Cases.Select(c => $"{c.Method} {Normalize(c.Pattern)}").ToHashSet();
        var missing = endpoints.Except(covered).Order().ToList();
        Assert.True(missing.Count == 0, "endpoints without an authorization case:\n" + string.Join("\n", missing));
    }

    private static string Normalize(string pattern) => pattern.TrimEnd('/');

    [Fact]
    public async Task EveryEndpoint_WithoutToken_Is401ExceptPublicOnes()
    {
        string[] anonymous = ["/api/v1/setup", "/api/v1/auth/login", "/api/v1/config", "/api/v1/invitations/{token}", "/api/v1/invitations/{token}/accept",
            "/api/v1/auth/oidc/start", "/api/v1/auth/oidc/exchange", "/api/v1/embed/tokens", "/api/v1/embed/sessions", "/api/v1/hooks/{token}",
            "/api/v1/slash-commands/responses/{token}", "/api/v1/service/widgets/{id:long}/public", "/api/v1/visitor/sessions"];
        using var anon = _server.Client();
        var ids = new Ids(1, 1, 1, 1, "x");
        foreach (var c in Cases.Where(c => !anonymous.Contains(c.Pattern)))
        {
            using var res = await anon.SendAsync(c.Request(ids));
            Assert.True(res.StatusCode == HttpStatusCode.Unauthorized, $"{c.Method} {c.Pattern} without a token gave {(int)res.StatusCode}");
        }
    }
}
