using System.Net.Http.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Bundles;

/// <summary>Merge-forward helpers shared by the bundle tests.</summary>
internal static class BundleClient
{
    public static Task<HttpResponseMessage> PostBundle(this Session s, long targetId, long sourceId, long[] ids, string? comment = null, string? clientMsgId = null) =>
        s.Http.PostAsJsonAsync($"/api/v1/conversations/{targetId}/bundles", new ForwardBundleRequest(sourceId, ids, comment, clientMsgId));

    public static Task<MessageDto> BundleAsync(this Session s, long targetId, long sourceId, long[] ids, string? comment = null, string? clientMsgId = null) =>
        s.Ok<MessageDto>(s.PostBundle(targetId, sourceId, ids, comment, clientMsgId));

    public static Task<BundleTranscriptDto> TranscriptAsync(this Session s, long messageId, long? itemId = null) =>
        s.Ok<BundleTranscriptDto>(s.Http.GetAsync(itemId is null ? $"/api/v1/messages/{messageId}/bundle" : $"/api/v1/messages/{messageId}/bundle/items/{itemId}"));

    public static async Task<byte[]> BundleFileAsync(this Session s, long messageId, long fileId)
    {
        using var res = await s.Http.GetAsync($"/api/v1/messages/{messageId}/bundle/files/{fileId}");
        Assert.True(res.IsSuccessStatusCode, $"bundle file {fileId} of {messageId} gave {(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return await res.Content.ReadAsByteArrayAsync();
    }

    public static async Task<long> CountAsync(TestServer server, string sql, object args)
    {
        await using var c = await server.Database.OpenDirectAsync();
        return await c.ExecuteScalarAsync<long>(sql, args);
    }
}
