#!/usr/bin/env bash
# Installs ejabberd and Prosody from Debian when missing, without letting the
# packages' own services start on their default ports: a policy-rc.d that
# answers 101 ("action not allowed") makes invoke-rc.d skip every start during
# the install. Both are then run only by start-*.sh, as our own processes.
set -euo pipefail

need=()
command -v ejabberdctl >/dev/null 2>&1 || need+=(ejabberd)
command -v prosody >/dev/null 2>&1 || need+=(prosody)
[ ${#need[@]} -eq 0 ] && { echo "peers: ejabberd and prosody already installed"; exit 0; }

policy=/usr/sbin/policy-rc.d
had_policy=0
[ -e "$policy" ] && had_policy=1
if [ $had_policy -eq 0 ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

# If a service manager started them anyway (no policy-rc.d honoured), stop them:
# the default ports (5222/5269/5280) must stay free and the default spools unused.
for svc in ejabberd prosody; do
  if command -v service >/dev/null 2>&1; then service "$svc" stop >/dev/null 2>&1 || true; fi
done
echo "peers: installed ${need[*]}"
