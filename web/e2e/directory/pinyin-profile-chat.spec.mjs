// A user finds 张三 in the directory by typing "zs", opens the profile card and starts a chat from it.
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";
import { uniqueName } from "../harness/api.mjs";

export async function run(ctx) {
  const [finder] = await ctx.team("finder");
  const zhangUsername = uniqueName("zhangsan");
  const zhang = await ctx.admin.api.call("POST", "/users", { username: zhangUsername, password: ctx.password, displayName: "张三" });
  const dept = await ctx.admin.api.call("POST", "/departments", { name: uniqueName("市场部") });
  await ctx.admin.api.call("PUT", `/departments/${dept.id}/members/${zhang.id}`);
  await ctx.admin.api.call("PUT", `/users/${zhang.id}/profile`, { title: "产品经理" });

  const { page } = await signIn(ctx, finder.username, finder.password, { locale: "zh-CN" });
  await page.getByTestId("open-directory").click();
  await page.getByTestId("directory-search").fill("zs");
  const person = page.getByTestId(`person-${zhangUsername}`);
  await person.waitFor();
  const text = await person.innerText();
  if (!text.includes("张三") || !text.includes("产品经理") || !text.includes(dept.name)) throw new Error(`the result should show name, title and department: ${text}`);
  await ctx.screens.shot(page, "directory-search-zs");
  await person.click();
  const card = page.getByTestId("profile-card");
  await card.waitFor();
  await ctx.screens.shot(page, "profile-card");
  await card.getByTestId("profile-start-chat").click();
  await eventually("the direct conversation with 张三 opens", async () => (await page.getByTestId("conversation-title").innerText()).includes("张三"));
  if (!/#\/c\/\d+/.test(page.url())) throw new Error(`expected a conversation route, got ${page.url()}`);
}
