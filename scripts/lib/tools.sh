# Sourced by quorch's scripts: installs the command-line tools the tests use, from Debian's
# packages, when they are missing. Package scripts are kept from starting services (a
# temporary policy-rc.d), so installing haproxy does not start a system instance on port 80.
#
#   quorch_ensure_tools jq:jq curl:curl haproxy:haproxy ip:iproute2

quorch_ensure_tools() {
  local want=() pair cmd pkg sudo=() rc=0 policy=0
  for pair in "$@"; do
    cmd=${pair%%:*}; pkg=${pair#*:}
    command -v "$cmd" >/dev/null 2>&1 || want+=("$pkg")
  done
  [ ${#want[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "quorch: missing ${want[*]}; install them (we are neither root nor have sudo)" >&2; return 1; }
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || { echo "quorch: missing ${want[*]} and apt-get is not available: install them yourself" >&2; return 1; }
  echo "quorch: installing ${want[*]} with apt-get" >&2
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, written by quorch scripts/lib/tools.sh while installing packages\nexit 101\n' \
      | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
    policy=1
  fi
  {
    "${sudo[@]}" apt-get update -q &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 "${want[@]}"
  } </dev/null >&2 || rc=$?
  [ "$policy" = 1 ] && "${sudo[@]}" rm -f /usr/sbin/policy-rc.d
  [ "$rc" -eq 0 ] || { echo "quorch: apt-get install ${want[*]} failed (exit $rc)" >&2; return 1; }
}
