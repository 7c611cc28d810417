// An admin section's list: loaded on mount, reloaded after each action; a failed load or action becomes the message.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../auth/errorMessage";

export function useAdminList<T>(load: () => Promise<T[]>) {
  const { t } = useTranslation();
  const [items, setItems] = useState<T[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const reload = useCallback(() => load().then(setItems, (err: unknown) => setMessage(errorMessage(t, err))), [load, t]);
  useEffect(() => void reload(), [reload]);

  /** Runs an action, then reloads the list; its error (translated) is the message. True when the action succeeded. */
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    try {
      await action();
      setMessage(null);
      await reload();
      return true;
    } catch (err) {
      setMessage(errorMessage(t, err));
      return false;
    }
  };

  return { items, message, run };
}
