import { useEffect, useState } from "react";
import type { PollDto } from "../../api/types";
import { isClosed, msUntilClose } from "./pollMath";

/** Whether the poll is closed, turning true by itself when its closing time comes (no event is sent for that). */
export function usePollClosed(poll: PollDto): boolean {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const wait = msUntilClose(poll, Date.now());
    if (wait === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(wait + 50, 2_147_000_000));
    return () => clearTimeout(timer);
  }, [poll, now]);
  return isClosed(poll, now);
}
