# Shared helpers for the peer scripts (sourced, not run).

# wait_port HOST PORT SECONDS [PID]: true once something accepts TCP on
# HOST:PORT; false after SECONDS, or as soon as PID (the server) has exited.
wait_port() {
  local host=$1 port=$2 secs=$3 pid=${4:-} i
  for ((i = 0; i < secs * 10; i++)); do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
    [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && return 1
    sleep 0.1
  done
  return 1
}

# port_free PORT: true when nothing listens on 127.0.0.1:PORT (we refuse to
# share a port with anything, so a stale server can never answer for ours).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_detached WORKDIR CMD...: runs CMD in a new session (its own process
# group, so stop.sh can end the whole tree it spawns and nothing else),
# records the leader PID in WORKDIR/pid and prints it.
start_detached() {
  local dir=$1; shift
  setsid "$@" >"$dir/stdout.log" 2>"$dir/stderr.log" < /dev/null &
  echo $! > "$dir/pid"
  echo $!
}
