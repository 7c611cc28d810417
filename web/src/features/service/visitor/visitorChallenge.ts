// Starting a visitor session through the proof-of-work challenge (docs/customer-service.md, "Abuse controls"). Under
// load the server answers 428 visitor_challenge_required with { token, difficulty, expiresAt }; the page says it is
// checking the browser, solves the challenge in a Web Worker and sends the request again with challengeToken and
// challengeNonce. A solution refused as invalid (it expired while a slow phone hashed) starts over once more.
import { ApiError } from "../../../api/http";
import { visitorApi } from "../../../api/service";
import type { VisitorChallengeDto, VisitorSessionDto, VisitorSessionRequest } from "../../../api/types";

/** The challenge a 428 carries, or null for any other error. */
export function challengeOf(error: unknown): VisitorChallengeDto | null {
  if (!(error instanceof ApiError) || error.status !== 428 || error.code !== "visitor_challenge_required") return null;
  const challenge = error.problem.challenge as Partial<VisitorChallengeDto> | undefined;
  return typeof challenge?.token === "string" && typeof challenge.difficulty === "number" ? (challenge as VisitorChallengeDto) : null;
}

export type Solver = (challenge: VisitorChallengeDto) => Promise<string>;

/** Solves in a Web Worker (the page keeps painting); the worker ends with the answer. */
export const solveInWorker: Solver = (challenge) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./challengeWorker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<{ nonce: string }>) => {
      worker.terminate();
      resolve(event.data.nonce);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "the challenge worker failed"));
    };
    worker.postMessage({ token: challenge.token, difficulty: challenge.difficulty });
  });

/** POST /visitor/sessions, meeting the challenge when asked (`onChecking` as the page starts solving). */
export async function startVisitorSession(body: VisitorSessionRequest, onChecking: () => void, solve: Solver = solveInWorker): Promise<VisitorSessionDto> {
  let solution: Pick<VisitorSessionRequest, "challengeToken" | "challengeNonce"> = {};
  for (let attempt = 0; ; attempt++) {
    try {
      return await visitorApi.startSession({ ...body, ...solution });
    } catch (error) {
      const challenge = challengeOf(error);
      if (challenge && attempt < 3) {
        onChecking();
        solution = { challengeToken: challenge.token, challengeNonce: await solve(challenge) };
        continue;
      }
      if (error instanceof ApiError && error.code === "visitor_challenge_invalid" && solution.challengeToken && attempt < 3) {
        solution = {};
        continue;
      }
      throw error;
    }
  }
}
