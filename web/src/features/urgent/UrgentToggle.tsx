import { useState } from "react";
import { useTranslation } from "react-i18next";
import "./urgent.css";
import { BellRing } from "../../ui/icons";
import { UrgentPicker } from "./UrgentPicker";

/** The composer's "Urgent" button: chooses who must acknowledge the next message; pressed while someone is chosen. */
export function UrgentToggle({ conversationId, value, onChange, disabled }: { conversationId: number; value: number[]; onChange: (ids: number[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const label = value.length > 0 ? t("urgent.toggleWith", { count: value.length }) : t("urgent.toggle");
  return (
    <>
      <button
        type="button"
        className={`icon-button urgent-toggle${value.length > 0 ? " on" : ""}`}
        onClick={() => setOpen(true)}
        disabled={disabled}
        aria-pressed={value.length > 0}
        aria-haspopup="dialog"
        aria-label={label}
        title={label}
        data-testid="urgent-toggle"
      >
        <BellRing size={18} aria-hidden="true" />
        {value.length > 0 && <span className="urgent-count">{value.length}</span>}
      </button>
      {open && (
        <UrgentPicker
          conversationId={conversationId}
          title={t("urgent.pickerTitle")}
          confirmLabel={t("urgent.done")}
          initial={value}
          onClear={() => {
            onChange([]);
            setOpen(false);
          }}
          onConfirm={(ids) => {
            onChange(ids);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
