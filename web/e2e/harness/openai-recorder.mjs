// A recording stand-in for an OpenAI-compatible chat completions server, for CONTRACT checks in e2e specs (no language
// model can be installed here): records each request and streams a scripted answer as server-sent events of
// chat.completion.chunk objects with a final usage chunk, like the OpenAI API. Loopback only; stop() closes it.
import { createServer } from "node:http";

export async function startOpenAiRecorder(reply) {
  const requests = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}");
      requests.push({ path: req.url, authorization: req.headers.authorization, body });
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = (choices, usage = null) =>
        `data: ${JSON.stringify({ id: "chatcmpl-e2e", object: "chat.completion.chunk", created: 1700000000, model: body.model, choices, usage })}\n\n`;
      res.write(chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]));
      for (let i = 0; i < reply.length; i += 12) res.write(chunk([{ index: 0, delta: { content: reply.slice(i, i + 12) }, finish_reason: null }]));
      res.write(chunk([{ index: 0, delta: {}, finish_reason: "stop" }]));
      res.write(chunk([], { prompt_tokens: 90, completion_tokens: 20, total_tokens: 110 }));
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}/v1`,
    requests,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
