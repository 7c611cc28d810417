// Issue 15: a group call of 5 browser contexts through the real Janus — every participant decodes every other
// participant's video. Janus, the server and Chromium run in a network namespace this spec makes (harness/janus.mjs),
// because Janus gathers no ICE candidates on loopback; the call is started and joined through Parley's API and the
// browsers join the SFU room with the web client's joinSfuRoom.
import { join } from "node:path";
import { withJanusNamespace } from "../harness/janus.mjs";

export async function run(ctx) {
  const result = await withJanusNamespace({ participants: 5, logDir: join(ctx.server.logDir, "sfu"), timeoutSeconds: 90, screenshot: join(ctx.screens.dir, "calls-sfu-5-remote-videos.png") });
  if (result.firstFrameMs.length !== 5) throw new Error(`not every participant decoded every other one's video: ${JSON.stringify(result)}`);
  console.log(`    5-person SFU call: join → all remote videos decoding in ${result.firstFrameMs.join(", ")} ms`);
}
