// Issue 15: a relay-only call through the real coturn. This spec's own server hands out coturn credentials
// (Parley:Calls:TurnUrls / TurnSecret, coturn's use-auth-secret) and forces relayed media (Parley:Calls:ForceRelay →
// iceTransportPolicy "relay"), so the call can only connect through coturn: both sides' selected candidates must be
// relay candidates and video must be decoded. The in-call view is shot in the two variants the 1:1 spec does not cover.
import { openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";
import { callStats, mediaBrowser, ownServer, startCoturn } from "./media.mjs";

export async function run(ctx) {
  const turn = await startCoturn();
  let own = null;
  let media = null;
  try {
    own = await ownServer(ctx, [`--Parley:Calls:TurnUrls:0=${turn.url}`, `--Parley:Calls:TurnSecret=${turn.secret}`, "--Parley:Calls:ForceRelay=true"]);
    media = await mediaBrowser(ctx, own.server);
    const erin = await own.user("erin", "Erin");
    const frank = await own.user("frank", "弗兰克");
    const ice = await erin.api.call("GET", "/calls/ice-servers");
    if (ice.iceTransportPolicy !== "relay" || !ice.iceServers.some((s) => s.urls.includes(turn.url) && s.username?.endsWith(`:${erin.id}`)))
      throw new Error(`the server does not hand out coturn with a per-user credential and the relay policy: ${JSON.stringify(ice)}`);
    const dm = await erin.api.call("POST", "/conversations", { kind: "direct", memberIds: [frank.id] });
    const e = await signIn(media.ctx, erin.username, erin.password, { locale: "en-US", viewport: { width: 390, height: 844 } });
    const f = await signIn(media.ctx, frank.username, frank.password, { locale: "zh-CN", viewport: { width: 1280, height: 800 } });
    await openConversation(e.page, dm.id);
    await e.page.getByTestId("call-video").click();
    await f.page.getByTestId("incoming-call").waitFor();
    await f.page.getByTestId("call-accept").click();
    for (const [who, page] of [["Erin", e.page], ["Frank", f.page]]) {
      await eventually(`${who} decodes video through the relay`, async () => ((await callStats(page))?.framesDecoded ?? 0) > 0, 20_000);
      const stats = await callStats(page);
      if (stats.state !== "connected" || stats.localCandidate !== "relay") throw new Error(`${who}'s call is ${stats.state} over a ${stats.localCandidate} candidate, not relayed by coturn`);
    }
    await eventually("two tiles on each side", async () => (await e.page.getByTestId("call-tile").count()) === 2 && (await f.page.getByTestId("call-tile").count()) === 2);
    await ctx.screens.shot(e.page, "call-view-en-390");
    await ctx.screens.shot(f.page, "call-view-zh-1280");
    await f.page.getByTestId("call-minimize").click();
    await f.page.getByTestId("call-bar").waitFor();
    await ctx.screens.shot(f.page, "call-bar-zh-1280");
    await e.page.getByTestId("call-hangup").click();
    await f.page.getByTestId("call-bar").waitFor({ state: "detached", timeout: 10_000 });
  } finally {
    await media?.close();
    await own?.stop();
    await turn.stop();
  }
}
