import { Api } from "./api.mjs";

// A conversation with a long, mixed Chinese/English history, posted through the API by two members in turn: for the
// layout-shift spec and the Lighthouse benchmark (issue 22 measured 200 such messages).
const zh = ["明天上午十点开会，讨论第三季度的预算。", "我已经把设计稿上传到共享文件夹了，请大家看一下。", "服务器迁移计划下周一开始，预计停机两个小时。", "好的，收到！", "这个问题我们需要和产品经理再确认一下需求细节，然后再决定排期。"];
const en = ["Sounds good, I'll review the pull request this afternoon.", "Can someone check why the nightly build failed?", "Shipping the release notes now — see **docs/changelog.md** for details.", "ok", "The load test finished: p95 latency stayed under 120 ms with 10k connections."];

/** Posts `count` messages alternately from `authors` (Api clients); waits out the per-user send rate (429). */
export async function seedHistory(conversationId, authors, count = 200) {
  for (let i = 0; i < count; i += 1) {
    const texts = i % 3 === 0 ? en : zh;
    const text = `${texts[i % texts.length]} #${i + 1}`;
    await postPatiently(authors[i % authors.length], conversationId, { text, clientMsgId: `seed-${conversationId}-${i}` });
  }
}

/**
 * Posts one message, waiting out the per-user send rate (429): after a seed, the author's budget may be spent for a
 * moment. Idempotent by the body's clientMsgId, so a retry never doubles the message.
 */
export async function postPatiently(api, conversationId, body) {
  for (;;) {
    try {
      return await api.call("POST", `/conversations/${conversationId}/messages`, body);
    } catch (error) {
      if (!String(error.message).includes("→ 429")) throw error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/**
 * The benchmarks' conversation (scripts/lighthouse.mjs, scripts/startup-renders.mjs): a fresh server set up with an
 * admin and a reader, and a group of the two with `count` messages. Returns the reader's login and the group.
 */
export async function seedReaderGroup(server, password, count = 200) {
  const anon = new Api(server.url);
  const setup = await anon.call("POST", "/setup", { username: "admin", password, displayName: "Admin" });
  const admin = new Api(server.url, setup.token);
  await admin.call("POST", "/users", { username: "reader", password, displayName: "读者 Reader", isAdmin: false });
  const readerLogin = await anon.call("POST", "/auth/login", { username: "reader", password });
  const group = await admin.call("POST", "/conversations", { kind: "group", name: "产品周会 Weekly", memberIds: [readerLogin.user.id] });
  await seedHistory(group.id, [admin, new Api(server.url, readerLogin.token)], count);
  return { readerLogin, group };
}
