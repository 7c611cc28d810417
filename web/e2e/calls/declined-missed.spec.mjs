// Issue 15: calls nobody took are logged. Carol calls Dave, who declines on the incoming-call card (every variant:
// zh-CN and en at 390 and 1280 px, each shot); then Carol calls again and nobody answers within the ring timeout (3 s
// on this spec's own server): both calls stand in the message list as records (declined, missed) and in the log as
// call.ended with those outcomes.
import { openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";
import { mediaBrowser, ownServer } from "./media.mjs";

const variants = [
  { locale: "en-US", lang: "en", viewport: { width: 1280, height: 800 } },
  { locale: "zh-CN", lang: "zh", viewport: { width: 390, height: 844 } },
  { locale: "en-US", lang: "en", viewport: { width: 390, height: 844 } },
  { locale: "zh-CN", lang: "zh", viewport: { width: 1280, height: 800 } },
];

export async function run(ctx) {
  const own = await ownServer(ctx, ["--Parley:Calls:RingTimeout=00:00:03", "--Parley:Calls:SweepInterval=00:00:00.5"]);
  const media = await mediaBrowser(ctx, own.server);
  try {
    const carol = await own.user("carol", "Carol");
    const dave = await own.user("dave", "戴维");
    const dm = await carol.api.call("POST", "/conversations", { kind: "direct", memberIds: [dave.id] });
    const outcomes = async () => (await dave.api.call("GET", `/conversations/${dm.id}/events?afterSeq=0`)).items.filter((e) => e.type === "call.ended").map((e) => e.data.outcome);

    // One caller throughout; the callee's screens in every variant.
    const c = await signIn(media.ctx, carol.username, carol.password);
    await openConversation(c.page, dm.id);
    for (const [i, v] of variants.entries()) {
      const tag = `${v.lang}-${v.viewport.width}`;
      const d = await signIn(media.ctx, dave.username, dave.password, v);
      await c.page.getByTestId("call-audio").click();
      await d.page.getByTestId("incoming-call").waitFor();
      await ctx.screens.shot(d.page, `call-incoming-audio-${tag}`);
      await d.page.getByTestId("call-decline").click();
      await d.page.getByTestId("incoming-call").waitFor({ state: "detached" });
      await eventually(`the declined call is logged (${tag})`, async () => (await outcomes()).filter((o) => o === "declined").length === i + 1);
      await c.page.locator('[data-testid="call-record"][data-outcome="declined"]').nth(i).waitFor();

      if (i === 0) {
        // Nobody answers: after the ring timeout the callee's card goes away and the call is a missed call.
        await c.page.getByTestId("call-video").click();
        await d.page.getByTestId("incoming-call").waitFor();
        await d.page.getByTestId("incoming-call").waitFor({ state: "detached", timeout: 15_000 });
        await eventually("the missed call is logged", async () => (await outcomes()).includes("missed"));
        await c.page.getByTestId("call-view").waitFor({ state: "detached", timeout: 10_000 });
      }
      await openConversation(d.page, dm.id);
      await d.page.locator('[data-testid="call-record"][data-outcome="missed"]').waitFor();
      await ctx.screens.shot(d.page, `call-records-${tag}`);
      await d.context.close();
    }
  } finally {
    await media.close();
    await own.stop();
  }
}
