import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/http";
import { leadingZeroBits, solveChallenge } from "./challengeSolver";
import { challengeOf } from "./visitorChallenge";

/** Node's own SHA-256 (OpenSSL), independent of the solver's @noble/hashes. */
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

describe("solveChallenge", () => {
  it("solveChallenge_RandomToken_NonceMeetsTheDifficultyByAnotherSha256", () => {
    const token = `pvc_${Math.random().toString(36).slice(2)}`;
    const solution = solveChallenge(token, 10);
    expect(solution, "a 10-bit challenge is solved within the unlimited search").not.toBeNull();
    expect(leadingZeroBits(sha256(`${token}:${solution!.nonce}`)), `SHA-256(${token}:${solution!.nonce}) by OpenSSL`).toBeGreaterThanOrEqual(10);
    expect(solution!.hashes).toBe(Number(solution!.nonce) + 1);
  });

  it("solveChallenge_SharedVector_FindsTheNonceTheServerAccepts", () => {
    // The same file is read by the server's VisitorChallengeTests: both sides agree on this case.
    const vector = JSON.parse(readFileSync(new URL("./challengeVector.json", import.meta.url), "utf8")) as { token: string; difficulty: number; nonce: string; sha256: string };
    expect(solveChallenge(vector.token, vector.difficulty)?.nonce, "the first nonce from 0 that has the leading zero bits").toBe(vector.nonce);
    expect(sha256(`${vector.token}:${vector.nonce}`).toString("hex")).toBe(vector.sha256);
  });

  it("solveChallenge_Limit_GivesUpWithNull", () => {
    expect(solveChallenge("pvc_x", 32, 0, 50), "50 hashes almost never meet 32 bits").toBeNull();
  });

  it("leadingZeroBits_Bytes_CountsZeroBitsFromTheStart", () => {
    expect(leadingZeroBits(new Uint8Array([0x80, 0]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x01]))).toBe(15);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x0f, 0xff]))).toBe(12);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });
});

describe("challengeOf", () => {
  it("challengeOf_428WithChallenge_ReturnsIt_OtherErrorsNull", () => {
    const challenge = { token: "pvc_abc", difficulty: 18, expiresAt: "2026-12-06T15:00:00Z" };
    expect(challengeOf(new ApiError(428, "visitor_challenge_required", "busy", { code: "visitor_challenge_required", challenge }))).toEqual(challenge);
    expect(challengeOf(new ApiError(428, "visitor_challenge_required", "busy", { challenge: { token: 5 } })), "a malformed challenge is not solved").toBeNull();
    expect(challengeOf(new ApiError(429, "rate_limited", "slow down"))).toBeNull();
    expect(challengeOf(new Error("offline"))).toBeNull();
  });
});
