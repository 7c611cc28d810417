// Issue 14, "done when": an administrator builds a small department tree, makes a default channel and a department
// group in the admin console, and creates a user who must change the password at first sign-in; that user signs in,
// changes the password, and finds the default channel (and their department's group) in the sidebar. The conversation
// administration screens are shot in en and zh-CN at 1280 and 390 px.
import { addDepartments, changeRequiredPassword, createUserMustChange, signInWithChosenPassword } from "../harness/admin.mjs";
import { signIn } from "../harness/browser.mjs";
import { uniqueName } from "../harness/api.mjs";
import { eventually } from "../harness/expect.mjs";

const WIDE = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

export async function run(ctx) {
  const { page } = await signIn(ctx, ctx.admin.username, ctx.password, { viewport: WIDE });
  await page.getByTestId("open-admin").click();
  await page.getByTestId("admin-console").waitFor();

  // The tree: 研发部 › 后端组.
  const rd = uniqueName("研发部");
  const backend = uniqueName("后端组");
  await addDepartments(page, [[rd, null], [backend, rd]]);

  // A department group for 研发部 and everything below it.
  await page.getByTestId(`admin-dept-${rd}`).click();
  const groupForm = page.getByTestId("department-group-form");
  await groupForm.getByTestId("department-group-create").click();
  await groupForm.getByRole("status").waitFor();
  await ctx.screens.shot(page, "admin-department-group");

  // A default channel: an ordinary channel, made default in Admin console → Conversations.
  const channelName = uniqueName("welcome");
  const channel = await ctx.admin.api.call("POST", "/conversations", { kind: "channel", name: channelName });
  await page.getByTestId("admin-nav-conversations").click();
  await page.getByTestId("admin-conversations-search").fill(channelName);
  await page.getByTestId(`admin-conversation-${channel.id}`).getByRole("button").click();
  const detail = page.getByTestId("admin-conversation-detail");
  await detail.getByTestId("admin-conversation-default").click();
  await detail.getByTestId("admin-conversation-undefault").waitFor();

  // A new user who must change the password, put in 后端组.
  const username = uniqueName("newcomer");
  await createUserMustChange(page, { username, displayName: "Newcomer", password: "Temp-pass-1234" });
  const user = (await ctx.admin.api.call("GET", `/users?query=${username}`)).items[0];
  const departments = (await ctx.admin.api.call("GET", "/departments")).items;
  await ctx.admin.api.call("PUT", `/departments/${departments.find((d) => d.name === backend).id}/members/${user.id}`);

  // First sign-in on a phone: change the password, then the default channel and the department group are there.
  const visitor = await ctx.newContext({ viewport: PHONE, locale: "en-US" });
  const fresh = await visitor.newPage();
  await signInWithChosenPassword(fresh, ctx.server.url, username, "Temp-pass-1234");
  await changeRequiredPassword(fresh, "Temp-pass-1234", ctx.password);
  await fresh.getByTestId(`conversation-${channel.id}`).waitFor();
  if (!(await fresh.getByTestId(`conversation-${channel.id}`).innerText()).includes(channelName)) throw new Error("the default channel is not named in the sidebar");
  await eventually("the department group is in the sidebar", async () => (await fresh.locator('[data-testid^="conversation-"]').allInnerTexts()).some((text) => text.includes(rd)));
  await ctx.screens.shot(fresh, "default-channel-sidebar");

  // The admin sees the channel's new member and the department group in the list.
  await page.getByTestId("admin-nav-conversations").click();
  await page.getByTestId("admin-conversations-search").fill(rd);
  await eventually("the department group is listed with its department", async () => (await page.getByTestId("admin-conversations").innerText()).includes(rd));

  // Screens in both languages and widths: the list and one conversation's detail.
  for (const [locale, viewport, tag] of [["en-US", WIDE, "en-1280"], ["en-US", PHONE, "en-390"], ["zh-CN", WIDE, "zh-1280"], ["zh-CN", PHONE, "zh-390"]]) {
    const { page: p } = await signIn(ctx, ctx.admin.username, ctx.password, { viewport, locale });
    await p.goto(`${ctx.server.url}/#/admin/conversations`);
    await p.getByTestId("admin-conversations").waitFor();
    await p.getByTestId(`admin-conversation-${channel.id}`).waitFor();
    await ctx.screens.shot(p, `admin-conversations-${tag}`);
    await p.getByTestId(`admin-conversation-${channel.id}`).getByRole("button").click();
    await p.getByTestId("admin-conversation-members").getByText(`@${username}`).waitFor();
    await ctx.screens.shot(p, `admin-conversation-detail-${tag}`);
  }
}
