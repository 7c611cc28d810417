#!/usr/bin/env bash
# Writes a Janus 1.1.x configuration folder for Parley's tests and benchmarks: only the video-room plugin and the plain
# HTTP transport are loaded (every other plugin, transport, event handler and logger Debian ships is disabled), the
# video-room plugin has an admin_key so that only Parley can create rooms, and ICE is limited to one interface.
# Usage: scripts/janus-config.sh DIR HTTP_IP HTTP_PORT ADMIN_KEY [ICE_INTERFACE] [RTP_PORT_RANGE]
# Then: janus --configs-folder=DIR --config=DIR/janus.jcfg   (started and stopped by PID by the caller)
set -euo pipefail
dir=$1 ip=$2 port=$3 admin_key=$4 iface=${5:-} rtp=${6:-20000-20999}
lib=$(dirname "$(find /usr/lib -path '*/janus/plugins/libjanus_videoroom.so' -print -quit)")
lib=${lib%/plugins}
[ -n "$lib" ] || { echo "janus-config.sh: Janus plugins not found (apt-get install janus)" >&2; exit 1; }
mkdir -p "$dir"

# Every .so in a folder except the ones we keep, as Janus's comma-separated `disable` list.
others() { (cd "$lib/$1" && ls -1 *.so 2>/dev/null | grep -v -x -F "${2:-none}" | paste -sd, -); }

cat > "$dir/janus.jcfg" <<JCFG
general: {
	configs_folder = "$dir"
	plugins_folder = "$lib/plugins"
	transports_folder = "$lib/transports"
	events_folder = "$lib/events"
	loggers_folder = "$lib/loggers"
	debug_level = 3
	admin_secret = "$admin_key-admin"
	server_name = "parley-janus"
	session_timeout = 60
}
media: {
	rtp_port_range = "$rtp"
}
nat: {
	nice_debug = false
	${iface:+ice_enforce_list = \"$iface\"}
}
plugins: {
	disable = "$(others plugins libjanus_videoroom.so)"
}
transports: {
	disable = "$(others transports libjanus_http.so)"
}
events: {
	broadcast = false
	disable = "$(others events)"
}
loggers: {
	disable = "$(others loggers)"
}
JCFG

cat > "$dir/janus.plugin.videoroom.jcfg" <<JCFG
general: {
	admin_key = "$admin_key"
	lock_rtp_forward = true
}
JCFG

cat > "$dir/janus.transport.http.jcfg" <<JCFG
general: {
	json = "plain"
	base_path = "/janus"
	http = true
	port = $port
	ip = "$ip"
	https = false
}
admin: {
	admin_http = false
}
cors: {
}
JCFG
