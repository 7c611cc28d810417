// A webhook receiver for Parley's outgoing-webhook tests, on a loopback port: `node start.js <port>`.
// Signatures are checked with the standardwebhooks package (an implementation independent of Parley's C# signer).
//   POST /hook               a delivery: 204 when the signature verifies, 401 when not, 500 while failing
//   POST /redirect           307 to http://127.0.0.1:<port>/hook (a redirect the server must refuse to follow)
//   POST /control/secret     {"secret":"whsec_…"}  a secret to verify with (several webhooks: each added one is tried)
//   POST /control/failing    {"failing":true|false} answer 500 to every delivery while true
//   POST /command            a slash command (Slack's form fields): the signature is checked by signing the raw form
//                            body with the package (its verify() expects JSON), then the configured answer is sent
//   POST /control/command    {"status":200,"body":{…}|null,"delayMs":0} how /command answers (default: 200, empty body)
//   GET  /control/deliveries every request to /hook and /command, in arrival order:
//                            { path, webhookId, timestamp, verified, answered, payload }  (payload: the form's fields for /command)
// Prints "ready <port>" when listening.
"use strict";
const http = require("http");
const { Webhook } = require("standardwebhooks");

const port = Number(process.argv[2] || 0);
const secrets = [];
let failing = false;
let commandAnswer = { status: 200, body: null, delayMs: 0 };
const deliveries = [];

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function json(res, status, value) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

const server = http.createServer(async (req, res) => {
  const path = req.url.split("?")[0];
  const body = await readBody(req);
  if (req.method === "POST" && path.startsWith("/hook")) {
    let verified = false;
    let payload = null;
    const headers = {
      "webhook-id": req.headers["webhook-id"],
      "webhook-timestamp": req.headers["webhook-timestamp"],
      "webhook-signature": req.headers["webhook-signature"],
    };
    for (const secret of secrets) {
      try {
        payload = new Webhook(secret).verify(body, headers);
        verified = true;
        break;
      } catch {
        // not this secret
      }
    }
    if (!verified) {
      try { payload = JSON.parse(body); } catch { payload = null; }
    }
    const answered = failing ? 500 : verified ? 204 : 401;
    deliveries.push({ path: req.url, webhookId: req.headers["webhook-id"] || null, timestamp: req.headers["webhook-timestamp"] || null, verified, answered, payload });
    res.writeHead(answered);
    res.end();
    return;
  }
  if (req.method === "POST" && path === "/command") {
    const id = req.headers["webhook-id"] || "";
    const timestamp = Number(req.headers["webhook-timestamp"] || 0);
    const given = String(req.headers["webhook-signature"] || "").split(" ");
    const verified = Math.abs(Date.now() / 1000 - timestamp) < 300 &&
      secrets.some((secret) => given.includes(new Webhook(secret).sign(id, new Date(timestamp * 1000), body)));
    const payload = Object.fromEntries(new URLSearchParams(body));
    const answer = commandAnswer;
    deliveries.push({ path: req.url, webhookId: id || null, timestamp: String(timestamp), verified, answered: verified ? answer.status : 401, payload });
    if (!verified) { res.writeHead(401); res.end(); return; }
    setTimeout(() => {
      if (answer.body == null) { res.writeHead(answer.status); res.end(); return; }
      json(res, answer.status, answer.body);
    }, answer.delayMs || 0);
    return;
  }
  if (req.method === "POST" && path === "/control/command") {
    commandAnswer = { status: 200, body: null, delayMs: 0, ...JSON.parse(body) };
    return json(res, 200, commandAnswer);
  }
  if (path === "/redirect") {
    res.writeHead(307, { location: `http://127.0.0.1:${server.address().port}/hook` });
    res.end();
    return;
  }
  if (req.method === "POST" && path === "/control/secret") {
    secrets.push(JSON.parse(body).secret);
    return json(res, 200, { ok: true });
  }
  if (req.method === "POST" && path === "/control/failing") {
    failing = !!JSON.parse(body).failing;
    return json(res, 200, { failing });
  }
  if (req.method === "GET" && path === "/control/deliveries") return json(res, 200, deliveries);
  json(res, 404, { error: "not found" });
});

server.listen(port, "127.0.0.1", () => console.log(`ready ${server.address().port}`));
