using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Parley.Server.Features.Ai;

/// <summary>
/// An <see cref="IChatClient"/> for any OpenAI-compatible chat completions endpoint (a self-hosted model server or a
/// cloud). The one place both the assistant (<see cref="AiChat"/>) and the LLM translator build their client.
/// </summary>
public static class OpenAiCompatible
{
    public static IChatClient Create(string endpoint, string model, string? apiKey, TimeSpan timeout) =>
        // The OpenAI client requires a key; a self-hosted server without authentication ignores it.
        new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "none" : apiKey),
            new OpenAIClientOptions { Endpoint = new Uri(endpoint), NetworkTimeout = timeout }).AsIChatClient();
}
