// A real OpenLDAP server (Debian's slapd) for a browser spec: a generated slapd.conf (mdb backend) in a temporary
// folder, on a loopback port, started and stopped by PID, seeded with ldapadd. The server tests have the same fixture
// in C# (tests/Parley.Server.Tests/Identity/Slapd.cs).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./server.mjs";

export const baseDn = "dc=parley,dc=test";
export const adminDn = "cn=admin,dc=parley,dc=test";
export const adminPassword = "slapd-e2e-secret";

const canConnect = (port) =>
  new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => (socket.end(), resolve(true)));
    socket.on("error", () => resolve(false));
  });

export class Slapd {
  static async start(seed) {
    const dir = mkdtempSync(join(tmpdir(), "parley-slapd-"));
    mkdirSync(join(dir, "db"));
    const conf = join(dir, "slapd.conf");
    writeFileSync(conf, [
      "include /etc/ldap/schema/core.schema", "include /etc/ldap/schema/cosine.schema",
      "include /etc/ldap/schema/inetorgperson.schema", "include /etc/ldap/schema/nis.schema",
      `pidfile ${dir}/slapd.pid`, `argsfile ${dir}/slapd.args`, "modulepath /usr/lib/ldap", "moduleload back_mdb",
      "database mdb", `suffix "${baseDn}"`, `rootdn "${adminDn}"`, `rootpw ${adminPassword}`, `directory ${dir}/db`, "maxsize 104857600",
      "access to attrs=userPassword by self write by anonymous auth by * none", "access to * by users read by * none", "",
    ].join("\n"));
    const port = await freePort();
    // -d 0: in the foreground, so the PID is slapd's own.
    const child = spawn("/usr/sbin/slapd", ["-f", conf, "-h", `ldap://127.0.0.1:${port}/`, "-d", "0"], { stdio: "ignore" });
    const slapd = new Slapd(child, dir, port);
    for (let i = 0; i < 100 && !(await canConnect(port)); i++) await new Promise((r) => setTimeout(r, 50));
    if (!(await canConnect(port))) throw (slapd.stop(), new Error("slapd did not start (is Debian's slapd installed?)"));
    try {
      slapd.add(`dn: ${baseDn}\nobjectClass: dcObject\nobjectClass: organization\no: Parley e2e\ndc: parley\n\n${seed}`);
    } catch (error) {
      slapd.stop(); // a bad seed must not leave a slapd running
      throw error;
    }
    return slapd;
  }

  constructor(child, dir, port) {
    this.child = child;
    this.dir = dir;
    this.port = port;
    this.url = `ldap://127.0.0.1:${port}`;
  }

  add(ldif) {
    const result = spawnSync("ldapadd", ["-x", "-H", this.url, "-D", adminDn, "-w", adminPassword], { input: ldif, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`ldapadd failed: ${result.stderr}`);
  }

  stop() {
    this.child.kill("SIGTERM");
    rmSync(this.dir, { recursive: true, force: true });
  }
}
