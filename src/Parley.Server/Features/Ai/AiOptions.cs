namespace Parley.Server.Features.Ai;

/// <summary>
/// Parley:Ai — the language model provider (any OpenAI-compatible chat completions server: a cloud, or vLLM, Ollama,
/// llama.cpp's server on your own machines) and what its use may cost. Off by default: nothing is sent anywhere until an
/// administrator sets Enabled with an endpoint and a model (docs/ai.md, "Privacy").
/// </summary>
public sealed class AiOptions
{
    public const string Section = "Parley:Ai";

    public bool Enabled { get; set; }

    /// <summary>The base address the client appends <c>/chat/completions</c> to, e.g. <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:11434/v1</c> (Ollama).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c>; self-hosted servers usually ignore it.</summary>
    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    /// <summary>How long one model call may take before it is given up (the answer hands off, the assistant answers 502).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Prices per million tokens in the currency the bill is in (metering only; 0 counts tokens without a cost).</summary>
    public decimal InputPricePerMillionTokens { get; set; }

    public decimal OutputPricePerMillionTokens { get; set; }

    /// <summary>Tokens (in + out) one conversation may use per UTC day across AI features; 0: no cap.</summary>
    public long ConversationDailyTokenBudget { get; set; }

    /// <summary>Cost the whole server may spend per UTC day; 0: no cap.</summary>
    public decimal DailyCostBudget { get; set; }

    /// <summary>True when calls may leave the server: enabled, with an endpoint and a model.</summary>
    public bool ProviderEnabled => Enabled && !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);

    internal bool IsValid(out string error)
    {
        error = "";
        if (Enabled && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            error = "Parley:Ai:Endpoint must be an absolute http(s) address when Parley:Ai:Enabled is true.";
        else if (Enabled && string.IsNullOrWhiteSpace(Model))
            error = "Parley:Ai:Model is required when Parley:Ai:Enabled is true.";
        else if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
            error = "Parley:Ai:Timeout must be between 0 and 10 minutes.";
        else if (InputPricePerMillionTokens < 0 || OutputPricePerMillionTokens < 0 || ConversationDailyTokenBudget < 0 || DailyCostBudget < 0)
            error = "Parley:Ai prices and budgets cannot be negative.";
        return error.Length == 0;
    }
}
