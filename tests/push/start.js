// Starts web-push-testing (a real Web Push service: it checks VAPID and decrypts aes128gcm payloads) on 127.0.0.1 only,
// in this process, so the tests can stop it by PID. Usage: node start.js PORT. Prints "ready PORT" once listening.
const TestingServer = require("web-push-testing/src/server.js");
const { PushApiModel } = require("web-push-testing/src/PushApiModel.js");

const port = Number(process.argv[2]);
const server = new TestingServer(new PushApiModel(), port);
// startServer() listens on every interface; listen on loopback instead, with the same routes.
server._server = server._app.listen(port, "127.0.0.1", () => console.log(`ready ${port}`));
server._server.on("error", (err) => {
  console.error(err);
  process.exit(1);
});
server.setRequestHandlers();
