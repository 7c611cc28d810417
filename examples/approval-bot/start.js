// Approval bot: a small service an OA system would run beside Parley.
//  - POST /requests {title, requester, amount} posts an approval card into a Parley conversation through an incoming
//    webhook (PARLEY_HOOK_URL), with Approve / Reject buttons and a comment box.
//  - POST /actions is the hook's action URL: Parley calls it when someone clicks. The request is signed with the
//    Standard Webhooks scheme; the `standardwebhooks` package checks the signature and the timestamp (replays older
//    than five minutes are refused). The answer replaces the card for everyone: "Approved by <name>".
//  - GET /log lists the clicks seen (verified or refused), for the tests and for curious people.
// Configuration: PARLEY_HOOK_URL, PARLEY_SIGNING_SECRET (whsec_…, shown when the hook was created), PORT (default 3000).
"use strict";
const http = require("node:http");
const { Webhook } = require("standardwebhooks");

const hookUrl = process.env.PARLEY_HOOK_URL;
const secret = process.env.PARLEY_SIGNING_SECRET;
if (!hookUrl || !secret) {
  console.error("Set PARLEY_HOOK_URL and PARLEY_SIGNING_SECRET.");
  process.exit(2);
}
const verifier = new Webhook(secret);
const log = [];

/** The card of a pending request; `decided` replaces the buttons with the outcome. */
function approvalCard({ id, title, requester, amount }, decided) {
  const blocks = [
    { type: "header", text: title },
    {
      type: "section",
      fields: [
        { title: "Requester", value: requester, inline: true },
        { title: "Amount", value: amount, inline: true },
      ],
    },
  ];
  if (decided) {
    blocks.push({ type: "divider" }, { type: "section", text: decided.text });
    if (decided.comment) blocks.push({ type: "context", text: `Comment: ${decided.comment}` });
  } else {
    blocks.push(
      { type: "input", inputs: [{ id: "comment", type: "text", label: "Comment", placeholder: "Optional" }] },
      {
        type: "actions",
        buttons: [
          { actionId: "approve", text: "Approve", value: id, style: "primary" },
          { actionId: "reject", text: "Reject", value: id, style: "danger" },
        ],
      },
    );
  }
  return { color: decided ? (decided.approved ? "good" : "danger") : "warning", fallback: `Approval: ${title}`, blocks };
}

const requests = new Map();

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function postRequest(body) {
  const id = `req-${requests.size + 1}`;
  const request = { id, title: body.title ?? "Expense claim", requester: body.requester ?? "someone", amount: body.amount ?? "¥0" };
  requests.set(id, request);
  const res = await fetch(hookUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: `Approval needed: ${request.title}`, card: approvalCard(request) }),
  });
  if (!res.ok) throw new Error(`Parley answered ${res.status}: ${await res.text()}`);
  return request;
}

function answerClick(payload) {
  const request = requests.get(payload.value) ?? { id: payload.value, title: "Request", requester: "?", amount: "?" };
  const approved = payload.actionId === "approve";
  const who = payload.user.displayName || payload.user.username;
  const comment = (payload.inputs && payload.inputs.comment) || "";
  return {
    replace_original: true,
    text: `${approved ? "Approved" : "Rejected"} by ${who}: ${request.title}`,
    card: approvalCard(request, { approved, comment, text: `${approved ? "✅ Approved" : "❌ Rejected"} by **${who}**` }),
  };
}

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === "POST" && req.url === "/requests") {
      return send(res, 201, await postRequest(JSON.parse((await readBody(req)) || "{}")));
    }
    if (req.method === "POST" && req.url === "/actions") {
      const raw = await readBody(req);
      let payload;
      try {
        payload = verifier.verify(raw, {
          "webhook-id": req.headers["webhook-id"],
          "webhook-timestamp": req.headers["webhook-timestamp"],
          "webhook-signature": req.headers["webhook-signature"],
        });
      } catch (err) {
        log.push({ verified: false, error: String(err.message ?? err) });
        return send(res, 401, { error: "bad signature" });
      }
      log.push({ verified: true, id: req.headers["webhook-id"], actionId: payload.actionId, user: payload.user.username });
      return send(res, 200, answerClick(payload));
    }
    if (req.method === "GET" && req.url === "/log") return send(res, 200, log);
    send(res, 404, { error: "not found" });
  } catch (err) {
    send(res, 500, { error: String(err.message ?? err) });
  }
});

server.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`ready ${server.address().port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
