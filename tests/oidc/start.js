// Starts oidc-provider 9 (a certified OpenID Provider, MIT) on 127.0.0.1 with an http issuer, for Parley's single
// sign-on tests. Usage: node start.js PORT. Prints "ready PORT" once listening; the tests stop it by PID.
//
// - One static confidential client: client_id "parley", secret "parley-test-secret", code flow with PKCE. The tests'
//   Parley servers listen on ports chosen at run time, so any http://127.0.0.1:<port>/api/v1/auth/oidc/callback is
//   accepted as its redirect URI (a production provider registers the exact URI).
// - devInteractions: the provider's own login and consent pages. Any password is accepted; the login name picks the
//   account. Every login name is an account (sub = the name, preferred_username = the name, email = name@example.test),
//   so each test can sign in as a fresh person; "wang" is 王芳.
import Provider from "oidc-provider";

const port = Number(process.argv[2]);
const issuer = `http://127.0.0.1:${port}`;
const names = { wang: "王芳", alice: "Alice Example" };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "parley",
      client_secret: "parley-test-secret",
      redirect_uris: ["http://127.0.0.1/api/v1/auth/oidc/callback"],
      post_logout_redirect_uris: [],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email", "email_verified"] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ["parley-test-oidc-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    if (!/^[a-z0-9._-]{1,64}$/.test(id)) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: names[id] ?? id, preferred_username: id, email: `${id}@example.test`, email_verified: true };
      },
    };
  },
});

// The test servers' ports are not known when this starts: accept the callback path on any loopback port.
const allowed = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function (uri) {
  return /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/auth\/oidc\/callback$/.test(uri) || allowed.call(this, uri);
};

const server = provider.listen(port, "127.0.0.1", () => console.log(`ready ${port}`));
server.on("error", (err) => {
  console.error(err);
  process.exit(1);
});
