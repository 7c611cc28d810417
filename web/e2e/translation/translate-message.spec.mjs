// Translation with a real offline engine (apertium-apy, English→Spanish, started by this spec): the administrator
// points Apertium at the engine and enables it in the console; a member chooses Spanish as their language in Settings,
// presses "Translate" on an English message and reads Apertium's Spanish under the original, with "Hide original".
// Screens of the admin section, the settings section, the translated message and the conversation's auto-translate
// switch in zh-CN and en at 390 and 1280 px. Afterwards translation is switched off again for the specs that follow.
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";
import { Apertium } from "../harness/apertium.mjs";

const ORIGINAL = "Good morning";
const SPANISH = "Buenos días"; // what apertium-eng-spa 0.8.1 answers for "Good morning"
const BY = { en: "Translated by Apertium", "zh-CN": "由 Apertium 翻译" };

export async function run(ctx) {
  const apertium = await Apertium.start();
  const me = await ctx.admin.api.call("GET", "/users/me");
  try {
    const [alice] = await ctx.team("alice");
    const conv = await alice.api.call("POST", "/conversations", { kind: "group", name: "Madrid office", memberIds: [me.id] });
    await alice.api.call("POST", `/conversations/${conv.id}/messages`, { text: ORIGINAL, clientMsgId: `tr-${Date.now()}` });

    const variants = [
      { locale: "en-US", lang: "en", viewport: { width: 1280, height: 800 } },
      { locale: "zh-CN", lang: "zh-CN", viewport: { width: 390, height: 844 } },
      { locale: "en-US", lang: "en", viewport: { width: 390, height: 844 } },
      { locale: "zh-CN", lang: "zh-CN", viewport: { width: 1280, height: 800 } },
    ];
    for (const [i, v] of variants.entries()) {
      const tag = `${v.lang}-${v.viewport.width}`;
      const { page } = await signIn(ctx, ctx.admin.username, ctx.password, v);

      // The admin console: nothing is enabled until the administrator says so (first variant), then as saved.
      await page.goto(`${ctx.server.url}/#/admin/translation`);
      const section = page.getByTestId("admin-translation");
      await section.waitFor();
      if (i === 0) {
        if (await page.getByTestId("translation-enable-apertium").isChecked()) throw new Error("a provider was enabled by default");
        await page.getByTestId("translation-field-apertium-Url").fill(apertium.url);
        await page.getByTestId("translation-enable-apertium").check();
        await page.getByTestId("translation-language-es").check();
        await page.getByTestId("translation-save").click();
        await eventually("the settings are saved", async () => (await section.getByRole("status").count()) === 1);
      }
      await section.evaluate((e) => e.scrollIntoView({ block: "start" }));
      await ctx.screens.shot(page, `translation-admin-${tag}`);

      // Settings → Translation: Spanish as the member's language (first variant), kept on the server after.
      await page.goto(ctx.server.url);
      await page.getByTestId("open-settings").click();
      const prefs = page.getByTestId("translation-preferences");
      await prefs.waitFor();
      if (i === 0) {
        await page.getByTestId("translation-my-language").selectOption("es");
        await prefs.getByRole("status").waitFor();
      }
      await prefs.evaluate((e) => e.scrollIntoView({ block: "center" }));
      await ctx.screens.shot(page, `translation-settings-${tag}`);
      await page.keyboard.press("Escape");
      await prefs.waitFor({ state: "detached" });

      // Translate the English message: Apertium's Spanish appears under the original.
      await openConversation(page, conv.id);
      // By id: "Hide original" takes the text that messageWith finds the message by.
      const id = await messageWith(page, ORIGINAL).getAttribute("data-message-id");
      const message = page.locator(`[data-testid="message-list"] [data-message-id="${id}"]`);
      await message.hover();
      await message.getByTestId("translate").click();
      const text = message.getByTestId("translation-text");
      await eventually(`the Spanish translation (${tag})`, async () => (await text.count()) === 1 && (await text.innerText()).includes(SPANISH));
      const by = await message.getByTestId("translation-provider").innerText();
      if (by !== BY[v.lang]) throw new Error(`provider line (${tag}): ${by}`);
      if ((await message.locator(".message-body").count()) !== 1) throw new Error("the original must stay visible under the translation");
      await ctx.screens.shot(page, `translation-message-${tag}`);
      if (i === 0) {
        await message.getByTestId("toggle-original").click();
        await eventually("Hide original folds the original away", async () => (await message.locator(".message-body").count()) === 0);
        await message.getByTestId("toggle-original").click();
        await eventually("Show original brings it back", async () => (await message.locator(".message-body").count()) === 1);
      }

      // The conversation's auto-translate switch (its owner is Alice: the administrator, a member, sees it off and locked).
      await page.getByTestId("open-members").click();
      const toggle = page.getByTestId("members-panel").getByTestId("conversation-auto-translate");
      await toggle.waitFor();
      if (!(await toggle.isDisabled())) throw new Error("a member who is not a manager could switch auto-translation");
      await ctx.screens.shot(page, `translation-conversation-${tag}`);
      await page.context().close();
    }
  } finally {
    await ctx.admin.api.call("PUT", "/admin/translation", { enabledProviders: [], languages: null, fields: null });
    await ctx.admin.api.call("PUT", "/users/me/translation", { autoTranslate: false, language: null });
    apertium.stop();
  }
}
