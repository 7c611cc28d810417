// The visitor page's proof-of-work in a Web Worker, so the page stays responsive while it hashes: one message
// { token, difficulty } in, one { nonce, hashes, ms } out. The page terminates the worker when it is no longer needed.
import { solveChallenge } from "./challengeSolver";

interface Scope {
  onmessage: ((event: MessageEvent<{ token: string; difficulty: number }>) => void) | null;
  postMessage: (message: unknown) => void;
}
const scope = self as unknown as Scope;

scope.onmessage = (event) => {
  const started = performance.now();
  const solution = solveChallenge(event.data.token, event.data.difficulty);
  scope.postMessage({ ...solution, ms: performance.now() - started });
};
