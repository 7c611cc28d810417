using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Embed;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Service;

/// <summary>
/// Setting up customer service (service.manage): queues and their agents, widgets (each with its service bot, a user
/// row that posts the AI's answers and notices, and its identity secret, shown once), canned replies. Every change
/// writes its audit entry (a system event, <c>service.*</c>) in the same transaction; the identity secret never
/// appears in one.
/// </summary>
public sealed partial class ServiceSetup(ServiceStore store, WriteQueue writer, IOptionsMonitor<ServiceOptions> options)
{
    public const string SecretPrefix = "psi_";
    public const int MaxOrigins = 20;

    public async Task<ServiceQueueDto> CreateQueueAsync(CreateServiceQueueRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.ServiceManage);
        var name = Name(request.Name, "name", 100);
        var routing = request.Routing ?? ServiceRouting.RoundRobin;
        if (!ServiceRouting.All.Contains(routing)) throw ParleyException.Invalid("routing", "routing is round_robin or least_busy.");
        var id = await writer.ExecuteAsync(w =>
        {
            var created = ServiceStore.InsertQueue(w, name, routing);
            SystemLog.Append(w, actor, SystemEventTypes.ServiceQueueCreated, created, new { name, routing });
            return created;
        });
        return new ServiceQueueDto(id, name, routing, 0, 0, 0, []);
    }

    public async Task SetAgentAsync(long queueId, long userId, SetServiceAgentRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.ServiceManage);
        if (request.Capacity is not (>= 1 and <= 100)) throw ParleyException.Invalid("capacity", "capacity is 1 to 100 open conversations at once.");
        var skills = request.Skills is { } given ? ServiceSkills.Normalize(given, "skills") : null;
        await writer.ExecuteAsync(w =>
        {
            if (ServiceStore.GetQueue(w, queueId) is null) throw ParleyException.NotFound("The queue");
            if (UserStore.Get(w, userId) is not { IsActive: true, Kind: UserKinds.User }) throw ParleyException.NotFound("The user");
            ServiceStore.UpsertAgent(w, queueId, userId, request.Capacity.Value, skills);
            // skills null: unchanged.
            SystemLog.Append(w, actor, SystemEventTypes.ServiceAgentSet, userId, new { queueId, capacity = request.Capacity.Value, skills });
            return 0;
        });
    }

    public async Task RemoveAgentAsync(long queueId, long userId, Actor actor)
    {
        actor.Require(Contracts.Permissions.ServiceManage);
        await writer.ExecuteAsync(w =>
        {
            if (!ServiceStore.DeleteAgent(w, queueId, userId)) throw ParleyException.NotFound("The agent");
            SystemLog.Append(w, actor, SystemEventTypes.ServiceAgentRemoved, userId, new { queueId });
            return 0;
        });
    }

    public async Task<IReadOnlyList<ServiceWidgetDto>> ListWidgetsAsync(Actor actor)
    {
        actor.Require(Contracts.Permissions.ServiceManage);
        return (await store.WidgetsAsync()).Select(w => w.ToDto()).ToList();
    }

    public async Task<ServiceWidgetDto> CreateWidgetAsync(SaveServiceWidgetRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.ServiceManage);
        var v = Validate(request, null);
        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var row = await writer.ExecuteAsync(w =>
        {
            var queueId = QueueFor(w, request.QueueId);
            // The service bot: an integration identity (kind 'webhook': never signs in, shown with the bot badge).
            var bot = IntegrationIdentity.Create(w, "service-", v.Name);
            var id = ServiceStore.InsertWidget(w, v.Name, queueId, v.Color, v.Greeting, v.GreetingZh, v.LogoUrl, v.Origins, v.RequiredSkills, bot.Id, secret, actor.UserId);
            var created = ServiceStore.GetWidget(w, id)!;
            SystemLog.Append(w, actor, SystemEventTypes.ServiceWidgetCreated, id, Changes(null, created));
            return created;
        });
        return row.ToDto(secret);
    }

    public async Task<ServiceWidgetDto> UpdateWidgetAsync(long id, SaveServiceWidgetRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.ServiceManage);
        return await writer.ExecuteAsync(w =>
        {
            var old = ServiceStore.GetWidget(w, id) ?? throw ParleyException.NotFound("The widget");
            var v = Validate(request, old);
            var queueId = request.QueueId is { } q ? QueueFor(w, q) : old.QueueId;
            ServiceStore.UpdateWidget(w, id, v.Name, queueId, v.Color, v.Greeting, v.GreetingZh, v.LogoUrl, v.Origins, v.RequiredSkills);
            // Through UserStore, so the directory's pinyin keys follow the bot's new name.
            if (v.Name != old.Name) UserStore.Update(w, old.BotUserId, v.Name, isActive: null);
            var row = ServiceStore.GetWidget(w, id)!;
            if (Changes(old, row) is { Count: > 0 } changes) SystemLog.Append(w, actor, SystemEventTypes.ServiceWidgetUpdated, id, changes);
            return row.ToDto();
        });
    }

    public async Task DeleteWidgetAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.ServiceManage);
        await writer.ExecuteAsync(w =>
        {
            if (!ServiceStore.DeleteWidget(w, id)) throw ParleyException.NotFound("The widget");
            SystemLog.Append(w, actor, SystemEventTypes.ServiceWidgetDeleted, id);
            return 0;
        });
    }

    /// <summary>The audit entry's data: the fields that differ from <paramref name="old"/> (all of them for a new widget), never the secret.</summary>
    private static Dictionary<string, object?> Changes(ServiceStore.WidgetRow? old, ServiceStore.WidgetRow now)
    {
        var changes = new Dictionary<string, object?>();
        void Field(string name, object? value, bool same)
        {
            if (old is null || !same) changes[name] = value;
        }
        Field("name", now.Name, old?.Name == now.Name);
        Field("queueId", now.QueueId, old?.QueueId == now.QueueId);
        Field("color", now.Color, old?.Color == now.Color);
        Field("greeting", now.Greeting, old?.Greeting == now.Greeting);
        Field("greetingZh", now.GreetingZh, old?.GreetingZh == now.GreetingZh);
        Field("logoUrl", now.LogoUrl, old?.LogoUrl == now.LogoUrl);
        Field("allowedOrigins", now.Origins, old?.Origins.SequenceEqual(now.Origins) == true);
        Field("requiredSkills", now.RequiredSkills, old?.RequiredSkills.SequenceEqual(now.RequiredSkills) == true);
        return changes;
    }

    /// <summary>The queue asked for, else the first one, created ("Default") when there is none.</summary>
    private static long QueueFor(WriteContext w, long? queueId)
    {
        if (queueId is { } id) return ServiceStore.GetQueue(w, id)?.Id ?? throw ParleyException.Invalid("queueId", "queueId names no queue.");
        return ServiceStore.FirstQueue(w)?.Id ?? ServiceStore.InsertQueue(w, "Default", ServiceRouting.RoundRobin);
    }

    private sealed record Valid(string Name, string? Color, string? Greeting, string? GreetingZh, string? LogoUrl, IReadOnlyList<string> Origins,
        IReadOnlyList<string> RequiredSkills);

    /// <summary>A field absent from the request keeps the old value (PATCH) or is empty (create).</summary>
    private Valid Validate(SaveServiceWidgetRequest r, ServiceStore.WidgetRow? old)
    {
        var name = r.Name is null && old is not null ? old.Name : Name(r.Name, "name", 100);
        var color = r.Color is null ? old?.Color : r.Color.Length == 0 ? null
            : Color().IsMatch(r.Color) ? r.Color.ToLowerInvariant() : throw ParleyException.Invalid("color", "color is a hex colour like #1677ff.");
        var greeting = r.Greeting is null ? old?.Greeting : Optional(r.Greeting, "greeting", 500);
        var greetingZh = r.GreetingZh is null ? old?.GreetingZh : Optional(r.GreetingZh, "greetingZh", 500);
        var logo = r.LogoUrl is null ? old?.LogoUrl : r.LogoUrl.Length == 0 ? null
            : Uri.TryCreate(r.LogoUrl, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" && r.LogoUrl.Length <= 1000 ? u.AbsoluteUri
            : throw ParleyException.Invalid("logoUrl", "logoUrl is an http(s) address of at most 1000 characters.");
        IReadOnlyList<string> origins = old?.Origins ?? [];
        if (r.AllowedOrigins is { } given)
        {
            if (given.Count > MaxOrigins) throw ParleyException.Invalid("allowedOrigins", $"List at most {MaxOrigins} origins.");
            var normalized = given.Select(EmbedOrigins.Normalize).ToList();
            if (normalized.IndexOf(null) is var bad and >= 0)
                throw ParleyException.Invalid("allowedOrigins", $"'{given[bad]}' is not an origin: scheme, host and optional port, e.g. https://www.example.com (no path, no wildcard).");
            origins = normalized.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        }
        IReadOnlyList<string> skills = r.RequiredSkills is { } required ? ServiceSkills.Normalize(required, "requiredSkills") : old?.RequiredSkills ?? [];
        return new Valid(name, color, greeting, greetingZh, logo, origins, skills);
    }

    internal static string Name(string? text, string field, int max)
    {
        var name = text?.Trim() ?? "";
        if (name.Length == 0 || name.Length > max || name.Any(char.IsControl)) throw ParleyException.Invalid(field, $"{field} is 1 to {max} characters without control characters.");
        return name;
    }

    internal static string? Optional(string? text, string field, int max)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > max || value.Any(c => char.IsControl(c) && c is not '\n' and not '\t')) throw ParleyException.Invalid(field, $"{field} is at most {max} characters.");
        return value;
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Color();

    // ---- canned replies

    public async Task<IReadOnlyList<ServiceCannedReplyDto>> CannedRepliesAsync(Actor actor)
    {
        if (!actor.Has(Contracts.Permissions.ServiceAgent)) actor.Require(Contracts.Permissions.ServiceManage);
        return await store.CannedRepliesAsync();
    }

    public async Task<ServiceCannedReplyDto> CreateCannedReplyAsync(CreateServiceCannedReplyRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.ServiceManage);
        var shortcut = request.Shortcut?.Trim().TrimStart('/') ?? "";
        if (!ServiceSkills.Tag().IsMatch(shortcut)) throw ParleyException.Invalid("shortcut", "shortcut is 1 to 32 letters, digits, '-' or '_' (typed after '/').");
        var text = Optional(request.Text, "text", options.CurrentValue.MaxTextChars) ?? throw ParleyException.Invalid("text", "text is required.");
        var id = await writer.ExecuteAsync(w =>
            {
                var created = ServiceStore.InsertCannedReply(w, shortcut, text, actor.UserId);
                if (created is not null) SystemLog.Append(w, actor, SystemEventTypes.ServiceCannedReplyCreated, created, new { shortcut });
                return created;
            }) ?? throw ParleyException.Conflict($"A canned reply '/{shortcut}' exists already.");
        return new ServiceCannedReplyDto(id, shortcut, text);
    }

    public async Task DeleteCannedReplyAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.ServiceManage);
        await writer.ExecuteAsync(w =>
        {
            if (!ServiceStore.DeleteCannedReply(w, id)) throw ParleyException.NotFound("The canned reply");
            SystemLog.Append(w, actor, SystemEventTypes.ServiceCannedReplyDeleted, id);
            return 0;
        });
    }
}
