// Admin console → Conversations (conversations.manage): every conversation, whoever asks is not a member; archive,
// ownership, membership, default channels and department links for one at a time.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdminConversationDto } from "../../../api/types";
import { formatDateTime } from "../../../i18n/format";
import { ErrorText } from "../../../ui/ErrorText";
import { errorMessage } from "../../auth/errorMessage";
import { ConversationDetail } from "./ConversationDetail";
import { conversationTitle, searchConversations, type ConversationFilters } from "./conversationAdminActions";

export default function ConversationsSection() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ConversationFilters>({ query: "", kind: "", archived: "all" });
  const [items, setItems] = useState<AdminConversationDto[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      searchConversations(filters)
        .then((found) => !cancelled && (setItems(found), setError(null)))
        .catch((err: unknown) => !cancelled && setError(errorMessage(t, err)));
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [filters, t, version]);

  const set = (patch: Partial<ConversationFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <div data-testid="admin-conversations">
      <h2>{t("admin.sections.conversations")}</h2>
      <div className="admin-toolbar">
        <input
          type="search"
          value={filters.query}
          onChange={(e) => set({ query: e.target.value })}
          placeholder={t("admin.conversations.search")}
          aria-label={t("admin.conversations.search")}
          data-testid="admin-conversations-search"
        />
        <select value={filters.kind} onChange={(e) => set({ kind: e.target.value as ConversationFilters["kind"] })} aria-label={t("admin.conversations.kind")}>
          <option value="">{t("admin.conversations.allKinds")}</option>
          {(["channel", "group", "direct"] as const).map((k) => (
            <option key={k} value={k}>
              {t(`admin.conversations.kinds.${k}`)}
            </option>
          ))}
        </select>
        <select value={filters.archived} onChange={(e) => set({ archived: e.target.value as ConversationFilters["archived"] })} aria-label={t("admin.conversations.state")}>
          <option value="all">{t("admin.conversations.anyState")}</option>
          <option value="active">{t("admin.conversations.notArchived")}</option>
          <option value="archived">{t("admin.conversations.archived")}</option>
        </select>
      </div>
      <ErrorText error={error} />
      {selectedId !== null && <ConversationDetail key={selectedId} id={selectedId} onChanged={() => setVersion((v) => v + 1)} onClose={() => setSelectedId(null)} />}
      {items && items.length === 0 && <p className="muted">{t("common.noResults")}</p>}
      {items && items.length > 0 && (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t("admin.conversations.name")}</th>
              <th>{t("admin.conversations.kind")}</th>
              <th>{t("admin.conversations.members")}</th>
              <th>{t("admin.conversations.lastActivity")}</th>
              <th>{t("admin.conversations.state")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} className={c.isArchived ? "inactive" : undefined} data-testid={`admin-conversation-${c.id}`}>
                <td>
                  <button type="button" className="link-button" onClick={() => setSelectedId(c.id)}>
                    {conversationTitle(c)}
                  </button>
                </td>
                <td>{t(`admin.conversations.kinds.${c.kind}`)}</td>
                <td>{t("admin.conversations.memberCount", { count: c.memberCount })}</td>
                <td>{formatDateTime(c.lastActivityAt)}</td>
                <td>
                  <Badges conversation={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function Badges({ conversation: c }: { conversation: AdminConversationDto }) {
  const { t } = useTranslation();
  const badges = [
    c.isArchived && t("admin.conversations.archived"),
    c.isDefault && t("admin.conversations.default"),
    c.department && t("admin.conversations.followsDepartment", { name: c.department.departmentName }),
  ].filter(Boolean);
  return badges.length === 0 ? <span className="muted">{t("admin.conversations.normal")}</span> : <span className="admin-badges">{badges.map((b) => <span key={String(b)} className="admin-badge">{b}</span>)}</span>;
}
