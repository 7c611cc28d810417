#!/usr/bin/env node
// CRM / ticket notifier: posts one ticket to a Parley conversation through an incoming webhook, in Slack's
// attachment format, so the same code works against Slack, Mattermost or Rocket.Chat. Parley shows it as a card with
// a coloured edge, a linked title and the ticket's fields side by side.
//
//   PARLEY_HOOK_URL=http://localhost:5000/api/v1/hooks/phk_… node notify.js '{"id":1042,"subject":"Printer on fire", …}'
//
// The ticket is the first argument (JSON) or standard input. Exit code 0 when Parley answered 200 "ok".
"use strict";

const colours = { urgent: "danger", high: "warning", normal: "#3b82f6", low: "good" };

/** A Slack-style payload for one ticket. */
function ticketPayload(t) {
  const priority = String(t.priority ?? "normal").toLowerCase();
  return {
    text: `New ticket <${t.url}|#${t.id}> from *${t.customer}*`,
    attachments: [
      {
        fallback: `Ticket #${t.id}: ${t.subject}`,
        color: colours[priority] ?? colours.normal,
        title: `#${t.id} ${t.subject}`,
        title_link: t.url,
        text: t.summary ?? "",
        fields: [
          { title: "Customer", value: t.customer, short: true },
          { title: "Priority", value: priority, short: true },
          { title: "Owner", value: t.owner ?? "unassigned", short: true },
          { title: "SLA", value: t.sla ?? "—", short: true },
        ],
        footer: "CRM",
        mrkdwn_in: ["text"],
      },
    ],
  };
}

async function readTicket() {
  if (process.argv[2]) return JSON.parse(process.argv[2]);
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

async function main() {
  const url = process.env.PARLEY_HOOK_URL;
  if (!url) throw new Error("Set PARLEY_HOOK_URL to the incoming webhook's URL.");
  const ticket = await readTicket();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ticketPayload(ticket)) });
  const answer = await res.text();
  if (!res.ok) throw new Error(`Parley answered ${res.status}: ${answer}`);
  console.log(`posted ticket #${ticket.id}: ${answer}`);
}

main().catch((err) => {
  console.error(String(err.message ?? err));
  process.exit(1);
});
