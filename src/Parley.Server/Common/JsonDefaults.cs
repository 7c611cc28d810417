using System.Text.Json;

namespace Parley.Server.Common;

public static class JsonDefaults
{
    /// <summary>The wire format: camelCase, as the HTTP API and the hub's JSON protocol use.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
