// A real SMTP server for Parley's e-mail tests, on a loopback port: `node start.js <port> <folder> [user pass]`.
// smtp-server speaks the protocol (EHLO, AUTH PLAIN/LOGIN when a user is given, MAIL/RCPT/DATA); mailparser parses each
// message, which is written as <folder>/<n>.json:
//   { envelope: { from, to[] }, user, from: { address, name }, to: [{ address, name }], subject, text, html,
//     messageId, headerLines: [{ key, line }] }
// headerLines are the raw header lines as received, so a test can tell an injected header from a folded one.
// STARTTLS is off (the tests speak plain SMTP on loopback). Prints "ready <port>" when listening.
"use strict";
const fs = require("fs");
const path = require("path");
const { SMTPServer } = require("smtp-server");
const { simpleParser } = require("mailparser");

const port = Number(process.argv[2] || 0);
const folder = process.argv[3];
const user = process.argv[4] || null;
const pass = process.argv[5] || null;
if (!folder) {
  console.error("usage: node start.js <port> <folder> [user pass]");
  process.exit(2);
}
fs.mkdirSync(folder, { recursive: true });
let count = fs.readdirSync(folder).filter((f) => f.endsWith(".json")).length;

const server = new SMTPServer({
  secure: false,
  disabledCommands: user ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
  authOptional: !user,
  allowInsecureAuth: true,
  logger: false,
  size: 10 * 1024 * 1024,
  onAuth(auth, session, callback) {
    if (auth.username === user && auth.password === pass) return callback(null, { user: auth.username });
    return callback(new Error("Invalid username or password"));
  },
  onData(stream, session, callback) {
    simpleParser(stream, { skipHtmlToText: true, skipTextToHtml: true })
      .then((mail) => {
        const record = {
          envelope: { from: session.envelope.mailFrom && session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address) },
          user: session.user || null,
          from: mail.from ? mail.from.value[0] : null,
          to: mail.to ? [].concat(mail.to).flatMap((t) => t.value) : [],
          subject: mail.subject ?? null,
          text: mail.text ?? null,
          html: typeof mail.html === "string" ? mail.html : null,
          messageId: mail.messageId ?? null,
          headerLines: mail.headerLines,
        };
        count += 1;
        const name = String(count).padStart(5, "0") + ".json";
        // Written under a temporary name and renamed: a reader never sees half a file.
        fs.writeFileSync(path.join(folder, name + ".tmp"), JSON.stringify(record, null, 2));
        fs.renameSync(path.join(folder, name + ".tmp"), path.join(folder, name));
        callback();
      })
      .catch((err) => callback(err));
  },
});
server.on("error", (err) => console.error("smtp error", err.message));
server.listen(port, "127.0.0.1", () => console.log(`ready ${server.server.address().port}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
