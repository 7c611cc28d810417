// Settings → "Your data": download a copy of everything Parley holds about you (PIPL/GDPR access request).
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../auth/errorMessage";
import { PersonalExportsList } from "./PersonalExportsList";
import { requestOwnExport } from "./personalDataActions";
import { usePersonalExports } from "./usePersonalExports";

export function MyDataSection({ userId }: { userId: number }) {
  const { t } = useTranslation();
  // The "being prepared" note is shown while it is; an error stays until the next try.
  const [message, setMessage] = useState<{ text: string; whileBusy: boolean } | null>(null);
  const fail = useCallback((err: unknown) => setMessage({ text: errorMessage(t, err), whileBusy: false }), [t]);
  const { exports, reload, busy } = usePersonalExports(fail);
  const own = exports?.filter((x) => x.subjectId === userId) ?? [];

  const start = async () => {
    setMessage(null);
    try {
      await requestOwnExport();
      setMessage({ text: t("personalData.requested"), whileBusy: true });
      await reload();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section className="settings-section" data-testid="my-data">
      <h3>{t("personalData.myHeading")}</h3>
      <p className="muted">{t("personalData.myIntro")}</p>
      <button type="button" onClick={() => void start()} disabled={busy} data-testid="download-my-data">
        {t("personalData.downloadMine")}
      </button>
      {message && (busy || !message.whileBusy) && (
        <p className="muted" role="status">
          {message.text}
        </p>
      )}
      {own.length > 0 && <PersonalExportsList exports={own} showSubject={false} onError={fail} />}
    </section>
  );
}
