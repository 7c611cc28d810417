import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { SearchHitDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { conversationPath, navigate, searchPath } from "../../app/route";
import { formatDateTime } from "../../i18n/format";
import { errorMessage } from "../auth/errorMessage";
import { conversationTitle, displayName } from "../conversations/title";
import { searchMessages } from "./searchActions";
import { parseSnippet } from "./snippet";
import { ChevronLeft, FileKindIcon } from "../../ui/icons";
import { fileKind, formatSize } from "../files/fileKinds";

export default function SearchPage({ query }: { query: string }) {
  const { t } = useTranslation();
  const core = useCore();
  const users = useChat((s) => s.users);
  const conversations = useChat((s) => s.conversations);
  const meId = useChat((s) => s.me?.id ?? -1);
  const [input, setInput] = useState(query);
  const [hits, setHits] = useState<SearchHitDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setInput(query);
    if (!query.trim()) {
      setHits(null);
      return;
    }
    let cancelled = false;
    setError(null);
    searchMessages(core, query.trim())
      .then((items) => !cancelled && setHits(items))
      .catch((err: unknown) => !cancelled && setError(errorMessage(t, err)));
    return () => {
      cancelled = true;
    };
  }, [query, t, core]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(searchPath(input.trim()));
  };

  return (
    <section className="search-page" aria-labelledby="search-title">
      <header className="conversation-header">
        <button type="button" className="icon-button back" onClick={() => navigate("/")} aria-label={t("common.back")}>
          <ChevronLeft size={20} aria-hidden="true" />
        </button>
        <h1 id="search-title" className="grow">
          {t("search.title")}
        </h1>
      </header>
      <form className="search-form" onSubmit={submit} role="search">
        <input type="search" value={input} onChange={(e) => setInput(e.target.value)} placeholder={t("search.placeholder")} aria-label={t("search.placeholder")} autoFocus data-testid="search-input" />
        <button type="submit" className="primary">
          {t("search.submit")}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {hits && <p className="muted search-count">{t("search.count", { count: hits.length })}</p>}
      <ul className="search-results" aria-label={t("search.results")}>
        {hits?.map((hit) => {
          const conv = conversations[hit.message.conversationId];
          return (
            <li key={hit.message.id}>
              <button type="button" className="search-hit" onClick={() => navigate(conversationPath(hit.message.conversationId, hit.message.id))} data-testid="search-hit">
                <div className="row small">
                  <strong>{displayName(users, hit.message.senderId, t)}</strong>
                  <span className="muted">{conv ? conversationTitle(conv, users, meId, t) : ""}</span>
                  <span className="muted grow right">{formatDateTime(hit.message.createdAt)}</span>
                </div>
                <p className="snippet">
                  {parseSnippet(hit.snippet).map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                </p>
                {(hit.message.files?.length ?? 0) > 0 && (
                  // The files the message carries (issue 20): name, kind and size; opening the hit shows them in context.
                  <ul className="search-hit-files" aria-label={t("search.files")}>
                    {hit.message.files!.map((file) => (
                      <li key={file.id} data-testid="search-hit-file">
                        <FileKindIcon kind={fileKind(file)} size={15} /> <span className="file-name">{file.name}</span> <span className="muted small">{formatSize(file.size)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
