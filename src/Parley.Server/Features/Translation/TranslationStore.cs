using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Translation;

/// <summary>
/// <c>message_translations</c>: one row per (message, version, target language), version being the message's
/// <c>edited_at</c> (0 before any edit), so an edit makes earlier rows unreachable; the erase step deletes them anyway.
/// <c>translation_preferences</c> (per user) and <c>conversation_translation</c> (per conversation) hold auto-translation.
/// </summary>
public sealed class TranslationStore(Database database)
{
    private sealed record PreferenceRow(long AutoTranslate, string? Language);

    public sealed record CachedRow(string Text, string Provider, string? SourceLanguage);

    public async Task<CachedRow?> FindAsync(long messageId, long version, string targetLanguage)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<CachedRow>(
            """
            SELECT text, provider, source_language AS SourceLanguage FROM message_translations
            WHERE message_id = @messageId AND version = @version AND target_language = @targetLanguage
            """, new { messageId, version, targetLanguage });
    }

    /// <summary>Keeps a translation only while the message is live at that version (it may have changed during the engine call).</summary>
    public static void Save(WriteContext w, long messageId, long version, string targetLanguage, string text, string provider, string? sourceLanguage) =>
        w.Connection.Execute(
            """
            INSERT INTO message_translations(message_id, version, target_language, source_language, provider, text, created_at)
            SELECT @messageId, @version, @targetLanguage, @sourceLanguage, @provider, @text, @now
            WHERE EXISTS (SELECT 1 FROM messages m WHERE m.id = @messageId AND coalesce(m.edited_at, 0) = @version
                AND m.deleted_at IS NULL AND m.recalled_at IS NULL AND m.purged_at IS NULL)
            ON CONFLICT DO NOTHING
            """, new { messageId, version, targetLanguage, sourceLanguage, provider, text, now = w.NowMs }, w.Transaction);

    public static int DeleteFor(WriteContext w, long messageId) =>
        w.Connection.Execute("DELETE FROM message_translations WHERE message_id = @messageId", new { messageId }, w.Transaction);

    public async Task<(bool AutoTranslate, string? Language)> PreferencesAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        var row = await c.QuerySingleOrDefaultAsync<PreferenceRow>(
            "SELECT auto_translate AS AutoTranslate, language AS Language FROM translation_preferences WHERE user_id = @userId", new { userId });
        return row is null ? (false, null) : (row.AutoTranslate != 0, row.Language);
    }

    public static void SetPreferences(WriteContext w, long userId, bool autoTranslate, string? language) =>
        w.Connection.Execute(
            """
            INSERT INTO translation_preferences(user_id, auto_translate, language, updated_at) VALUES (@userId, @auto, @language, @now)
            ON CONFLICT(user_id) DO UPDATE SET auto_translate = excluded.auto_translate, language = excluded.language, updated_at = excluded.updated_at
            """, new { userId, auto = autoTranslate ? 1 : 0, language, now = w.NowMs }, w.Transaction);

    public async Task<bool> ConversationAutoAsync(long conversationId)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<long?>(
            "SELECT auto_translate FROM conversation_translation WHERE conversation_id = @conversationId", new { conversationId }) is > 0;
    }

    public static void SetConversationAuto(WriteContext w, long conversationId, bool autoTranslate, long userId) =>
        w.Connection.Execute(
            """
            INSERT INTO conversation_translation(conversation_id, auto_translate, updated_by, updated_at) VALUES (@conversationId, @auto, @userId, @now)
            ON CONFLICT(conversation_id) DO UPDATE SET auto_translate = excluded.auto_translate, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, new { conversationId, auto = autoTranslate ? 1 : 0, userId, now = w.NowMs }, w.Transaction);
}
