using System.Globalization;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Security;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Translation;

/// <summary>
/// The translation settings in effect: <c>Parley:Translation</c> from the configuration, overlaid by what an
/// administrator saved in the console (the JSON in the <c>settings</c> row <see cref="Key"/>: enabled providers,
/// languages, provider fields). Read from the database on every use, like the LDAP settings, so a change applies on every
/// node at the next translation. Secrets never go back to a client; a change of one is audited as "changed", never its value.
/// </summary>
public sealed class TranslationSettings(SettingsStore settings, WriteQueue writer, IConfiguration configuration, IServiceProvider services)
{
    public const string Key = "translation.config";

    /// <summary>What the console stored; null members fall back to the configuration.</summary>
    public sealed class Stored
    {
        public List<string>? EnabledProviders { get; set; }
        public List<string>? Languages { get; set; }
        public Dictionary<string, Dictionary<string, string>> Fields { get; set; } = [];
    }

    // Resolved lazily: the providers take this class in their constructors.
    private IReadOnlyList<ITranslationProvider> Providers => services.GetServices<ITranslationProvider>().ToList();

    public async Task<TranslationOptions> CurrentAsync() => Effective(await LoadAsync());

    private async Task<Stored> LoadAsync()
    {
        var json = await settings.GetAsync(Key);
        return json is null ? new Stored() : JsonSerializer.Deserialize<Stored>(json, JsonDefaults.Options) ?? new Stored();
    }

    /// <summary>The configuration section with the stored fields laid over it, bound like the options at start-up.</summary>
    private TranslationOptions Effective(Stored stored)
    {
        var values = configuration.GetSection(TranslationOptions.Section).AsEnumerable(makePathsRelative: true)
            .Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var provider in Providers)
            if (stored.Fields.TryGetValue(provider.Id, out var fields))
                foreach (var (name, value) in fields)
                    if (provider.Fields.Any(f => f.Name == name)) values[$"{provider.Section}:{name}"] = value;
        var options = new ConfigurationBuilder().AddInMemoryCollection(values).Build().Get<TranslationOptions>() ?? new TranslationOptions();
        if (stored.EnabledProviders is { } enabled) options.EnabledProviders = [.. enabled];
        if (stored.Languages is { } languages) options.Languages = [.. languages];
        return options;
    }

    public async Task<TranslationSettingsDto> DescribeAsync(Actor actor)
    {
        actor.Require(Contracts.Permissions.SystemManage);
        return Describe(await LoadAsync());
    }

    private TranslationSettingsDto Describe(Stored stored)
    {
        var o = Effective(stored);
        var providers = Providers.Select(p => new TranslationProviderDto(p.Id, o.EnabledProviders.Contains(p.Id), p.IsConfigured(o), p.Id == "apertium",
            p.Fields.Select(f =>
            {
                var value = ValueOf(o, p, f.Name);
                return new TranslationProviderFieldDto(f.Name, f.Secret, f.Secret ? null : value, !string.IsNullOrEmpty(value));
            }).ToList())).ToList();
        return new TranslationSettingsDto(o.EnabledProviders, o.Languages, providers, [.. Languages.Known.Keys]);
    }

    /// <summary>A field's value in force (configured, stored or the options' default), as the console shows it.</summary>
    private static string? ValueOf(TranslationOptions options, ITranslationProvider provider, string field)
    {
        var section = typeof(TranslationOptions).GetProperty(provider.Section)?.GetValue(options);
        return section?.GetType().GetProperty(field)?.GetValue(section) switch
        {
            null => null,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString(),
        };
    }

    public async Task<TranslationSettingsDto> SaveAsync(UpdateTranslationSettingsRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.SystemManage);
        var before = await LoadAsync();
        var next = new Stored
        {
            EnabledProviders = before.EnabledProviders, Languages = before.Languages,
            Fields = before.Fields.ToDictionary(kv => kv.Key, kv => new Dictionary<string, string>(kv.Value)),
        };
        var changedFields = new List<string>();
        foreach (var (id, fields) in request.Fields ?? new Dictionary<string, IReadOnlyDictionary<string, string?>>())
        {
            var provider = Providers.FirstOrDefault(p => p.Id == id) ?? throw ParleyException.Invalid("fields", $"Unknown provider '{id}'; known: {string.Join(", ", Providers.Select(p => p.Id))}.");
            var mine = next.Fields.TryGetValue(id, out var f) ? f : next.Fields[id] = [];
            foreach (var (name, value) in fields)
            {
                var field = provider.Fields.FirstOrDefault(x => x.Name == name)
                    ?? throw ParleyException.Invalid($"fields.{id}", $"{id} has no setting '{name}'; it has {string.Join(", ", provider.Fields.Select(x => x.Name))}.");
                if (value is { Length: > 500 } || (value ?? "").Any(char.IsControl)) throw ParleyException.Invalid($"fields.{id}.{name}", $"{name} is at most 500 characters with no control characters.");
                if (!field.Secret && name == "Url" && !string.IsNullOrEmpty(value) && !(Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
                    throw ParleyException.Invalid($"fields.{id}.{name}", "The URL must be an absolute http(s) URL.");
                if (string.IsNullOrEmpty(value)) mine.Remove(name); else mine[name] = value.Trim();
                changedFields.Add($"{id}.{name}");
            }
            if (mine.Count == 0) next.Fields.Remove(id);
        }
        if (request.EnabledProviders is { } enabled)
        {
            var unknown = enabled.FirstOrDefault(id => Providers.All(p => p.Id != id));
            if (unknown is not null) throw ParleyException.Invalid("enabledProviders", $"Unknown provider '{unknown}'; known: {string.Join(", ", Providers.Select(p => p.Id))}.");
            next.EnabledProviders = [.. enabled.Distinct()];
        }
        if (request.Languages is { } languages)
        {
            var normalised = languages.Select(l => Languages.Normalise(l) ?? throw ParleyException.Invalid("languages", $"'{l}' is not a language Parley knows; known: {string.Join(", ", Languages.Known.Keys)}.")).Distinct().ToList();
            if (normalised.Count == 0) throw ParleyException.Invalid("languages", "Offer at least one language.");
            next.Languages = normalised;
        }
        var effective = Effective(next);
        var notReady = effective.EnabledProviders.FirstOrDefault(id => !Providers.First(p => p.Id == id).IsConfigured(effective));
        if (notReady is not null) throw ParleyException.Invalid("enabledProviders", $"{notReady} is not configured: set its URL and credentials first.");
        var json = JsonSerializer.Serialize(next, JsonDefaults.Options);
        await writer.ExecuteAsync(w =>
        {
            SettingsStore.Set(w, Key, json);
            // The names of changed fields, never their values (they may be secrets).
            return SystemLog.Append(w, actor, SystemEventTypes.SettingChanged, null, new
            {
                key = Key,
                from = new { Effective(before).EnabledProviders, Effective(before).Languages },
                to = new { effective.EnabledProviders, effective.Languages },
                changedFields,
            });
        });
        return Describe(next);
    }
}
