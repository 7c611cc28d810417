// Admin console → Knowledge base (issue 18): an administrator writes an article in Markdown (the preview renders it
// through the messages' safe renderer: bold becomes <strong>, raw HTML stays text), saves it, finds it in the list,
// and tries a paraphrased question, which the retrieval answerer answers from that article with a citation. Screens
// in zh-CN and en at 390 and 1280 px; a member is refused by the API.
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

async function openSection(ctx, locale, width) {
  const s = await signIn(ctx, ctx.admin.username, ctx.password, { locale, viewport: { width, height: width < 600 ? 844 : 900 } });
  await s.page.goto(`${ctx.server.url}/#/admin/knowledge`);
  await s.page.getByTestId("knowledge-form").waitFor();
  return s;
}

export async function run(ctx) {
  const title = `发票开具说明 ${Date.now()}`;
  const { context, page } = await openSection(ctx, "zh-CN", 1280);
  await page.getByTestId("knowledge-title").fill(title);
  await page.getByTestId("knowledge-body").fill("企业客户可以在**订单详情页**申请增值税专用发票，填写公司名称和税号。<img src=x onerror=alert(1)>");
  const preview = page.getByTestId("knowledge-preview");
  await eventually("the preview renders the Markdown", async () => {
    if ((await preview.locator("strong").innerText()) !== "订单详情页") throw new Error("no bold text in the preview");
    return true;
  });
  if ((await preview.locator("img").count()) !== 0) throw new Error("raw HTML in the body became an element in the preview");
  if (!(await preview.innerText()).includes("<img src=x")) throw new Error("raw HTML must stay visible as text");
  await page.locator('input[placeholder="账单, 退款"]').fill("发票, 税务");
  await page.getByTestId("knowledge-save").click();
  await page.getByText("已保存。").waitFor();
  await page.getByTestId("knowledge-row").filter({ hasText: title }).waitFor();

  await page.getByTestId("knowledge-try").locator("input").fill("公司要开增值税发票，去哪里申请？");
  await page.getByTestId("knowledge-try").locator("button").click();
  const answer = page.getByTestId("knowledge-answer");
  await answer.waitFor();
  const text = await answer.innerText();
  if (!text.includes(title) || text.includes("转人工")) throw new Error("the question was not answered from the new article: " + text);
  await ctx.screens.shot(page, "knowledge-base-zh-CN-1280");
  await context.close();

  for (const [locale, width] of [["zh-CN", 390], ["en-US", 1280], ["en-US", 390]]) {
    const s = await openSection(ctx, locale, width);
    await s.page.getByTestId("knowledge-row").filter({ hasText: title }).click();
    await s.page.getByTestId("knowledge-preview").locator("strong").waitFor();
    await ctx.screens.shot(s.page, `knowledge-base-${locale === "zh-CN" ? "zh-CN" : "en"}-${width}`);
    await s.context.close();
  }

  const [member] = await ctx.team("kbmember");
  const refused = await member.api.call("POST", "/knowledge/articles", { title: "x", body: "y", language: "en" }).then(() => null, (err) => String(err));
  if (!refused || !refused.includes("→ 403")) throw new Error(`POST /knowledge/articles as a member was not refused with 403: ${refused}`);
}
