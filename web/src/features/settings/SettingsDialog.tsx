import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { SessionDto } from "../../api/types";
import { useChat, useConfig, useCore } from "../../core";
import { applyTheme, loadTheme, type ThemeChoice } from "../../app/theme";
import { LANGUAGES, setLanguage, type Language } from "../../i18n";
import { formatDateTime } from "../../i18n/format";
import { Dialog } from "../../ui/Dialog";
import { PasswordRule } from "../auth/AuthScreens";
import { errorMessage } from "../auth/errorMessage";
import { notificationsSupported, requestNotificationPermission } from "../notifications/notify";
import { TwoFactorSection } from "../twofactor/TwoFactorSection";
import { PushSection } from "../push/PushSection";
import { ProfileForm } from "../directory/ProfileForm";
import { AvatarEditor } from "../profile/AvatarEditor";
import { MyDataSection } from "../personaldata/MyDataSection";
import { TranslationPreferences } from "../translation/TranslationPreferences";
import { changePassword, listSessions, refreshMe, revokeSession } from "./settingsActions";

export default function SettingsDialog({ onClose, onLogout }: { onClose: () => void; onLogout: () => void }) {
  const { t, i18n } = useTranslation();
  const { minPasswordLength } = useConfig().auth;
  const me = useChat((s) => s.me);
  const core = useCore();
  const [theme, setTheme] = useState<ThemeChoice>(loadTheme());
  const [sessions, setSessions] = useState<SessionDto[]>([]);
  const [permission, setPermission] = useState<string>(notificationsSupported() ? Notification.permission : "unsupported");
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    listSessions()
      .then(setSessions)
      .catch(() => setSessions([]));
  }, []);

  const submitPassword = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    try {
      await changePassword(String(form.get("currentPassword")), String(form.get("newPassword")));
      setMessage(t("settings.passwordChanged"));
      formEl.reset();
    } catch (err) {
      setMessage(errorMessage(t, err));
    }
  };

  return (
    <Dialog title={t("settings.title")} onClose={onClose} wide>
      <section className="settings-section">
        <h3>{t("settings.appearance")}</h3>
        <label className="field inline">
          <span>{t("settings.language")}</span>
          <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="language-select">
            {LANGUAGES.map((lng) => (
              <option key={lng} value={lng}>
                {t(`languages.${lng}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>{t("settings.theme")}</span>
          <select
            value={theme}
            onChange={(e) => {
              const choice = e.target.value as ThemeChoice;
              setTheme(choice);
              applyTheme(choice);
            }}
            data-testid="theme-select"
          >
            <option value="system">{t("settings.themeSystem")}</option>
            <option value="light">{t("settings.themeLight")}</option>
            <option value="dark">{t("settings.themeDark")}</option>
          </select>
        </label>
        <div className="field inline">
          <span>{t("settings.notifications")}</span>
          {permission === "default" ? (
            <button type="button" onClick={() => void requestNotificationPermission().then(setPermission)}>
              {t("settings.enableNotifications")}
            </button>
          ) : (
            <span className="muted">{t(`settings.permission.${permission}`)}</span>
          )}
        </div>
      </section>

      {me && <PushSection userId={me.id} />}

      <TranslationPreferences />

      <section className="settings-section">
        <h3>{t("settings.sessions")}</h3>
        <ul className="plain-list">
          {sessions.map((s) => (
            <li key={s.id} className="row">
              <span className="grow">
                {s.userAgent ?? t("settings.unknownDevice")} · <span className="muted">{formatDateTime(s.lastSeenAt)}</span>
                {s.current && <strong> · {t("settings.thisDevice")}</strong>}
              </span>
              {!s.current && (
                <button type="button" onClick={() => void revokeSession(s.id).then(() => setSessions((all) => all.filter((x) => x.id !== s.id)))}>
                  {t("settings.revoke")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>

      {me && (
        <section className="settings-section">
          <h3>{t("profile.heading")}</h3>
          <AvatarEditor me={me} />
          <ProfileForm userId={me.id} admin={false} onSaved={() => void refreshMe(core)} />
        </section>
      )}

      {me && <MyDataSection userId={me.id} />}

      <TwoFactorSection enabled={me?.totpEnabled === true} onChanged={() => void refreshMe(core)} />

      <section className="settings-section">
        <h3>{t("settings.changePassword")}</h3>
        <form className="inline-form wrap" onSubmit={submitPassword} data-testid="change-password-form">
          <input name="currentPassword" type="password" required placeholder={t("settings.currentPassword")} aria-label={t("settings.currentPassword")} autoComplete="current-password" />
          <input name="newPassword" type="password" required minLength={minPasswordLength} placeholder={t("settings.newPassword")} aria-label={t("settings.newPassword")} autoComplete="new-password" aria-describedby="change-password-rule" />
          <button type="submit">{t("settings.changePasswordSubmit")}</button>
        </form>
        <PasswordRule id="change-password-rule" />
      </section>

      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="danger" onClick={onLogout} data-testid="logout">
          {t("auth.logout")}
        </button>
      </div>
    </Dialog>
  );
}
