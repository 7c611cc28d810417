// Issue 15: a self-hosted SFU option (rtc.mode self_hosted_sfu, no sfu_instances) is sized from the measured Janus
// figures of the capacity profile; the capacity panel shows the SFU line (people in calls at the peak, streams
// forwarded, vCPU → SFU servers, media egress) and the warning about the measured bitrate, in English and Chinese.
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [planner] = await ctx.team("sfuplanner");
  const { page } = await signIn(ctx, planner.username, planner.password, { locale: "en-US" });
  await page.getByTestId("open-planner").click();
  await page.getByTestId("planner-form").waitFor();

  // Advanced editor: the cloud-VM option gets a self-hosted SFU; everyone spends 100 HD minutes a month in calls of 5.
  await page.getByTestId("planner-advanced").click();
  const editor = page.getByTestId("planner-json");
  const scenario = JSON.parse(await editor.inputValue());
  scenario.usage.calls = { video_min_per_user_month: { hd: 100 }, room_size: 5 };
  const vm = scenario.options.find((o) => o.id === "parley-cloud-vm");
  if (!vm) throw new Error("the sample scenario has no parley-cloud-vm option");
  vm.rtc = { mode: "self_hosted_sfu" };
  await editor.fill(JSON.stringify(scenario, null, 2));
  await page.getByTestId("planner-calculate-json").click();

  const sfu = page.locator('[data-testid="planner-sfu"][data-option="parley-cloud-vm"]');
  await sfu.waitFor();
  await eventually("the SFU line names the load, the sized servers and the egress", async () => {
    const text = (await sfu.textContent()) ?? "";
    return /people in calls at the peak minute, each receiving 4 streams/.test(text) && /SFU servers of 4 vCPU: \d+, \d+ with a spare/.test(text) && /Media egress [\d,.]+ GB a month/.test(text);
  });
  if ((await page.locator('[data-testid="planner-sfu"]').count()) !== 1) throw new Error("only the self_hosted_sfu option should have an SFU line");
  await eventually("the warning says the video bitrate is the measured one", async () => /counted at the measured 111 kbit\/s per video stream/.test((await page.getByTestId("planner-warnings").textContent()) ?? ""));

  for (const { lang, width } of [{ lang: "en", width: 1280 }, { lang: "en", width: 390 }, { lang: "zh-CN", width: 390 }, { lang: "zh-CN", width: 1280 }]) {
    await page.getByTestId("planner-language").selectOption(lang);
    await page.setViewportSize({ width, height: 844 });
    if (lang === "zh-CN") await eventually("the SFU line is in Chinese", async () => /高峰分钟有 .+ 人在通话/.test((await sfu.textContent()) ?? ""));
    await sfu.scrollIntoViewIfNeeded();
    await ctx.screens.shot(page, `planner-sfu-${lang}-${width}`);
  }
}
