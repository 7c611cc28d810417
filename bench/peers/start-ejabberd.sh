#!/usr/bin/env bash
# start-ejabberd.sh WORKDIR [PORT]
# Starts a private ejabberd on 127.0.0.1:PORT (default 15222) with fresh state
# in WORKDIR (config, Mnesia spool, logs), MUC at conference.localhost and
# in-band registration open so the load generator can create its users.
# Prints the PID of the process-group leader; stop it with stop.sh WORKDIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
dir=${1:?usage: start-ejabberd.sh WORKDIR [PORT]}
port=${2:-15222}
"$here/install.sh" >&2
port_free "$port" || { echo "port $port already in use" >&2; exit 1; }
rm -rf "$dir"; mkdir -p "$dir/spool" "$dir/logs"

# Sourced by ejabberdctl after its root check: run as the current user (the
# install user's su would put an extra process between us and beam.smp) under a
# node name of our own, with Erlang distribution bound to loopback.
cat > "$dir/ejabberdctl.cfg" <<CFG
EXEC_CMD=as_current_user
ERLANG_NODE=parleybench$port@localhost
ERL_EPMD_ADDRESS=127.0.0.1
INET_DIST_INTERFACE=127.0.0.1
# Ports = sockets for BEAM; the per-process open-file limit here is 20,000.
ERL_MAX_PORTS=32000
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0"
EJABBERD_PID_PATH=$dir/ejabberd.pid
CFG

# Defaults changed on purpose, each would otherwise cap the benchmark rather
# than the server: c2s shaper "normal" (3,000 B/s per connection in Debian's
# config), mod_muc max_users (200 by default, we need 1,000-member rooms),
# registration_timeout (one registration per IP per 600 s), and the listener
# backlog (5, Erlang's gen_tcp default: a burst of connects overflows it and each
# dropped SYN costs the client a 1 s retransmit; Kestrel listens with 512).
# No TLS: loopback only, the same for every server in the matrix.
cat > "$dir/ejabberd.yml" <<CFG
loglevel: warning
hosts:
  - localhost
listen:
  -
    port: $port
    ip: "127.0.0.1"
    module: ejabberd_c2s
    backlog: 1024
    max_stanza_size: 262144
    shaper: none
    access: c2s
    starttls: false
auth_method: internal
registration_timeout: infinity
auth_password_format: plain
acl:
  local:
    user_regexp: ""
access_rules:
  local:
    allow: local
  c2s:
    allow: all
  register:
    allow: all
  muc_create:
    allow: all
shaper_rules:
  max_user_sessions: 10
modules:
  mod_disco: {}
  mod_ping: {}
  mod_roster: {}
  mod_register:
    access: register
    ip_access: all
    welcome_message:
      subject: ""
      body: ""
  mod_muc:
    host: conference.localhost
    access: all
    access_create: muc_create
    access_persistent: all
    max_users: 5000
    max_users_admin_threshold: 20
    max_user_conferences: 100
    history_size: 0
    default_room_options:
      persistent: false
      mam: false
      # The room option (200 by default) caps a room below mod_muc's max_users.
      max_users: 5000
CFG

start_detached "$dir" /usr/sbin/ejabberdctl \
  --ctl-config "$dir/ejabberdctl.cfg" --config "$dir/ejabberd.yml" \
  --spool "$dir/spool" --logs "$dir/logs" foreground
pid=$(cat "$dir/pid")
# ejabberd boots Mnesia and every module before it opens the listener.
if ! wait_port 127.0.0.1 "$port" 60 "$pid"; then
  echo "ejabberd did not listen on $port within 60 s; see $dir/logs" >&2
  kill -- -"$pid" 2>/dev/null || true
  exit 1
fi
echo "$port" > "$dir/port"
