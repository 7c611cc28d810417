// The caller's personal data exports, looked at again every two seconds while one is being written.
import { useCallback, useEffect, useState } from "react";
import { anyBusy, listPersonalExports, type PersonalExport } from "./personalDataActions";

export function usePersonalExports(onError: (err: unknown) => void) {
  const [exports, setExports] = useState<PersonalExport[] | null>(null);
  const reload = useCallback(() => listPersonalExports().then(setExports, onError), [onError]);
  useEffect(() => void reload(), [reload]);
  const busy = anyBusy(exports);
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void reload(), 2000);
    return () => clearInterval(timer);
  }, [busy, reload]);
  return { exports, reload, busy };
}
