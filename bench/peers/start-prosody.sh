#!/usr/bin/env bash
# start-prosody.sh WORKDIR [PORT]
# Starts a private Prosody on 127.0.0.1:PORT (default 16222) with fresh state
# in WORKDIR (config, data, logs), MUC at conference.localhost and in-band
# registration open so the load generator can create its users.
# Prints the PID of the process-group leader; stop it with stop.sh WORKDIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
dir=${1:?usage: start-prosody.sh WORKDIR [PORT]}
port=${2:-16222}
"$here/install.sh" >&2
port_free "$port" || { echo "port $port already in use" >&2; exit 1; }
rm -rf "$dir"; mkdir -p "$dir/data"

# Defaults changed on purpose, each would otherwise cap the benchmark rather
# than the server: MUC room locking (a new room refuses joins until its owner
# submits the config form, XEP-0045 §10.1.2), history replay on join, the
# listen backlog (128; raised like ejabberd's) and Nagle's algorithm, which
# server_epoll leaves on by default: with the client's delayed ACKs it holds
# back every second write to a socket by up to 40 ms. Kestrel and ejabberd set
# TCP_NODELAY, so Prosody gets it too.
# Registration throttling already exempts 127.0.0.1 (mod_register_limits'
# default allowlist). No TLS: loopback only, the same for every server.
cat > "$dir/prosody.cfg.lua" <<CFG
run_as_root = true
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
plugin_paths = {}
log = { warn = "$dir/prosody.log" }
network_backend = "epoll"
network_settings = { tcp_backlog = 1024; nagle = false }
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { $port }
c2s_direct_tls_ports = {}
s2s_ports = {}
component_ports = {}
http_ports = {}
https_ports = {}
admin_interfaces = {}
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
storage = "internal"
allow_registration = true
modules_enabled = { "roster", "saslauth", "disco", "ping", "register" }
modules_disabled = { "s2s", "offline", "c2s_direct_tls" }
muc_room_locking = false
muc_room_default_history_length = 0
muc_room_default_persistent = false

VirtualHost "localhost"
Component "conference.localhost" "muc"
  restrict_room_creation = false
  muc_max_occupants = 5000
CFG

start_detached "$dir" /usr/bin/prosody --config "$dir/prosody.cfg.lua" -F
pid=$(cat "$dir/pid")
if ! wait_port 127.0.0.1 "$port" 30 "$pid"; then
  echo "prosody did not listen on $port within 30 s; see $dir" >&2
  kill -- -"$pid" 2>/dev/null || true
  exit 1
fi
echo "$port" > "$dir/port"
