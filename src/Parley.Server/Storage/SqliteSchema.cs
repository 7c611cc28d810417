namespace Parley.Server.Storage;

/// <summary>
/// The schema on SQLite, step by step. <see cref="PostgresSchema"/> holds the same steps for PostgreSQL; a step's
/// version and name are the same in both, and MigrationsTests checks that the two lists stay in step.
/// </summary>
internal static class SqliteSchema
{
    internal static readonly (int Version, string Name, string Sql)[] Steps =
    [
        (1, "messaging core", """
            CREATE TABLE users(
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL COLLATE NOCASE UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                is_admin INTEGER NOT NULL DEFAULT 0,
                is_active INTEGER NOT NULL DEFAULT 1,
                failed_logins INTEGER NOT NULL DEFAULT 0,
                locked_until INTEGER NULL,
                created_at INTEGER NOT NULL);
            CREATE TABLE sessions(
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id),
                token_hash BLOB NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                last_seen_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                user_agent TEXT NULL,
                revoked_at INTEGER NULL);
            CREATE INDEX ix_sessions_user ON sessions(user_id);
            CREATE TABLE conversations(
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                name TEXT NULL,
                topic TEXT NULL,
                announcement TEXT NULL,
                is_archived INTEGER NOT NULL DEFAULT 0,
                direct_key TEXT NULL UNIQUE,
                last_seq INTEGER NOT NULL DEFAULT 0,
                last_event_id INTEGER NOT NULL DEFAULT 0,
                member_count INTEGER NOT NULL DEFAULT 0,
                created_by INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                last_activity_at INTEGER NOT NULL);
            CREATE INDEX ix_conversations_kind ON conversations(kind, is_archived);
            CREATE TABLE members(
                conversation_id INTEGER NOT NULL REFERENCES conversations(id),
                user_id INTEGER NOT NULL REFERENCES users(id),
                role TEXT NOT NULL,
                read_seq INTEGER NOT NULL DEFAULT 0,
                muted INTEGER NOT NULL DEFAULT 0,
                active INTEGER NOT NULL DEFAULT 1,
                joined_at INTEGER NOT NULL,
                changed_event_id INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY(conversation_id, user_id)) WITHOUT ROWID;
            CREATE INDEX ix_members_user ON members(user_id, active);
            CREATE TABLE messages(
                id INTEGER PRIMARY KEY,
                conversation_id INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                sender_id INTEGER NOT NULL,
                text TEXT NOT NULL,
                client_msg_id TEXT NULL,
                thread_root_id INTEGER NULL,
                reply_count INTEGER NOT NULL DEFAULT 0,
                quote_id INTEGER NULL,
                forwarded_from_id INTEGER NULL,
                mentions TEXT NULL,
                mentions_all INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                edited_at INTEGER NULL,
                deleted_at INTEGER NULL,
                recalled_at INTEGER NULL,
                pinned_at INTEGER NULL,
                pinned_by INTEGER NULL);
            CREATE UNIQUE INDEX ux_messages_seq ON messages(conversation_id, seq);
            CREATE UNIQUE INDEX ux_messages_client ON messages(conversation_id, sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
            CREATE INDEX ix_messages_thread ON messages(thread_root_id, seq) WHERE thread_root_id IS NOT NULL;
            CREATE INDEX ix_messages_pinned ON messages(conversation_id, pinned_at) WHERE pinned_at IS NOT NULL;
            -- user_id 0 stands for @all; sender_id so that one's own @all does not count for oneself.
            CREATE TABLE mentions(
                conversation_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                sender_id INTEGER NOT NULL,
                PRIMARY KEY(conversation_id, user_id, seq)) WITHOUT ROWID;
            CREATE TABLE reactions(
                message_id INTEGER NOT NULL,
                emoji TEXT NOT NULL,
                user_id INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY(message_id, emoji, user_id)) WITHOUT ROWID;
            CREATE TABLE events(
                id INTEGER PRIMARY KEY,
                conversation_id INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                type TEXT NOT NULL,
                actor_id INTEGER NOT NULL,
                message_id INTEGER NULL,
                data TEXT NULL,
                created_at INTEGER NOT NULL);
            CREATE UNIQUE INDEX ux_events_seq ON events(conversation_id, seq);
            -- Search index: text pre-split by CjkTokenizer (CJK runs as overlapping bigrams) so that
            -- two-character Chinese words match; contentless to avoid storing every message twice.
            CREATE VIRTUAL TABLE message_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
            """),
        (2, "files", """
            -- A file belongs to its uploader until a message carries it; then to that message's conversation.
            -- deleted_at hides it (message erased, or orphan being purged); the janitor removes bytes, then the row.
            CREATE TABLE files(
                id INTEGER PRIMARY KEY,
                uploader_id INTEGER NOT NULL,
                name TEXT NOT NULL,
                size INTEGER NOT NULL,
                content_type TEXT NOT NULL,
                blob_key TEXT NOT NULL UNIQUE,
                width INTEGER NULL,
                height INTEGER NULL,
                thumb_key TEXT NULL,
                thumb_type TEXT NULL,
                thumb_size INTEGER NULL,
                conversation_id INTEGER NULL,
                message_id INTEGER NULL,
                created_at INTEGER NOT NULL,
                attached_at INTEGER NULL,
                deleted_at INTEGER NULL);
            CREATE INDEX ix_files_conversation ON files(conversation_id, id) WHERE conversation_id IS NOT NULL;
            CREATE INDEX ix_files_message ON files(message_id) WHERE message_id IS NOT NULL;
            CREATE INDEX ix_files_uploader ON files(uploader_id);
            CREATE INDEX ix_files_orphans ON files(created_at) WHERE message_id IS NULL;
            CREATE INDEX ix_files_deleted ON files(deleted_at) WHERE deleted_at IS NOT NULL;
            -- Resumable uploads in progress; the bytes received so far are the staging file's length.
            CREATE TABLE uploads(
                id TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL,
                name TEXT NOT NULL,
                size INTEGER NOT NULL,
                declared_type TEXT NOT NULL,
                created_at INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX ix_uploads_user ON uploads(user_id);
            CREATE INDEX ix_uploads_created ON uploads(created_at);
            """),
        (3, "server keys", """
            -- Secrets every node must share (cluster mode), e.g. the key that signs file links. The embedded mode keeps
            -- its key in the data folder instead; the table exists on both so the schemas stay step for step.
            CREATE TABLE server_keys(
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                created_at BIGINT NOT NULL);
            """),
        (4, "file order", """
            -- A message lists its files in the order the sender attached them, not the order the uploads finished.
            ALTER TABLE files ADD COLUMN position BIGINT NULL;
            """),
        (5, "identity, roles and the system log", """
            -- Users authenticated elsewhere (LDAP, OIDC) have no password: password_hash becomes optional, and
            -- auth_source/external_id say where they come from. Administration moves from one flag to roles
            -- (user_roles); existing administrators become system administrators. Lockout columns go: sign-in
            -- failures are throttled per account and address in the rate counter instead (issue 13).
            -- SQLite cannot drop NOT NULL: the table is rebuilt (foreign keys are off during migrations).
            CREATE TABLE users_new(
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL COLLATE NOCASE UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NULL,
                auth_source TEXT NOT NULL DEFAULT 'password',
                external_id TEXT NULL,
                is_active INTEGER NOT NULL DEFAULT 1,
                created_at INTEGER NOT NULL);
            INSERT INTO users_new(id, username, display_name, password_hash, is_active, created_at)
                SELECT id, username, display_name, password_hash, is_active, created_at FROM users;
            CREATE TABLE user_roles(
                user_id INTEGER NOT NULL,
                role TEXT NOT NULL,
                granted_at INTEGER NOT NULL,
                PRIMARY KEY(user_id, role)) WITHOUT ROWID;
            INSERT INTO user_roles(user_id, role, granted_at) SELECT id, 'system_admin', created_at FROM users WHERE is_admin = 1;
            DROP TABLE users;
            ALTER TABLE users_new RENAME TO users;
            CREATE UNIQUE INDEX ux_users_external ON users(auth_source, external_id) WHERE external_id IS NOT NULL;
            -- The system stream: user lifecycle, roles, sessions, settings and admin actions, written in the same
            -- transaction as the change. tx orders durable subscribers on PostgreSQL (see EventReader); 0 on SQLite,
            -- where one writer makes ids commit-ordered.
            CREATE TABLE system_events(
                id INTEGER PRIMARY KEY,
                tx INTEGER NOT NULL DEFAULT 0,
                type TEXT NOT NULL,
                actor_id INTEGER NULL,
                target_id INTEGER NULL,
                conversation_id INTEGER NULL,
                address TEXT NULL,
                via TEXT NOT NULL,
                data TEXT NULL,
                created_at INTEGER NOT NULL);
            CREATE INDEX ix_system_events_target ON system_events(target_id, id) WHERE target_id IS NOT NULL;
            ALTER TABLE events ADD COLUMN tx INTEGER NOT NULL DEFAULT 0;
            -- Which identity provider signed the session in (password, ldap, oidc).
            ALTER TABLE sessions ADD COLUMN provider TEXT NOT NULL DEFAULT 'password';
            -- Durable subscribers: a named cursor over a stream, and the lease that lets one node at a time run it.
            CREATE TABLE subscriber_cursors(
                name TEXT PRIMARY KEY,
                stream TEXT NOT NULL,
                position_tx INTEGER NOT NULL DEFAULT 0,
                position_id INTEGER NOT NULL DEFAULT 0,
                owner TEXT NULL,
                lease_until INTEGER NOT NULL DEFAULT 0,
                failures INTEGER NOT NULL DEFAULT 0,
                last_error TEXT NULL,
                last_error_at INTEGER NULL,
                delivered INTEGER NOT NULL DEFAULT 0,
                updated_at INTEGER NOT NULL);
            """),
        (6, "audit, two-factor, departments and profiles", """
            -- The audit log filters the system stream by action and by actor, newest first.
            CREATE INDEX ix_system_events_type ON system_events(type, id);
            CREATE INDEX ix_system_events_actor ON system_events(actor_id, id) WHERE actor_id IS NOT NULL;
            -- Dotted audit names (issue 14): the stream's types are the audit actions.
            UPDATE system_events SET type = 'auth.login' WHERE type = 'session.created';
            UPDATE system_events SET type = 'user.role_changed' WHERE type = 'user.roles_changed';
            UPDATE system_events SET type = 'settings.changed' WHERE type = 'setting.changed';
            -- The organisation: a tree of departments of any depth; a user may be in several.
            CREATE TABLE departments(
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                parent_id INTEGER NULL REFERENCES departments(id),
                name_keys TEXT NULL,
                created_at INTEGER NOT NULL);
            CREATE INDEX ix_departments_parent ON departments(parent_id);
            -- Forced password change at the next sign-in (an administrator set or reset the password) and the
            -- directory profile. name_keys: the display name's pinyin spellings (full and initials, heteronyms
            -- capped) separated by '|', written with the name, so the directory search is one indexed-free LIKE.
            ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE users ADD COLUMN title TEXT NULL;
            ALTER TABLE users ADD COLUMN phone TEXT NULL;
            ALTER TABLE users ADD COLUMN employee_number TEXT NULL;
            ALTER TABLE users ADD COLUMN manager_id BIGINT NULL;
            ALTER TABLE users ADD COLUMN name_keys TEXT NULL;
            -- TOTP: one secret per user, confirmed once a code was shown to work; last_step refuses a replayed code.
            CREATE TABLE user_totp(
                user_id BIGINT PRIMARY KEY,
                secret TEXT NOT NULL,
                confirmed_at BIGINT NULL,
                last_step BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL);
            -- Recovery codes are stored as hashes and used once.
            CREATE TABLE user_recovery_codes(
                user_id BIGINT NOT NULL,
                code_hash TEXT NOT NULL,
                used_at BIGINT NULL,
                PRIMARY KEY(user_id, code_hash));
            -- Server-wide settings an administrator changes at run time (today: the two-factor policy).
            CREATE TABLE settings(
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                updated_at BIGINT NOT NULL);
            CREATE TABLE department_members(
                department_id BIGINT NOT NULL,
                user_id BIGINT NOT NULL,
                added_at BIGINT NOT NULL,
                PRIMARY KEY(department_id, user_id));
            CREATE INDEX ix_department_members_user ON department_members(user_id);
            """),
        (7, "sensitive-word rules and flag reviews", """
            -- Sensitive-word rules (issue 16): the pattern as written and as folded for matching (NFKC, lower case,
            -- simplified, separators dropped); conversation_ids is '' for every conversation, else a JSON array.
            CREATE TABLE moderation_rules(
                id INTEGER PRIMARY KEY,
                pattern TEXT NOT NULL,
                folded TEXT NOT NULL,
                action TEXT NOT NULL,
                conversation_ids TEXT NOT NULL DEFAULT '',
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL);
            CREATE UNIQUE INDEX ux_moderation_rules_folded ON moderation_rules(folded, conversation_ids);
            -- A compliance user's decision on a content.flagged system event (one per flag).
            CREATE TABLE moderation_reviews(
                flag_id INTEGER PRIMARY KEY,
                decision TEXT NOT NULL,
                reviewer_id INTEGER NULL,
                note TEXT NULL,
                created_at INTEGER NOT NULL);
            """),
        (8, "custom emoji", """
            -- Reaction images added by administrators (Features/Emoji), small enough to live in the database so
            -- every node of a cluster serves them; a reaction names one as ':name:'.
            CREATE TABLE custom_emoji(
                name TEXT PRIMARY KEY,
                content_type TEXT NOT NULL,
                image BLOB NOT NULL,
                created_by INTEGER NOT NULL,
                created_at INTEGER NOT NULL);
            """),
        (9, "message history for compliance", """
            -- Texts a message had before an edit, a deletion or a recall (issue 16: e-discovery keeps every version for
            -- holders of compliance.read). Written in the change's own transaction by MessageHistoryStep.
            CREATE TABLE message_versions(
                id INTEGER PRIMARY KEY,
                message_id INTEGER NOT NULL,
                conversation_id INTEGER NOT NULL,
                text TEXT NOT NULL,
                reason TEXT NOT NULL,
                actor_id INTEGER NULL,
                created_at INTEGER NOT NULL);
            CREATE INDEX ix_message_versions_message ON message_versions(message_id, id);
            """),
        (10, "retention policies and legal holds", """
            -- Retention (issue 16): a policy per scope ('global', 'kind:<kind>', 'conversation:<id>'); days NULL keeps
            -- forever (overriding a wider scope), no row inherits. Legal holds exempt a user's messages or a whole
            -- conversation from every purge until released. purged_at marks a message whose content retention removed.
            CREATE TABLE retention_policies(
                scope TEXT PRIMARY KEY,
                days INTEGER NULL,
                updated_by INTEGER NULL,
                updated_at INTEGER NOT NULL);
            CREATE TABLE legal_holds(
                id INTEGER PRIMARY KEY,
                target_type TEXT NOT NULL,
                target_id INTEGER NOT NULL,
                reason TEXT NOT NULL,
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL,
                released_by INTEGER NULL,
                released_at INTEGER NULL);
            CREATE INDEX ix_legal_holds_active ON legal_holds(target_type, target_id) WHERE released_at IS NULL;
            -- A job that must run on one node at a time (the purge) holds a lease here.
            CREATE TABLE job_leases(
                name TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                lease_until INTEGER NOT NULL);
            ALTER TABLE messages ADD COLUMN purged_at INTEGER NULL;
            CREATE INDEX ix_messages_unpurged ON messages(conversation_id, created_at) WHERE purged_at IS NULL;
            """),
        (11, "compliance exports", """
            -- E-discovery exports (issue 16): a request, its progress and, when done, the zip in the blob store.
            -- A node claims a queued export (owner) and beats its heartbeat while it works; a stale one is taken over.
            CREATE TABLE compliance_exports(
                id INTEGER PRIMARY KEY,
                requested_by INTEGER NOT NULL,
                from_at INTEGER NOT NULL,
                to_at INTEGER NOT NULL,
                user_ids TEXT NULL,
                conversation_ids TEXT NULL,
                language TEXT NOT NULL,
                status TEXT NOT NULL,
                owner TEXT NULL,
                heartbeat_at INTEGER NOT NULL,
                total INTEGER NOT NULL,
                messages INTEGER NOT NULL,
                files INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                blob_key TEXT NULL,
                error TEXT NULL,
                created_at INTEGER NOT NULL,
                finished_at INTEGER NULL);
            CREATE INDEX ix_compliance_exports_status ON compliance_exports(status, id);
            CREATE INDEX ix_messages_created ON messages(created_at);
            """),
        (12, "push subscriptions", """
            -- Web Push (issue 20): a browser's subscription (endpoint and keys) belongs to a user and to the session
            -- that registered it; pushes go only to subscriptions whose session is still valid, so signing out,
            -- revocation and deactivation stop them. One row per endpoint: registering it again updates the row.
            CREATE TABLE push_subscriptions(
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL,
                session_id INTEGER NOT NULL,
                endpoint TEXT NOT NULL UNIQUE,
                p256dh TEXT NOT NULL,
                auth TEXT NOT NULL,
                expires_at INTEGER NULL,
                user_agent TEXT NULL,
                language TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_success_at INTEGER NULL,
                last_error TEXT NULL,
                failures INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX ix_push_subscriptions_user ON push_subscriptions(user_id);
            -- A user's do-not-disturb and preview choices (no row: defaults). Quiet hours are minutes after midnight
            -- in time_zone (IANA); paused_until pauses every push until then.
            CREATE TABLE push_settings(
                user_id INTEGER PRIMARY KEY,
                hide_content INTEGER NOT NULL DEFAULT 0,
                quiet_start INTEGER NULL,
                quiet_end INTEGER NULL,
                time_zone TEXT NULL,
                paused_until INTEGER NULL,
                updated_at INTEGER NOT NULL);
            """),
        (13, "scheduled messages and reminders", """
            -- Scheduled send and reminders (issue 20). next_at is when the job must look at a row next: the send time
            -- while pending, the end of the claim while a node sends it; NULL once it is done, so the job's poll is one
            -- range scan of ix_*_next. A claim (status sending, owner, next_at = lease end) is taken through the writer.
            CREATE TABLE scheduled_messages(
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL,
                conversation_id INTEGER NOT NULL,
                client_msg_id TEXT NULL,
                text TEXT NOT NULL,
                thread_root_id INTEGER NULL,
                quote_id INTEGER NULL,
                send_at INTEGER NOT NULL,
                status TEXT NOT NULL,
                next_at INTEGER NULL,
                owner TEXT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                message_id INTEGER NULL,
                error_code TEXT NULL,
                error TEXT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX ix_scheduled_messages_next ON scheduled_messages(next_at) WHERE next_at IS NOT NULL;
            CREATE INDEX ix_scheduled_messages_user ON scheduled_messages(user_id, status);
            CREATE UNIQUE INDEX ux_scheduled_messages_client ON scheduled_messages(user_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
            -- The uploads a scheduled message will carry; the file janitor leaves them alone while it is pending.
            CREATE TABLE scheduled_message_files(
                scheduled_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY(scheduled_id, file_id));
            CREATE INDEX ix_scheduled_message_files_file ON scheduled_message_files(file_id);
            CREATE TABLE reminders(
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL,
                message_id INTEGER NOT NULL,
                conversation_id INTEGER NOT NULL,
                remind_at INTEGER NOT NULL,
                status TEXT NOT NULL,
                next_at INTEGER NULL,
                created_at INTEGER NOT NULL,
                fired_at INTEGER NULL);
            CREATE UNIQUE INDEX ux_reminders_user_message ON reminders(user_id, message_id);
            CREATE INDEX ix_reminders_next ON reminders(next_at) WHERE next_at IS NOT NULL;
            """),
        (14, "bookmarks and drafts", """
            -- Personal state synced across a user's devices (issue 20). A bookmark keeps its row (and its place in the
            -- list) while the message becomes unreadable; the list shows it as unavailable until the user removes it.
            CREATE TABLE bookmarks(
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL,
                message_id INTEGER NOT NULL,
                conversation_id INTEGER NOT NULL,
                note TEXT NULL,
                created_at INTEGER NOT NULL);
            CREATE UNIQUE INDEX ux_bookmarks_user_message ON bookmarks(user_id, message_id);
            CREATE INDEX ix_bookmarks_user ON bookmarks(user_id, id);
            -- A composer draft per conversation (thread_root_id 0) or thread; removed in the same transaction as the
            -- message the user sends from that composer.
            CREATE TABLE drafts(
                user_id INTEGER NOT NULL,
                conversation_id INTEGER NOT NULL,
                thread_root_id INTEGER NOT NULL,
                text TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY(user_id, conversation_id, thread_root_id)) WITHOUT ROWID;
            """),
        (15, "urgent messages", """
            -- Urgent messages (issue 20): one row per member asked to acknowledge a message; deleting or recalling the
            -- message removes its rows. escalated_at is set when the escalation job claims a row (once per target).
            CREATE TABLE urgent_targets(
                message_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                conversation_id INTEGER NOT NULL,
                requested_by INTEGER NOT NULL,
                requested_at INTEGER NOT NULL,
                acked_at INTEGER NULL,
                escalated_at INTEGER NULL,
                escalation_attempts INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (message_id, user_id));
            CREATE INDEX ix_urgent_targets_pending ON urgent_targets(user_id, requested_at) WHERE acked_at IS NULL;
            CREATE INDEX ix_urgent_targets_due ON urgent_targets(requested_at) WHERE acked_at IS NULL AND escalated_at IS NULL;
            """),
        (16, "polls", """
            -- Polls and sign-up chains (issue 20): a message carries at most one. Votes keep the voter (one vote per
            -- user and option; changing a vote replaces the rows) even for anonymous polls, whose voters no API shows.
            -- A chain has one entry per user, numbered by sign-up order (id).
            CREATE TABLE polls(
                id INTEGER PRIMARY KEY,
                message_id INTEGER NOT NULL,
                conversation_id INTEGER NOT NULL,
                kind TEXT NOT NULL,
                question TEXT NOT NULL,
                multiple INTEGER NOT NULL,
                anonymous INTEGER NOT NULL,
                created_by INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                closes_at INTEGER NULL,
                closed_at INTEGER NULL,
                closed_by INTEGER NULL);
            CREATE UNIQUE INDEX ux_polls_message ON polls(message_id);
            CREATE TABLE poll_options(
                id INTEGER PRIMARY KEY,
                poll_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                text TEXT NOT NULL);
            CREATE INDEX ix_poll_options_poll ON poll_options(poll_id, position);
            CREATE TABLE poll_votes(
                poll_id INTEGER NOT NULL,
                option_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY(poll_id, user_id, option_id));
            CREATE TABLE poll_signups(
                id INTEGER PRIMARY KEY,
                poll_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                text TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                edited_at INTEGER NULL);
            CREATE UNIQUE INDEX ux_poll_signups_user ON poll_signups(poll_id, user_id);
            CREATE INDEX ix_poll_signups_order ON poll_signups(poll_id, id);
            """),
        (17, "forwarded bundles", """
            -- Merge-forward (issue 20): a bundle message carries a snapshot of the forwarded messages, taken at forward
            -- time. Every node of the tree belongs to the bundle message that owns it (message_id), so a purge or an
            -- erase removes the whole snapshot with one statement. The root node (parent_id NULL) holds the title
            -- parts; an item that is itself a bundle (title_kind set) has its own items below it.
            CREATE TABLE bundle_items(
                id INTEGER PRIMARY KEY,
                message_id INTEGER NOT NULL,
                parent_id INTEGER NULL,
                position INTEGER NOT NULL,
                sender_id INTEGER NOT NULL,
                sender_name TEXT NOT NULL,
                text TEXT NOT NULL,
                sent_at INTEGER NOT NULL,
                title_kind TEXT NULL,
                title_names TEXT NULL,
                item_count INTEGER NOT NULL);
            CREATE INDEX ix_bundle_items_message ON bundle_items(message_id);
            CREATE INDEX ix_bundle_items_parent ON bundle_items(parent_id, position) WHERE parent_id IS NOT NULL;
            CREATE INDEX ix_bundle_items_root ON bundle_items(message_id) WHERE parent_id IS NULL;
            -- Files in a snapshot are references to the original file rows (no copy of the bytes); the file janitor keeps
            -- a referenced file's bytes after its own message is erased, until no bundle refers to it.
            CREATE TABLE bundle_files(
                item_id INTEGER NOT NULL,
                message_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (item_id, file_id));
            CREATE INDEX ix_bundle_files_message ON bundle_files(message_id, file_id);
            CREATE INDEX ix_bundle_files_file ON bundle_files(file_id);
            """),
        (18, "avatars", """
            -- Uploaded avatars (issue 14): one row per user who has one. blob_key names the renditions in the blob
            -- store (key-512, key-256, key-64, each a square WebP) and is the version in the avatar's URL, so a new
            -- picture gets a new URL and the old one may be cached for ever. Byte counts: the blob store reads ranges.
            CREATE TABLE user_avatars(
                user_id INTEGER PRIMARY KEY,
                blob_key TEXT NOT NULL,
                bytes_512 INTEGER NOT NULL,
                bytes_256 INTEGER NOT NULL,
                bytes_64 INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            """),
        (19, "default channels and department groups", """
            -- Conversation administration (issue 14). default_since: when an administrator made the channel a default
            -- one (NULL: it is not); users created from then on join it. A user created earlier is not "new" to it, so
            -- a replayed user.created event cannot add anyone the administrator did not mean to.
            ALTER TABLE conversations ADD COLUMN default_since INTEGER NULL;
            CREATE INDEX ix_conversations_default ON conversations(default_since) WHERE default_since IS NOT NULL;
            -- A group whose membership follows a department (and its sub-departments with include_sub).
            CREATE TABLE department_groups(
                conversation_id INTEGER NOT NULL PRIMARY KEY,
                department_id INTEGER NOT NULL,
                include_sub INTEGER NOT NULL,
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL);
            CREATE INDEX ix_department_groups_department ON department_groups(department_id);
            """),
        (20, "scim provisioning and invitations", """
            -- SCIM 2.0 (issue 14): bearer tokens for the provisioning endpoint, stored as SHA-256 like session tokens and
            -- useful on /scim/v2 only; last_used_at is refreshed at most once a minute.
            CREATE TABLE scim_tokens(
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                token_hash BLOB NOT NULL UNIQUE,
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL,
                last_used_at INTEGER NULL,
                revoked_at INTEGER NULL);
            -- SCIM attributes with no column in users (name parts, work e-mail, the client's userName, which is often an
            -- e-mail address and so not a Parley username), and when SCIM last changed the user (meta.lastModified).
            CREATE TABLE scim_users(
                user_id INTEGER PRIMARY KEY,
                given_name TEXT NULL,
                family_name TEXT NULL,
                email TEXT NULL,
                user_name TEXT NULL COLLATE NOCASE,
                updated_at INTEGER NOT NULL);
            CREATE UNIQUE INDEX ux_scim_users_user_name ON scim_users(user_name) WHERE user_name IS NOT NULL;
            -- SCIM groups are departments; the client's externalId and the last SCIM change are kept beside them.
            CREATE TABLE scim_groups(
                department_id INTEGER PRIMARY KEY,
                external_id TEXT NULL,
                updated_at INTEGER NOT NULL);
            -- Invitations by link: only the token's hash is kept; roles and department_ids are JSON arrays applied when
            -- the invitee accepts. A single-use invitation ends with its first acceptance.
            CREATE TABLE invitations(
                id INTEGER PRIMARY KEY,
                token_hash BLOB NOT NULL UNIQUE,
                email TEXT NULL,
                display_name TEXT NULL,
                roles TEXT NOT NULL,
                department_ids TEXT NOT NULL,
                single_use INTEGER NOT NULL,
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked_at INTEGER NULL,
                accepted_count INTEGER NOT NULL DEFAULT 0,
                last_accepted_at INTEGER NULL);
            """),
        (21, "single sign-on", """
            -- OpenID Connect (issue 14). A person at the identity provider (issuer + subject) is linked to one Parley
            -- account; accounts made by just-in-time provisioning also carry auth_source 'oidc' and external_id = sub.
            CREATE TABLE oidc_links(
                issuer TEXT NOT NULL,
                subject TEXT NOT NULL,
                user_id INTEGER NOT NULL,
                linked_at INTEGER NOT NULL,
                PRIMARY KEY (issuer, subject));
            CREATE INDEX ix_oidc_links_user ON oidc_links(user_id);
            -- The one-time code the callback hands to the web client (in its redirect) instead of a token: only its
            -- hash is kept, it lives two minutes and is deleted when exchanged; attempts counts refused second factors.
            CREATE TABLE oidc_login_codes(
                code_hash BLOB PRIMARY KEY,
                user_id INTEGER NOT NULL,
                return_url TEXT NOT NULL,
                expires_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0);
            """),
        (22, "directory email", """
            -- The e-mail address a directory (LDAP / AD sync, issue 14) gives an account (the sync keeps it current).
            ALTER TABLE users ADD COLUMN email TEXT NULL;
            """),
        (23, "personal data exports and erasure", """
            -- Personal data (issue 16, PIPL/GDPR): the export machinery serves personal data exports too. kind says
            -- which writer makes the zip ('compliance' or 'personal'); subject_id is whose data a personal export holds
            -- (the requester may be a compliance officer). expired_at: the cleanup removed the zip after
            -- Parley:Compliance:ExportRetentionDays (status 'expired'). users.erased_at marks an erased account.
            ALTER TABLE compliance_exports ADD COLUMN kind TEXT NOT NULL DEFAULT 'compliance';
            ALTER TABLE compliance_exports ADD COLUMN subject_id INTEGER NULL;
            ALTER TABLE compliance_exports ADD COLUMN expired_at INTEGER NULL;
            CREATE INDEX ix_compliance_exports_kind ON compliance_exports(kind, requested_by, id);
            CREATE INDEX ix_compliance_exports_finished ON compliance_exports(finished_at) WHERE blob_key IS NOT NULL;
            ALTER TABLE users ADD COLUMN erased_at INTEGER NULL;
            -- Export and erasure read a user's messages by sender.
            CREATE INDEX ix_messages_sender ON messages(sender_id, id);
            """),
        (24, "moderation scopes, exemptions, pinyin; external users; conversation watermark", """
            -- Issue 16. A rule's scope: 'all', 'conversations' (conversation_ids) or 'external' (texts by external users
            -- only); per-rule exemptions (JSON id lists like conversation_ids) and opt-in pinyin matching.
            ALTER TABLE moderation_rules ADD COLUMN scope TEXT NOT NULL DEFAULT 'all';
            ALTER TABLE moderation_rules ADD COLUMN exempt_user_ids TEXT NOT NULL DEFAULT '';
            ALTER TABLE moderation_rules ADD COLUMN exempt_conversation_ids TEXT NOT NULL DEFAULT '';
            ALTER TABLE moderation_rules ADD COLUMN pinyin INTEGER NOT NULL DEFAULT 0;
            UPDATE moderation_rules SET scope = 'conversations' WHERE conversation_ids <> '';
            DROP INDEX ux_moderation_rules_folded;
            CREATE UNIQUE INDEX ux_moderation_rules_folded ON moderation_rules(folded, scope, conversation_ids);
            -- Exemptions from every rule: a user (e.g. a compliance bot) or a conversation (e.g. the legal team's).
            CREATE TABLE moderation_exemptions(
                target_type TEXT NOT NULL,
                target_id INTEGER NOT NULL,
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (target_type, target_id));
            -- People from outside the organisation (guests): rules scoped 'external' screen only their texts.
            ALTER TABLE users ADD COLUMN is_external INTEGER NOT NULL DEFAULT 0;
            -- The watermark over this conversation for everyone in it, beside the global Parley:Compliance:Watermark.
            ALTER TABLE conversations ADD COLUMN watermark INTEGER NOT NULL DEFAULT 0;
            """),
        (25, "message translations and auto-translation preferences", """
            -- Issue 18. A message's text translated, per edit version (the message's edited_at, 0 before any edit) and
            -- target language; an edit, deletion, recall or purge removes the message's rows (TranslationEraseStep).
            CREATE TABLE message_translations(
                message_id INTEGER NOT NULL,
                version INTEGER NOT NULL,
                target_language TEXT NOT NULL,
                source_language TEXT NULL,
                provider TEXT NOT NULL,
                text TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (message_id, target_language, version));
            -- Auto-translation: a user's own (incoming messages into their language) and a conversation's (set by managers).
            CREATE TABLE translation_preferences(
                user_id INTEGER NOT NULL PRIMARY KEY,
                auto_translate INTEGER NOT NULL DEFAULT 0,
                language TEXT NULL,
                updated_at INTEGER NOT NULL);
            CREATE TABLE conversation_translation(
                conversation_id INTEGER NOT NULL PRIMARY KEY,
                auto_translate INTEGER NOT NULL DEFAULT 0,
                updated_by INTEGER NULL,
                updated_at INTEGER NOT NULL);
            """),
        (26, "embedding: applications, one-time tokens, scoped sessions", """
            -- Issue 17, embedding. An application (OA, CRM portal) whose back end exchanges its secret (only the hash is
            -- kept) for one-time tokens; allowed_origins: the origins, separated by spaces, that may frame /embed.
            CREATE TABLE embed_apps(
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                secret_hash BLOB NOT NULL UNIQUE,
                allowed_origins TEXT NOT NULL,
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL,
                last_used_at INTEGER NULL,
                revoked_at INTEGER NULL);
            -- A token stands for one user and one scope until it expires or is exchanged for a session (used_at).
            CREATE TABLE embed_tokens(
                id INTEGER PRIMARY KEY,
                app_id INTEGER NOT NULL REFERENCES embed_apps(id),
                token_hash BLOB NOT NULL UNIQUE,
                user_id INTEGER NOT NULL REFERENCES users(id),
                scope TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER NULL);
            CREATE INDEX ix_embed_tokens_expires ON embed_tokens(expires_at);
            -- What a session may reach: NULL everything (a sign-in), 'client' the embedded full client without
            -- administration, 'conversation:<id>' one conversation (and, later, 'guest:<id>' for visitors).
            ALTER TABLE sessions ADD COLUMN scope TEXT NULL;
            """),
        (27, "outgoing webhooks", """
            -- Outgoing webhooks (issue 17). secret is the whsec_ signing secret, kept as issued because the server must
            -- compute the HMAC of every delivery (a hash would not do); it is shown once at creation and no API reads it.
            -- events, conversation_ids and trigger_words are JSON arrays ('' = none: every conversation / no filter).
            CREATE TABLE webhooks(
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL,
                secret TEXT NOT NULL,
                events TEXT NOT NULL,
                conversation_ids TEXT NOT NULL DEFAULT '',
                trigger_words TEXT NOT NULL DEFAULT '',
                enabled INTEGER NOT NULL DEFAULT 1,
                created_by INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            -- The outbox: one row per (webhook, logged event), written by the durable subscriber in log order (the unique
            -- key makes a replayed batch a no-op). The row's id is the webhook-id header, so a resent delivery is
            -- recognisable. status: pending, delivered or dead (retry_until passed); next_attempt_at holds the backoff.
            CREATE TABLE webhook_deliveries(
                id INTEGER PRIMARY KEY,
                webhook_id INTEGER NOT NULL,
                event_id INTEGER NOT NULL,
                event_type TEXT NOT NULL,
                conversation_id INTEGER NOT NULL,
                payload TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                retry_until INTEGER NOT NULL,
                last_status INTEGER NULL,
                last_error TEXT NULL,
                created_at INTEGER NOT NULL,
                delivered_at INTEGER NULL,
                UNIQUE (webhook_id, event_id));
            -- The sender takes the oldest pending delivery of each (webhook, conversation): in order per conversation.
            CREATE INDEX ix_webhook_deliveries_queue ON webhook_deliveries(status, webhook_id, conversation_id, id);
            CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries(webhook_id, id);
            """),
        (28, "bots", """
            -- Issue 17. A bot is a user row of kind 'bot' (no password; it cannot sign in) whose token is a session
            -- (token_hash in sessions, so the bearer path is the one users take); scopes (space-separated) limit what it may
            -- call. session_id is its current token's session: rotation revokes it and records the new one.
            ALTER TABLE users ADD COLUMN kind TEXT NOT NULL DEFAULT 'user';
            CREATE TABLE bots(
                user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users(id),
                scopes TEXT NOT NULL DEFAULT '',
                session_id INTEGER NULL,
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL,
                token_created_at INTEGER NOT NULL);
            """),
        (29, "incoming webhooks and message cards", """
            -- Issue 17. An incoming webhook posts into one conversation as its own identity: a user row of kind 'webhook'
            -- (no password, never signs in, a member of that conversation). The URL's token is stored as SHA-256 only;
            -- the signing secret of card clicks must be kept as is (HMAC needs it), like the escalation webhook's secret.
            -- users.kind comes from the bots step before this one (default 'user').
            CREATE TABLE incoming_webhooks(
                id INTEGER PRIMARY KEY,
                conversation_id INTEGER NOT NULL,
                bot_user_id INTEGER NOT NULL,
                name TEXT NOT NULL,
                token_hash BLOB NOT NULL UNIQUE,
                action_url TEXT NULL,
                signing_secret TEXT NOT NULL,
                created_by INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                last_used_at INTEGER NULL,
                revoked_at INTEGER NULL);
            CREATE INDEX ix_incoming_webhooks_conversation ON incoming_webhooks(conversation_id);
            -- A message's card (structured JSON, validated on the way in) and the hook whose action URL its clicks call.
            CREATE TABLE message_cards(
                message_id INTEGER PRIMARY KEY,
                hook_id INTEGER NULL,
                card TEXT NOT NULL);
            """),
        (30, "calls", """
            -- Voice and video calls (issue 15). One row per call; ended_at NULL while it runs, and at most one running
            -- call per conversation (the partial unique index backs the 409 against a race). topology 'p2p' or 'sfu';
            -- sfu_room_id/sfu_secret name the SFU room (Janus video-room) of an 'sfu' call. ring_until: when callees
            -- still ringing count as missed (the sweep). outcome: completed, declined, missed, busy, cancelled.
            CREATE TABLE calls(
                id INTEGER PRIMARY KEY,
                conversation_id INTEGER NOT NULL,
                media TEXT NOT NULL,
                topology TEXT NOT NULL,
                started_by INTEGER NOT NULL,
                started_at INTEGER NOT NULL,
                answered_at INTEGER NULL,
                ended_at INTEGER NULL,
                outcome TEXT NULL,
                max_participants INTEGER NOT NULL,
                ring_until INTEGER NOT NULL,
                sfu_room_id INTEGER NULL,
                sfu_secret TEXT NULL);
            CREATE UNIQUE INDEX ux_calls_running ON calls(conversation_id) WHERE ended_at IS NULL;
            CREATE INDEX ix_calls_conversation ON calls(conversation_id, id);
            -- Who was asked and who took part. state: ringing, joined, left, declined, missed, busy. seen_at: the last
            -- heartbeat of a joined participant's client; the sweep drops participants whose client went silent (a
            -- closed laptop, a dead node). sfu_token: the participant's SFU token, kept to revoke it when they leave
            -- (the SFU needs the token itself to forget it).
            CREATE TABLE call_participants(
                call_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                state TEXT NOT NULL,
                invited_at INTEGER NOT NULL,
                joined_at INTEGER NULL,
                left_at INTEGER NULL,
                seen_at INTEGER NULL,
                sfu_token TEXT NULL,
                PRIMARY KEY (call_id, user_id));
            CREATE INDEX ix_call_participants_user ON call_participants(user_id, state);
            """),
        (31, "knowledge base, AI usage metering, assistant consent", """
            -- Issue 18. Knowledge base articles and FAQ pairs (kind 'article' or 'faq': title is the question, body the
            -- answer), Markdown, one language each ('zh-CN' or 'en'); tags as a JSON array. Only published rows are
            -- answered from. Each node keeps its own search index built from this table (Features/Knowledge).
            CREATE TABLE knowledge_articles(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                language TEXT NOT NULL,
                tags TEXT NOT NULL,
                published INTEGER NOT NULL,
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL,
                updated_by INTEGER NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX ix_knowledge_articles_updated ON knowledge_articles(updated_at);
            -- Tokens each AI feature used per conversation (0: none, e.g. the admin console's test box) and UTC day,
            -- with the cost at the prices configured when it was used, in millionths of the currency unit.
            CREATE TABLE ai_usage(
                conversation_id INTEGER NOT NULL,
                day TEXT NOT NULL,
                feature TEXT NOT NULL,
                requests INTEGER NOT NULL,
                input_tokens INTEGER NOT NULL,
                output_tokens INTEGER NOT NULL,
                cost_micros INTEGER NOT NULL,
                PRIMARY KEY (conversation_id, day, feature));
            CREATE INDEX ix_ai_usage_day ON ai_usage(day);
            -- A conversation whose owner or admin consented to the assistant (summaries, reply suggestions).
            CREATE TABLE assistant_consents(
                conversation_id INTEGER NOT NULL PRIMARY KEY,
                granted_by INTEGER NULL,
                granted_at INTEGER NOT NULL);
            """),
        (32, "external slash commands", """
            -- Issue 17. A command an administrator registered: Parley POSTs Slack's form fields to url, signed (Standard
            -- Webhooks) with signing_secret, kept as is because HMAC needs it (shown once, never listed). bot_user_id is its
            -- identity (a user of kind 'webhook', no password) that posts its in_channel answers.
            CREATE TABLE slash_commands(
                id INTEGER PRIMARY KEY,
                command TEXT NOT NULL UNIQUE,
                url TEXT NOT NULL,
                description TEXT NOT NULL,
                usage_hint TEXT NULL,
                bot_user_id INTEGER NOT NULL,
                signing_secret TEXT NOT NULL,
                created_by INTEGER NOT NULL,
                created_at INTEGER NOT NULL);
            -- One run's response_url: the token as SHA-256 only, valid until expires_at for a few uses.
            CREATE TABLE slash_command_responses(
                token_hash BLOB NOT NULL PRIMARY KEY,
                command_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                conversation_id INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                uses INTEGER NOT NULL DEFAULT 0);
            """),
        (33, "call revisions", """
            -- Issue 15. Grows with every change of a call's state, so a client that learns the same call by several paths
            -- (the join answer, call.updated events, a fetch) can tell the newest from an older copy that arrived late.
            ALTER TABLE calls ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
            """),
        (34, "customer service: queues, agents, widgets, service conversations, notes, canned replies", """
            -- Issue 18. A queue routes waiting conversations to its agents (round_robin or least_busy), each with a
            -- capacity (open conversations at once); last_offered_at orders round robin.
            CREATE TABLE service_queues(
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                routing TEXT NOT NULL,
                created_at INTEGER NOT NULL);
            CREATE TABLE service_agents(
                queue_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                capacity INTEGER NOT NULL,
                last_offered_at INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (queue_id, user_id));
            CREATE INDEX ix_service_agents_user ON service_agents(user_id);
            -- A website's chat widget: its queue, look, allowed origins (JSON array), its service bot (a user row) and
            -- the identity secret host sites sign visitor tokens with (kept as is: HMAC needs it; shown once).
            CREATE TABLE service_widgets(
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                queue_id INTEGER NOT NULL,
                color TEXT NULL,
                greeting TEXT NULL,
                greeting_zh TEXT NULL,
                logo_url TEXT NULL,
                allowed_origins TEXT NOT NULL,
                bot_user_id INTEGER NOT NULL,
                identity_secret TEXT NOT NULL,
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL,
                deleted_at INTEGER NULL);
            -- One row per visitor conversation: state bot, waiting, assigned or closed; visitor_key is the host site's
            -- subject for identified visitors (counts earlier conversations); bot_turns counts unresolved bot answers.
            CREATE TABLE service_conversations(
                conversation_id INTEGER NOT NULL PRIMARY KEY,
                widget_id INTEGER NOT NULL,
                queue_id INTEGER NOT NULL,
                state TEXT NOT NULL,
                visitor_user_id INTEGER NOT NULL,
                visitor_key TEXT NULL,
                visitor_name TEXT NOT NULL,
                visitor_email TEXT NULL,
                page TEXT NULL,
                referrer TEXT NULL,
                user_agent TEXT NULL,
                language TEXT NULL,
                agent_user_id INTEGER NULL,
                offered_to INTEGER NULL,
                previous_agent_id INTEGER NULL,
                bot_turns INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                waiting_since INTEGER NULL,
                assigned_at INTEGER NULL,
                closed_at INTEGER NULL,
                summary TEXT NULL,
                rating INTEGER NULL,
                rating_comment TEXT NULL);
            CREATE INDEX ix_service_conversations_queue ON service_conversations(queue_id, state);
            CREATE INDEX ix_service_conversations_agent ON service_conversations(agent_user_id, state);
            CREATE INDEX ix_service_conversations_visitor ON service_conversations(widget_id, visitor_key);
            -- Agents' internal notes: never in the conversation's messages.
            CREATE TABLE service_notes(
                id INTEGER PRIMARY KEY,
                conversation_id INTEGER NOT NULL,
                author_id INTEGER NOT NULL,
                text TEXT NOT NULL,
                created_at INTEGER NOT NULL);
            CREATE INDEX ix_service_notes_conversation ON service_notes(conversation_id, id);
            CREATE TABLE service_canned_replies(
                id INTEGER PRIMARY KEY,
                shortcut TEXT NOT NULL UNIQUE,
                text TEXT NOT NULL,
                created_by INTEGER NULL,
                created_at INTEGER NOT NULL);
            """),
        (35, "e-mail outbox", """
            -- Issue 18. Outgoing e-mail (Platform/Email): a message is written here (in the transaction of the change that
            -- caused it, or alone) and SmtpOutboxWorker hands it to the SMTP relay under the 'email-sender' job lease:
            -- status pending → sent, or dead after retry_until (or a permanent 5xx); the body is stored ready to send.
            CREATE TABLE email_outbox(
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                to_address TEXT NOT NULL,
                to_name TEXT NULL,
                subject TEXT NOT NULL,
                text_body TEXT NOT NULL,
                html_body TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                retry_until INTEGER NOT NULL,
                last_error TEXT NULL,
                created_at INTEGER NOT NULL,
                sent_at INTEGER NULL);
            CREATE INDEX ix_email_outbox_due ON email_outbox(status, next_attempt_at);
            -- Offline replies count what one address got in a day (Parley:Service:OfflineEmail:MaxPerAddressPerDay).
            CREATE INDEX ix_email_outbox_to ON email_outbox(to_address, created_at);
            -- Offline replies to visitors: when a conversation's visitor was last e-mailed and up to which seq, so at most
            -- one e-mail goes out per conversation per Parley:Service:OfflineEmail:Interval, carrying the replies since.
            CREATE TABLE email_conversation_notices(
                conversation_id INTEGER NOT NULL PRIMARY KEY,
                last_sent_at INTEGER NOT NULL,
                last_seq INTEGER NOT NULL);
            """),
        (36, "visitor challenge uses", """
            -- Issue 18. Proof-of-work challenges of visitor session creation are stateless signed tokens
            -- (Features/Service/VisitorChallenges); each is accepted once: the SHA-256 of a used token is kept here until
            -- the token expires (the insert of the next use drops expired rows).
            CREATE TABLE service_challenge_uses(
                token_hash BLOB NOT NULL PRIMARY KEY,
                expires_at INTEGER NOT NULL);
            CREATE INDEX ix_service_challenge_uses_expires ON service_challenge_uses(expires_at);
            """),
        (37, "customer service: skills routing, visitor retention index", """
            -- Issue 18. Skills (lower-cased tags, JSON arrays): an agent's per queue, a widget's required ones, copied onto
            -- each service conversation when it starts. Routing offers a conversation only to an online agent holding
            -- every required skill until Parley:Service:SkillFallbackSeconds have passed since waiting_since.
            ALTER TABLE service_agents ADD COLUMN skills TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE service_widgets ADD COLUMN required_skills TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE service_conversations ADD COLUMN required_skills TEXT NOT NULL DEFAULT '[]';
            -- The visitor retention job finds a visitor's service conversations.
            CREATE INDEX ix_service_conversations_visitor_user ON service_conversations(visitor_user_id);
            """),
    ];
}
