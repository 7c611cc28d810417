// Admin console → Knowledge base (issue 18): the articles and FAQ pairs the AI first line answers from. Markdown
// with a live preview through the messages' safe renderer (raw HTML off, safe links only), zh-CN or en, tags, a
// published flag; and a box to try a question as a visitor would. The server checks knowledge.manage on every call.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { knowledgeApi } from "../../../api/endpoints";
import type { KnowledgeAnswerDto, KnowledgeArticleDto, SaveKnowledgeArticleRequest } from "../../../api/types";
import { errorMessage } from "../../auth/errorMessage";
import { MessageBody } from "../../messages/MessageBody";
import "./knowledge.css";

const EMPTY: SaveKnowledgeArticleRequest = { kind: "article", title: "", body: "", language: "zh-CN", tags: [], published: true };

export default function KnowledgeSection() {
  const { t, i18n } = useTranslation();
  const [articles, setArticles] = useState<KnowledgeArticleDto[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [draft, setDraft] = useState<SaveKnowledgeArticleRequest>({ ...EMPTY, language: i18n.language === "en" ? "en" : "zh-CN" });
  const [tags, setTags] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [question, setQuestion] = useState("");
  const [answer, setAnswer] = useState<KnowledgeAnswerDto | null>(null);

  const load = useCallback(async () => {
    try {
      setArticles((await knowledgeApi.list({ limit: 200 })).items as KnowledgeArticleDto[]);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  }, [t]);
  useEffect(() => void load(), [load]);

  const open = (a: KnowledgeArticleDto | null) => {
    setSelected(a?.id ?? null);
    setDraft(a ? { kind: a.kind, title: a.title, body: a.body, language: a.language, tags: a.tags, published: a.published } : { ...EMPTY });
    setTags(a ? a.tags.join(", ") : "");
    setError(null);
    setNotice(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { ...draft, tags: tags.split(/[,，]/).map((s) => s.trim()).filter(Boolean) };
    try {
      const saved = selected === null ? await knowledgeApi.create(body) : await knowledgeApi.update(selected, body);
      await load();
      setSelected(saved.id);
      setNotice(t("admin.knowledge.saved"));
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (selected === null || !window.confirm(t("admin.knowledge.confirmDelete", { title: draft.title }))) return;
    try {
      await knowledgeApi.remove(selected);
      open(null);
      await load();
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    if (!question.trim()) return;
    try {
      setAnswer(await knowledgeApi.answer(question.trim(), null));
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <div data-testid="admin-knowledge">
      <h2>{t("admin.sections.knowledge")}</h2>
      <p className="muted small">{t("admin.knowledge.intro")}</p>
      <div className="knowledge-layout">
        <div>
          <div className="admin-toolbar">
            <button type="button" onClick={() => open(null)} data-testid="knowledge-new">
              {t("admin.knowledge.new")}
            </button>
          </div>
          {articles.length === 0 ? (
            <p className="muted">{t("admin.knowledge.empty")}</p>
          ) : (
            <ul className="knowledge-list" aria-label={t("admin.sections.knowledge")}>
              {articles.map((a) => (
                <li key={a.id}>
                  <button type="button" aria-current={a.id === selected} onClick={() => open(a)} data-testid="knowledge-row">
                    <span className="knowledge-title">{a.title}</span>
                    <span className="admin-badges">
                      <span className="admin-badge">{a.language}</span>
                      <span className="admin-badge">{t(`admin.knowledge.kinds.${a.kind}`)}</span>
                      {!a.published && <span className="admin-badge">{t("admin.knowledge.draft")}</span>}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <form onSubmit={(e) => void save(e)} data-testid="knowledge-form">
          <div className="knowledge-fields">
            <label className="knowledge-field">
              {t("admin.knowledge.kind")}
              <select value={draft.kind ?? "article"} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
                <option value="article">{t("admin.knowledge.kinds.article")}</option>
                <option value="faq">{t("admin.knowledge.kinds.faq")}</option>
              </select>
            </label>
            <label className="knowledge-field">
              {t("admin.knowledge.language")}
              <select value={draft.language ?? "zh-CN"} onChange={(e) => setDraft({ ...draft, language: e.target.value })}>
                <option value="zh-CN">中文 (zh-CN)</option>
                <option value="en">English (en)</option>
              </select>
            </label>
            <label className="knowledge-field">
              {t("admin.knowledge.tags")}
              <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder={t("admin.knowledge.tagsHint")} />
            </label>
            <label className="knowledge-check">
              <input type="checkbox" checked={draft.published === true} onChange={(e) => setDraft({ ...draft, published: e.target.checked })} />
              {t("admin.knowledge.published")}
            </label>
          </div>
          <label className="knowledge-field">
            {draft.kind === "faq" ? t("admin.knowledge.question") : t("admin.knowledge.title")}
            <input required maxLength={300} value={draft.title ?? ""} onChange={(e) => setDraft({ ...draft, title: e.target.value })} data-testid="knowledge-title" />
          </label>
          <div className="knowledge-editor">
            <label className="knowledge-field">
              {draft.kind === "faq" ? t("admin.knowledge.answer") : t("admin.knowledge.body")}
              <textarea required value={draft.body ?? ""} onChange={(e) => setDraft({ ...draft, body: e.target.value })} data-testid="knowledge-body" />
            </label>
            <div className="knowledge-field">
              <span>{t("admin.knowledge.preview")}</span>
              <div className="knowledge-preview" data-testid="knowledge-preview">
                {draft.body ? <MessageBody text={draft.body} /> : <p className="muted">{t("admin.knowledge.previewEmpty")}</p>}
              </div>
            </div>
          </div>
          <div className="knowledge-actions">
            <button type="submit" className="primary" disabled={busy} data-testid="knowledge-save">
              {t("admin.knowledge.save")}
            </button>
            {selected !== null && (
              <button type="button" className="danger" onClick={() => void remove()}>
                {t("admin.knowledge.delete")}
              </button>
            )}
          </div>
          {notice && <p className="muted" role="status">{notice}</p>}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      </div>
      <section className="knowledge-try admin-card" data-testid="knowledge-try">
        <h3>{t("admin.knowledge.tryTitle")}</h3>
        <form onSubmit={(e) => void ask(e)}>
          <input value={question} onChange={(e) => setQuestion(e.target.value)} placeholder={t("admin.knowledge.tryPlaceholder")} aria-label={t("admin.knowledge.tryTitle")} />
          <button type="submit">{t("admin.knowledge.ask")}</button>
        </form>
        {answer && (
          <div className="knowledge-answer" data-testid="knowledge-answer">
            <p className="muted small">
              {t("admin.knowledge.confidence", { value: Math.round(Number(answer.confidence) * 100) })}
              {" · "}
              {answer.handOff ? t("admin.knowledge.handOff", { reason: t(`admin.knowledge.reasons.${answer.reason ?? "low_confidence"}`) }) : t(`admin.knowledge.sources.${answer.source}`)}
            </p>
            {!answer.handOff && <MessageBody text={answer.answer} />}
            {answer.citations.length > 0 && (
              <p className="small">
                {t("admin.knowledge.sourcesLabel")} {answer.citations.map((c, i) => `[${i + 1}] ${c.title}`).join("  ")}
              </p>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
