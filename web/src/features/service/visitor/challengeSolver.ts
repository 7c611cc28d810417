// The proof-of-work solver of the visitor page (docs/customer-service.md, "Abuse controls"): the first decimal nonce,
// counting up, such that SHA-256(token + ":" + nonce) over UTF-8 starts with `difficulty` zero bits. Pure and
// synchronous: the page runs it in a Web Worker (challengeWorker.ts), the unit test directly. The server's check is
// VisitorChallenges.Satisfies; challengeVector.json is a case both tests agree on.
//
// SHA-256 is @noble/hashes (MIT): the prefix "token:" is hashed once and each nonce continues from a copy of that
// state, with no promise per hash. WebCrypto's digest() answers each hash with a promise: about 1.5 times slower per
// CPU-second here (figures in docs/customer-service.md), and absent on plain-http origins other than localhost.
import { sha256 } from "@noble/hashes/sha2.js";

/** Zero bits at the start of a hash. */
export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export interface ChallengeSolution {
  nonce: string;
  /** Hashes computed, the solution's included. */
  hashes: number;
}

/** Searches nonces from `from` up; at most `limit` of them (null when none of those solves it). */
export function solveChallenge(token: string, difficulty: number, from = 0, limit = Number.MAX_SAFE_INTEGER): ChallengeSolution | null {
  const encoder = new TextEncoder();
  const prefix = sha256.create().update(encoder.encode(`${token}:`));
  for (let n = from; n - from < limit; n++) {
    const nonce = String(n);
    const hash = prefix.clone().update(encoder.encode(nonce)).digest();
    if (leadingZeroBits(hash) >= difficulty) return { nonce, hashes: n - from + 1 };
  }
  return null;
}
