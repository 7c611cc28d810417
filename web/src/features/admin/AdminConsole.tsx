// The admin console (#/admin/<section>): navigation over the sections this user may see, the chosen one beside it.
import { Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { adminPath, navigate } from "../../app/route";
import { useChat } from "../../core";
import { visibleSections } from "./sections";
import "./admin.css";

export default function AdminConsole({ section }: { section: string | null }) {
  const { t } = useTranslation();
  const me = useChat((s) => s.me);
  const sections = visibleSections(me);
  const current = sections.find((s) => s.id === section) ?? sections[0];

  // #/admin alone, or a section this user may not see: show the first one they may.
  useEffect(() => {
    if (current && current.id !== section) navigate(adminPath(current.id));
  }, [current, section]);

  return (
    <section className="admin-console" aria-labelledby="admin-title" data-testid="admin-console">
      <header className="conversation-header">
        <button type="button" className="icon-button back" onClick={() => navigate("/")} aria-label={t("common.back")}>
          ‹
        </button>
        <h1 id="admin-title" className="grow">
          {t("admin.title")}
        </h1>
      </header>
      {sections.length === 0 ? (
        <p className="empty-state muted" role="alert">
          {t("admin.noAccess")}
        </p>
      ) : (
        <div className="admin-body">
          <nav className="admin-nav" aria-label={t("admin.sectionsLabel")}>
            {sections.map((s) => (
              <a key={s.id} href={`#${adminPath(s.id)}`} aria-current={s.id === current?.id ? "page" : undefined} data-testid={`admin-nav-${s.id}`}>
                {t(s.labelKey)}
              </a>
            ))}
          </nav>
          <div className="admin-content">
            <Suspense fallback={<p className="muted">{t("common.loading")}</p>}>{current && <current.component />}</Suspense>
          </div>
        </div>
      )}
    </section>
  );
}
