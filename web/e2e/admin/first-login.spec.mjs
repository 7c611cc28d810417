// An administrator builds a small department tree in the admin console and creates a user who must change the
// password at first sign-in; that user signs in, is sent to the change-password screen, and only then reaches chat.
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
  await page.getByTestId("admin-nav-departments").click();
  const create = page.getByTestId("department-create");
  for (const [name, parent] of [[company, null], [rd, company], [backend, rd]]) {
    await create.locator('input[name="name"]').fill(name);
    const select = create.locator('select[name="parent"]');
    await select.selectOption(parent ? await select.locator("option", { hasText: parent }).getAttribute("value") : "");
    await create.locator("button[type=submit]").click();
    await page.getByTestId(`admin-dept-${name}`).waitFor();
  }
  const tree = await page.locator(".admin-tree .tree-row").evaluateAll((rows) => rows.map((r) => `${r.getAttribute("data-depth")}:${r.querySelector("button").textContent}`));
  for (const [depth, name] of [[0, company], [1, rd], [2, backend]])
    if (!tree.includes(`${depth}:${name}`)) throw new Error(`department ${name} is not at depth ${depth}: ${tree.join(", ")}`);
  await ctx.screens.shot(page, "admin-departments");

  // Users: a new user who must change the password at first sign-in.
  const username = uniqueName("newbie");
  await page.getByTestId("admin-nav-users").click();
  await page.getByTestId("admin-new-user").click();
  const form = page.getByTestId("create-user-form");
  await form.locator('input[name="displayName"]').fill("Newbie");
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill("Temp-pass-1234");
  if (!(await form.locator('input[name="mustChangePassword"]').isChecked())) throw new Error("must-change should be the default for a new user");
  await form.locator("button[type=submit]").click();
  await page.getByTestId(`admin-user-${username}`).waitFor();
  await ctx.screens.shot(page, "admin-users");

  // The user is put in 后端组 (through the department's member picker).
  await page.getByTestId("admin-nav-departments").click();
  await page.getByTestId(`admin-dept-${backend}`).click();
  const detail = page.getByTestId("admin-department-detail");
  await detail.locator('input[type="search"], input[placeholder]').last().fill(username);
  await detail.getByText(`@${username}`).first().click();
  await detail.getByTestId("department-add-members").click();
  await detail.getByText(`@${username}`).first().waitFor();
  await eventually("the member count shows 1", async () => (await page.getByTestId(`admin-dept-${backend}`).locator("xpath=..").innerText()).includes("1"));

  // First sign-in: the change-password screen, and nothing else works until the password is changed.
  const visitor = await ctx.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const fresh = await visitor.newPage();
  await fresh.goto(ctx.server.url);
  await fresh.locator("#username").fill(username);
  await fresh.locator("#password").fill("Temp-pass-1234");
  await fresh.locator("form button[type=submit]").click();
  await fresh.getByTestId("required-step").waitFor();
  const token = await fresh.evaluate(() => JSON.parse(localStorage.getItem("parley.session")).token);
  const blocked = await fetch(`${ctx.server.url}/api/v1/conversations`, { headers: { Authorization: `Bearer ${token}` } });
  const problem = await blocked.json();
  if (blocked.status !== 403 || problem.code !== "password_change_required") throw new Error(`other calls should be refused: ${blocked.status} ${JSON.stringify(problem)}`);
  await ctx.screens.shot(fresh, "first-login-change-password");
  await fresh.getByTestId("required-current").fill("Temp-pass-1234");
  await fresh.getByTestId("required-new").fill(ctx.password);
  await fresh.getByTestId("required-confirm").fill(ctx.password);
  await fresh.getByTestId("required-submit").click();
  await fresh.getByTestId("me-name").waitFor();
  await new Api(ctx.server.url).login(username, ctx.password); // the new password works
}
