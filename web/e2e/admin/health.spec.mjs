// Admin console → Health: the administrator sees this node (with the connection of the open page), a healthy
// database at the schema the build expects, the writer's commits, and no server errors; a member cannot open it.
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const { page } = await signIn(ctx, ctx.admin.username, ctx.password, { locale: "en-US" });
  await page.goto(`${ctx.server.url}/#/admin/health`);
  const nodes = page.getByTestId("admin-health-nodes");
  await nodes.waitFor();
  await eventually("this node is listed and marked", async () => {
    await page.getByTestId("admin-health-refresh").click();
    const text = await nodes.innerText();
    if (!/this node/.test(text)) throw new Error("this node is not marked: " + text);
    return true;
  });
  const database = await page.getByTestId("admin-health-database").innerText();
  if (!database.includes("OK") || !/version (\d+) \(this build expects \1\)/.test(database)) throw new Error("database card: " + database);
  const writer = await page.getByTestId("admin-health-writer").innerText();
  if (!/Group commits\s+[1-9]/.test(writer)) throw new Error("writer card shows no commits: " + writer);
  await page.getByTestId("admin-health-no-errors").waitFor();
  await ctx.screens.shot(page, "admin-health");

  // A member: no Health section, and the API refuses.
  const [member] = await ctx.team("healthmember");
  const refused = await member.api.call("GET", "/admin/health").then(() => null, (err) => String(err));
  if (!refused || !refused.includes("→ 403")) throw new Error(`GET /admin/health as a member was not refused with 403: ${refused}`);
}
