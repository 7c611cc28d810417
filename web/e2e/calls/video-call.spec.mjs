// Issue 15: a 1:1 video call between two browsers with fake cameras. Alice calls Bob; both of Bob's tabs ring; the
// first accepts and the second stops ringing; the call connects (peer connection "connected", video bytes and decoded
// frames increasing on both sides); muting stops Alice's outgoing audio; sharing her screen replaces her camera track;
// she minimises to the call bar and hangs up, and the conversation logs call.ended with its duration. Bob's accepting
// tab is zh-CN at 390 px, Alice's en at 1280 px, so the call screens are shot in both. Set-up time (Bob's accept to the
// first decoded frame at Alice) is printed for the benchmark notes.
import { openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";
import { callStats, mediaBrowser } from "./media.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const dm = await alice.api.call("POST", "/conversations", { kind: "direct", memberIds: [bob.id] });
  const media = await mediaBrowser(ctx);
  try {
    const m = media.ctx;
    const a = await signIn(m, alice.username, alice.password, { locale: "en-US", viewport: { width: 1280, height: 800 } });
    const b1 = await signIn(m, bob.username, bob.password, { locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const b2 = await signIn(m, bob.username, bob.password, { locale: "en-US", viewport: { width: 1280, height: 800 } });
    await openConversation(a.page, dm.id);

    const rang = Date.now();
    await a.page.getByTestId("call-video").click();
    await b1.page.getByTestId("incoming-call").waitFor();
    const ringMs = Date.now() - rang;
    await b2.page.getByTestId("incoming-call").waitFor();
    await ctx.screens.shot(b1.page, "call-incoming-zh-390");
    await ctx.screens.shot(b2.page, "call-incoming-en-1280");

    const accepted = Date.now();
    await b1.page.getByTestId("call-accept").click();
    await b2.page.getByTestId("incoming-call").waitFor({ state: "detached", timeout: 10_000 });
    await eventually("Alice decodes Bob's video", async () => ((await callStats(a.page))?.framesDecoded ?? 0) > 0, 20_000);
    const setupMs = Date.now() - accepted;
    console.log(`    call set-up: ring ${ringMs} ms; accept → first decoded frame at the caller ${setupMs} ms`);

    for (const [who, page] of [["Alice", a.page], ["Bob", b1.page]]) {
      const first = await callStats(page);
      if (first?.state !== "connected") throw new Error(`${who}'s peer connection is ${first?.state}, not connected`);
      await sleep(1500);
      const later = await callStats(page);
      if (!(later.videoBytesIn > first.videoBytesIn && later.framesDecoded > first.framesDecoded))
        throw new Error(`${who} receives no more video: bytes ${first.videoBytesIn} → ${later.videoBytesIn}, frames ${first.framesDecoded} → ${later.framesDecoded}`);
    }
    await eventually("two tiles on each side", async () => (await a.page.getByTestId("call-tile").count()) === 2 && (await b1.page.getByTestId("call-tile").count()) === 2);
    await ctx.screens.shot(a.page, "call-view-en-1280");
    await ctx.screens.shot(b1.page, "call-view-zh-390");

    // Mute: no more audio packets leave Alice.
    await a.page.getByTestId("call-mute").click();
    await sleep(600);
    const muted = await callStats(a.page);
    await sleep(1500);
    const stillMuted = await callStats(a.page);
    if (stillMuted.audioPacketsOut !== muted.audioPacketsOut) throw new Error(`audio still flows while muted: ${muted.audioPacketsOut} → ${stillMuted.audioPacketsOut} packets`);
    await a.page.getByTestId("call-mute").click();
    await eventually("audio flows again after unmuting", async () => (await callStats(a.page)).audioPacketsOut > stillMuted.audioPacketsOut);

    // Screen share replaces the camera track on the video sender; Bob keeps decoding.
    const camera = (await callStats(a.page)).videoTrack;
    await a.page.getByTestId("call-share").click();
    await eventually("the video sender carries the screen", async () => {
      const track = (await callStats(a.page)).videoTrack;
      return track !== null && track !== camera && track.startsWith("screen");
    });
    const sharing = await callStats(b1.page);
    await sleep(1200);
    if ((await callStats(b1.page)).framesDecoded <= sharing.framesDecoded) throw new Error("Bob decodes no frames of the shared screen");
    await a.page.getByTestId("call-share").click();

    // The call bar while Alice reads elsewhere.
    await a.page.getByTestId("call-minimize").click();
    await a.page.getByTestId("call-bar").waitFor();
    await b1.page.getByTestId("call-minimize").click();
    await b1.page.getByTestId("call-bar").waitFor();
    await ctx.screens.shot(a.page, "call-bar-en-1280");
    await ctx.screens.shot(b1.page, "call-bar-zh-390");

    await a.page.getByTestId("call-bar").getByTestId("call-hangup").click();
    await b1.page.getByTestId("call-bar").waitFor({ state: "detached", timeout: 10_000 });
    let ended = null;
    await eventually("call.ended is logged", async () => {
      const { items } = await bob.api.call("GET", `/conversations/${dm.id}/events?afterSeq=0`);
      ended = items.find((e) => e.type === "call.ended") ?? null;
      return ended !== null;
    });
    if (!(ended.data.durationSeconds >= 1) || ended.data.outcome !== "completed") throw new Error(`call.ended carries ${JSON.stringify(ended.data)}`);
    if (JSON.stringify([...ended.data.participants].sort()) !== JSON.stringify([alice.id, bob.id].sort())) throw new Error(`participants ${ended.data.participants}`);
    const record = a.page.locator('[data-testid="call-record"][data-outcome="completed"]');
    await record.waitFor();
    await ctx.screens.shot(a.page, "call-record-en-1280");
  } finally {
    await media.close();
  }
}
