import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../../ui/Dialog";

/** Every shortcut the client has, in one place (opened with "?" or Ctrl+/, and from the sidebar). */
const SHORTCUTS: { keys: string[][]; action: string }[] = [
  { keys: [["Ctrl", "K"], ["⌘", "K"]], action: "shortcuts.switcher" },
  { keys: [["?"], ["Ctrl", "/"]], action: "shortcuts.help" },
  { keys: [["Tab"]], action: "shortcuts.skip" },
  { keys: [["↑"], ["↓"]], action: "shortcuts.conversations" },
  { keys: [["↑"], ["↓"]], action: "shortcuts.messages" },
  { keys: [["Home"], ["End"]], action: "shortcuts.firstLast" },
  { keys: [["Tab"]], action: "shortcuts.actions" },
  { keys: [["Enter"]], action: "shortcuts.send" },
  { keys: [["Shift", "Enter"]], action: "shortcuts.newline" },
  { keys: [["↑"], ["↓"], ["Enter"]], action: "shortcuts.mention" },
  { keys: [["Esc"]], action: "shortcuts.close" },
];

export default function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t("shortcuts.title")} onClose={onClose} scrollable>
      <table className="shortcuts" data-testid="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t("shortcuts.keyColumn")}</th>
            <th scope="col">{t("shortcuts.actionColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(({ keys, action }) => (
            <tr key={action}>
              <td>
                {keys.map((combo, i) => (
                  <Fragment key={combo.join("+")}>
                    {i > 0 && <span className="muted"> {action === "shortcuts.switcher" || action === "shortcuts.help" ? t("shortcuts.or") : "/"} </span>}
                    {combo.map((key, j) => (
                      <Fragment key={key}>
                        {j > 0 && "+"}
                        <kbd>{key}</kbd>
                      </Fragment>
                    ))}
                  </Fragment>
                ))}
              </td>
              <td>{t(action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
