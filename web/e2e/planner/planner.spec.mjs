// The deployment-cost planner: fill the guided form, see a field error from the server, see charts and table,
// switch to Chinese, export CSV and JSON (checked against the API), and restore everything from the share link.
import { readFileSync } from "node:fs";
import { signIn } from "../harness/browser.mjs";
import { equal, eventually } from "../harness/expect.mjs";

function parseCsv(text) {
  return text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n")
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1].replace(/^"(.*)"$/s, "$1").replace(/""/g, '"')).slice(0, -1));
}

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

async function fill(page, testId, value) {
  await page.getByTestId(testId).fill(String(value));
}

export async function run(ctx) {
  const [planner] = await ctx.team("planner");
  const { page } = await signIn(ctx, planner.username, planner.password, { locale: "en-US" });

  await page.getByTestId("open-planner").click();
  await page.getByRole("heading", { name: "Deployment cost planner" }).waitFor();
  await page.getByTestId("planner-form").waitFor();

  // Guided form: yuan, a large company with heavy use, 20 years (out of range: the server says so next to the field).
  await page.getByTestId("planner-currency").selectOption("CNY");
  await page.getByTestId("planner-size").selectOption("large");
  await page.getByTestId("planner-usage").selectOption("heavy");
  await fill(page, "planner-headcount", 3000);
  await fill(page, "planner-horizon", 20);
  await page.getByTestId("planner-calculate").click();
  const horizonError = page.getByTestId("planner-horizon-error");
  await horizonError.waitFor();
  await eventually("the horizon error names the allowed range", async () => /\[1, 10\]/.test((await horizonError.textContent()) ?? ""));
  equal(await page.getByTestId("planner-size").inputValue(), "custom", "a hand-edited headcount makes the size preset custom");

  await fill(page, "planner-horizon", 5);
  await page.getByTestId("planner-calculate").click();
  await page.getByTestId("planner-results").waitFor();
  await horizonError.waitFor({ state: "detached" });

  // Summary, table and charts.
  await eventually("four options are ranked", async () => (await page.locator('[data-testid="planner-summary"] tbody tr').count()) === 4);
  const years = await page.locator('[data-testid="planner-table"] thead th').allTextContents();
  equal(years, ["Component", "Year 0", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Total"], "the itemised table has one column per year");
  await eventually("the stacked chart has bars", async () => (await page.locator('[data-testid="stacked-chart"] rect').count()) > 6);
  await eventually("the cumulative chart has one line per option", async () => (await page.locator('[data-testid="cumulative-chart"] path').count()) === 4);
  await eventually("a break-even point is marked", async () => (await page.getByTestId("breakeven-marker").count()) >= 1);
  await eventually("the tornado chart has a bar per driver", async () => (await page.locator('[data-testid="tornado-chart"] g[data-driver]').count()) === 3);
  await eventually("the capacity panel names the benchmark run", async () => /run|placeholder/i.test((await page.getByTestId("planner-benchmark").textContent()) ?? ""));
  await eventually("warnings are listed", async () => (await page.locator('[data-testid="planner-warnings"] li').count()) > 0);
  // Issue 21: the capacity panel says which constraint decided the node count, and the headroom applied.
  await eventually("the binding constraint is named", async () => /Sized by .+ CPU kept at 60 % and memory at 80 %/.test((await page.getByTestId("planner-binding").textContent()) ?? ""));

  // Chinese.
  await page.getByTestId("planner-language").selectOption("zh-CN");
  await page.getByRole("heading", { name: "部署成本规划器" }).waitFor();
  await eventually("the table is in Chinese", async () => (await page.locator('[data-testid="planner-table"] thead th').first().textContent()) === "成本项");
  await page.getByRole("heading", { name: "累计成本" }).waitFor();
  await eventually("the binding constraint is named in Chinese", async () => /决定台数的约束：/.test((await page.getByTestId("planner-binding").textContent()) ?? ""));
  // Issue 20: the warnings are in Chinese too, in plain words (no internal ids, pointers or the article's band
  // jargon), and a price's source is a link to that price in the list of prices used.
  const warnings = await page.getByTestId("planner-warning").allTextContents();
  if (warnings.length === 0) throw new Error("no warnings listed in Chinese");
  for (const w of warnings) {
    if (!/[\u4e00-\u9fff]/.test(w)) throw new Error(`a warning is not in Chinese: ${w}`);
    if (/onprem-server-entry|\bband\b|几万|is stale|undated/.test(w)) throw new Error(`a warning shows internal wording: ${w}`);
  }
  const source = page.getByTestId("planner-warning-source").first();
  if ((await source.count()) > 0) {
    const target = (await source.getAttribute("href")).slice(1);
    await source.click();
    await eventually("the source link shows the price row", async () => (await page.evaluate((id) => document.activeElement?.id === id, target)) === true);
  }

  // Screenshot of the whole page: let the page grow so the inner scroller shows everything.
  await page.setViewportSize({ width: 1280, height: 3000 });
  await ctx.screens.shot(page, "planner-zh");
  await page.setViewportSize({ width: 1280, height: 800 });

  // CSV export: Chinese headers, 13 component lines + 4 summary lines per option, figures equal the API's for the same input.
  const csv = await download(page, "planner-export-csv");
  equal(csv.name, "parley-plan-CNY.csv", "CSV file name");
  const rows = parseCsv(csv.text);
  equal(rows[0], ["option_id", "方案", "key", "成本项", "第 0 年", "第 1 年", "第 2 年", "第 3 年", "第 4 年", "第 5 年", "合计", "currency"], "CSV header");
  equal(rows.length, 1 + 4 * 17, "CSV rows");
  const json = await download(page, "planner-export-json");
  const exported = JSON.parse(json.text);
  equal(exported.input.organization.headcount, 3000, "exported input headcount");
  const fresh = await planner.api.call("POST", "/planner/plan", exported.input);
  for (const option of fresh.options) {
    const total = rows.find((r) => r[0] === option.id && r[2] === "total");
    equal(total.slice(4, 10).map(Number), option.years.map((y) => y.total), `CSV totals of ${option.id}`);
    equal(Number(total[10]), option.totals.nominal, `CSV horizon total of ${option.id}`);
  }
  const hardware = rows.find((r) => r[0] === "parley-onprem" && r[2] === "infrastructure.hardware");
  equal(hardware[3], "基础设施：硬件", "component names are translated");

  // Share link: a second browser restores the inputs and the result.
  const link = await page.getByTestId("planner-share-link").inputValue();
  if (!/#\/planner\?s=z[\w-]+$/.test(link)) throw new Error(`unexpected share link ${link}`);
  const other = await signIn(ctx, planner.username, planner.password, { locale: "en-US" });
  await other.page.goto(link);
  await other.page.getByTestId("planner-results").waitFor();
  equal(await other.page.getByTestId("planner-headcount").inputValue(), "3000", "restored headcount");
  equal(await other.page.getByTestId("planner-horizon").inputValue(), "5", "restored horizon");
  equal(await other.page.getByTestId("planner-currency").inputValue(), "CNY", "restored currency");
  equal(await other.page.getByTestId("planner-usage").inputValue(), "heavy", "restored usage profile");
  const summary = async (p) => p.locator('[data-testid="planner-summary"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-option")));
  equal(await summary(other.page), await summary(page), "same ranking after restore");
  await other.page.setViewportSize({ width: 1280, height: 4200 });
  await ctx.screens.shot(other.page, "planner-restored-en");
  await other.page.setViewportSize({ width: 1280, height: 800 });

  // Printable report: no sidebar, no form, every option's table.
  await other.page.emulateMedia({ media: "print" });
  equal(await other.page.locator(".sidebar").isVisible(), false, "the sidebar is not printed");
  equal(await other.page.getByTestId("planner-form").isVisible(), false, "the form is not printed");
  await eventually("every option's table is printed", async () => (await other.page.locator(".planner-table-wrap.print-only table:visible").count()) === 4);
  await other.page.setViewportSize({ width: 900, height: 5200 });
  await ctx.screens.shot(other.page, "planner-print");
  await other.page.setViewportSize({ width: 1280, height: 800 });
  await other.page.emulateMedia({ media: "screen" });

  // Advanced editor: a price the chosen option needs is missing → the error names its JSON pointer and option.
  const perSeat = other.page.locator('[data-testid="planner-summary"] tr[data-option="saas-per-seat"]');
  const before = await perSeat.textContent();
  await other.page.getByTestId("planner-advanced").click();
  const editor = other.page.getByTestId("planner-json");
  const scenario = JSON.parse(await editor.inputValue());
  equal(scenario.organization.headcount, 3000, "the editor holds the form's scenario");
  delete scenario.options[3].license.subscription_seat.price_per_seat_month;
  await editor.fill(JSON.stringify(scenario, null, 2));
  await other.page.getByTestId("planner-calculate-json").click();
  const errors = other.page.getByTestId("planner-errors");
  await errors.waitFor();
  await eventually("the error list names the pointer and the option", async () => {
    const text = (await errors.textContent()) ?? "";
    return text.includes("/options/3/license/subscription_seat/price_per_seat_month") && text.includes("Per-seat SaaS");
  });
  scenario.options[3].license.subscription_seat.price_per_seat_month = 12;
  await editor.fill(JSON.stringify(scenario, null, 2));
  await other.page.getByTestId("planner-calculate-json").click();
  await errors.waitFor({ state: "detached" });
  // US$12 instead of Slack Pro's US$7.25 a seat-month: the per-seat option costs more.
  await eventually("the edited price changes the ranking row", async () => (await perSeat.textContent()) !== before);

  // The server answers /planner with the app, which moves onto the hash route.
  await other.page.goto(`${ctx.server.url}/planner`);
  await other.page.getByTestId("planner-form").waitFor();
  equal(new URL(other.page.url()).hash, "#/planner", "the path became the hash route");
}
