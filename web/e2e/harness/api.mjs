// Direct REST calls for test setup that isn't the behaviour under test (creating users, a third party posting).
export class Api {
  constructor(baseUrl, token = null) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  async call(method, path, body) {
    const headers = { Accept: "application/json" };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  async login(username, password) {
    const result = await this.call("POST", "/auth/login", { username, password });
    return new Api(this.baseUrl, result.token);
  }
}

let counter = 0;
/** A username no other spec uses, so specs don't depend on each other's data. */
export function uniqueName(prefix) {
  counter += 1;
  return `${prefix}${counter}${Date.now().toString(36).slice(-4)}`;
}
