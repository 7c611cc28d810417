// An administrator builds a small department tree in the admin console and creates a user who must change the
// password at first sign-in; that user signs in, is sent to the change-password screen, and only then reaches chat.
import { addDepartments, changeRequiredPassword, createUserMustChange, signInWithChosenPassword } from "../harness/admin.mjs";
import { Api, uniqueName } from "../harness/api.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const context = await ctx.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  const page = await context.newPage();
  await page.goto(ctx.server.url);
  await page.locator("#username").fill(ctx.admin.username);
  await page.locator("#password").fill(ctx.password);
  await page.locator("form button[type=submit]").click();
  await page.getByTestId("open-admin").click();
  await page.getByTestId("admin-console").waitFor();

  // Departments: 总公司 › 研发部 › 后端组
  const company = uniqueName("总公司");
  const rd = uniqueName("研发部");
  const backend = uniqueName("后端组");
  await addDepartments(page, [[company, null], [rd, company], [backend, rd]]);
  const tree = await page.locator(".admin-tree .tree-row").evaluateAll((rows) => rows.map((r) => `${r.getAttribute("data-depth")}:${r.querySelector("button").textContent}`));
  for (const [depth, name] of [[0, company], [1, rd], [2, backend]])
    if (!tree.includes(`${depth}:${name}`)) throw new Error(`department ${name} is not at depth ${depth}: ${tree.join(", ")}`);
  await ctx.screens.shot(page, "admin-departments");

  // Users: a new user who must change the password at first sign-in.
  const username = uniqueName("newbie");
  await createUserMustChange(page, { username, displayName: "Newbie", password: "Temp-pass-1234" });
  await ctx.screens.shot(page, "admin-users");

  // The user is put in 后端组 (through the department's member picker).
  await page.getByTestId("admin-nav-departments").click();
  await page.getByTestId(`admin-dept-${backend}`).click();
  const detail = page.getByTestId("admin-department-detail");
  await detail.getByTestId("user-search").fill(username);
  await detail.getByTestId(`user-option-${username}`).click();
  await detail.getByTestId("department-add-members").click();
  await detail.getByText(`@${username}`).first().waitFor();
  await eventually("the member count shows 1", async () => (await page.getByTestId(`admin-dept-${backend}`).locator("xpath=..").innerText()).includes("1"));

  // First sign-in: the change-password screen, and nothing else works until the password is changed.
  const visitor = await ctx.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const fresh = await visitor.newPage();
  await signInWithChosenPassword(fresh, ctx.server.url, username, "Temp-pass-1234");
  const token = await fresh.evaluate(() => JSON.parse(localStorage.getItem("parley.session")).token);
  const blocked = await fetch(`${ctx.server.url}/api/v1/conversations`, { headers: { Authorization: `Bearer ${token}` } });
  const problem = await blocked.json();
  if (blocked.status !== 403 || problem.code !== "password_change_required") throw new Error(`other calls should be refused: ${blocked.status} ${JSON.stringify(problem)}`);
  await ctx.screens.shot(fresh, "first-login-change-password");
  await changeRequiredPassword(fresh, "Temp-pass-1234", ctx.password);
  await new Api(ctx.server.url).login(username, ctx.password); // the new password works
}
