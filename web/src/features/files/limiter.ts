// At most N uploads at a time. Browsers open about six HTTP/1.1 connections per host; a dozen parallel uploads
// would hold all of them and queue the app's own requests (sending a message, loading history) behind megabytes.
import { UploadAborted } from "../../api/upload";

export class Limiter {
  private active = 0;
  private readonly waiting: Array<{ grant: () => void }> = [];

  constructor(private readonly max: number) {}

  get running(): number {
    return this.active;
  }

  /** Resolves with a release function once a slot is free; rejects with UploadAborted if aborted while waiting. */
  acquire(signal: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(new UploadAborted());
        return;
      }
      const entry = {
        grant: () => {
          signal.removeEventListener("abort", onAbort);
          this.active++;
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            this.active--;
            this.waiting.shift()?.grant();
          });
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new UploadAborted());
      };
      signal.addEventListener("abort", onAbort, { once: true });
      if (this.active < this.max) entry.grant();
      else this.waiting.push(entry);
    });
  }
}
