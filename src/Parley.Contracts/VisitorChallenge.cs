namespace Parley.Contracts;

/// <summary>
/// The proof-of-work challenge of visitor session creation under load: find a nonce (a string of at most 32
/// characters; the web page counts in decimal) such that SHA-256(token + ":" + nonce), over UTF-8, starts with
/// <c>difficulty</c> zero bits, then send the session request again with challengeToken and challengeNonce before
/// <c>expiresAt</c>. Each token is accepted once.
/// </summary>
public sealed record VisitorChallengeDto(string Token, int Difficulty, DateTimeOffset ExpiresAt);

/// <summary>The 428 problem document of <c>POST /api/v1/visitor/sessions</c> (code visitor_challenge_required) with its challenge.</summary>
public sealed record VisitorChallengeProblem(string Type, string Title, int Status, string Detail, string Code, VisitorChallengeDto Challenge);
