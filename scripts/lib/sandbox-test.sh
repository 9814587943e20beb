#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2009
# (SC2016: bash -c '...' with positional args is intended; SC2009: ps|grep matches a path.)
# Self-test of scripts/sandbox: real MariaDB topologies in throw-away directories.
# Usage: scripts/lib/sandbox-test.sh   (env: SANDBOX_TEST_BASE_PORT, default 24306)
# Prints PASS/FAIL lines and "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
SANDBOX="$HERE/../sandbox"
BASE=${SANDBOX_TEST_BASE_PORT:-24306}
CHAIN_BASE=$((BASE + 100))

DIR1=$(mktemp -d /tmp/quorch-sandbox-test.XXXXXX)
DIR2=$(mktemp -d /tmp/quorch-sandbox-test.XXXXXX)
# A long directory path, to exercise the short-socket fallback (Unix socket paths are ~107 bytes max).
DIR2="$DIR2/a-rather-long-directory-name-to-push-the-socket-path-over-the-limit/and-some-more-of-it"

passed=0 failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
check() { # DESCRIPTION COMMAND...
  local d=$1; shift
  if "$@"; then pass "$d"; else fail "$d"; fi
}

sb1() { SANDBOX_DIR="$DIR1" SANDBOX_BASE_PORT="$BASE" "$SANDBOX" "$@"; }
sb2() { SANDBOX_DIR="$DIR2" SANDBOX_BASE_PORT="$CHAIN_BASE" "$SANDBOX" "$@"; }

cleanup() {
  local rc=$?
  sb1 down >/dev/null 2>&1 || true
  sb2 down >/dev/null 2>&1 || true
  rm -rf -- "$DIR1" "${DIR2%%/a-rather-long*}"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { local t; t=$(date +%s%N); echo $((t / 1000000)); }

# wait_for SECONDS COMMAND...: retry COMMAND every 0.1 s until it succeeds.
wait_for() {
  local deadline=$(($(now_ms) + $1 * 1000)); shift
  until "$@" >/dev/null 2>&1; do
    (($(now_ms) < deadline)) || return 1
    sleep 0.1
  done
}

has_row() { # SB PORT ID
  [[ $("$1" sql "$2" "SELECT COUNT(*) FROM quorch_test.t WHERE id=$3" 2>/dev/null) == 1 ]]
}
slave_field() { # SB PORT FIELD
  "$1" sql "$2" "SHOW SLAVE STATUS\\G" | sed -n "s/^ *$3: //p"
}
replicating() { # SB PORT
  [[ $(slave_field "$1" "$2" Slave_IO_Running) == Yes && $(slave_field "$1" "$2" Slave_SQL_Running) == Yes ]]
}
no_procs_of() { # DIR: no mariadbd runs with a defaults file under DIR
  ! ps -eo args= | grep -F -- "--defaults-file=$1/" | grep -v grep | grep -q mariadbd
}
quiet() { "$@" >/dev/null 2>&1; }
not_running() { ! "$1" pid "$2" >/dev/null 2>&1; }
port_closed() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- usage errors -------------------------------------------------------------
set +e
sb1 bogus >/dev/null 2>&1; rc=$?
set -e
check "unknown command exits 2" test "$rc" -eq 2
set +e
sb1 up --replicas x >/dev/null 2>&1; rc=$?
set -e
check "bad --replicas exits 2" test "$rc" -eq 2
set +e
out=$(sb1 status 2>&1); rc=$?
set -e
check "status without a sandbox fails clearly" bash -c '[[ $0 -ne 0 && $1 == *"no sandbox in"* ]]' "$rc" "$out"

# --- up --replicas 3 -----------------------------------------------------------
t0=$(now_ms)
if sb1 up --replicas 3 >/dev/null; then pass "up --replicas 3"; else fail "up --replicas 3"; exit 1; fi
took=$(($(now_ms) - t0))
echo "INFO: up --replicas 3 took ${took} ms"
check "up --replicas 3 took < 30 s (${took} ms)" test "$took" -lt 30000

P=$BASE R1=$((BASE + 1)) R2=$((BASE + 2)) R3=$((BASE + 3))
check "nothing listens on 3306" port_closed 3306
check "primary is writable" test "$(sb1 sql "$P" 'SELECT @@read_only')" = 0
check "replica is read_only" test "$(sb1 sql "$R1" 'SELECT @@read_only')" = 1
check "no GTIDs before the first write" test -z "$(sb1 sql "$P" 'SELECT @@gtid_binlog_pos')"

t0=$(now_ms)
sb1 up --replicas 3 >/dev/null 2>&1 && rc=0 || rc=$?
took=$(($(now_ms) - t0))
check "up again is idempotent (rc=$rc, ${took} ms)" test "$rc" -eq 0 -a "$took" -lt 5000
set +e
sb1 up --replicas 2 >/dev/null 2>&1; rc=$?
set -e
check "up with another shape is refused" test "$rc" -ne 0

sb1 sql "$P" "CREATE DATABASE quorch_test; CREATE TABLE quorch_test.t (id int primary key); INSERT INTO quorch_test.t VALUES (1)"
for r in "$R1" "$R2" "$R3"; do
  check "row replicated to $r" wait_for 5 has_row sb1 "$r" 1
  check "$r uses GTID (Using_Gtid=Slave_Pos)" test "$(slave_field sb1 "$r" Using_Gtid)" = Slave_Pos
  check "$r replicates from $P" test "$(slave_field sb1 "$r" Master_Port)" = "$P"
done
set +e
sb1 sql "$P" "SELECT * FROM no_such_table" >/dev/null 2>&1; rc=$?
set -e
check "sql exits non-zero on SQL error" test "$rc" -ne 0
check "quorch user can log in over TCP and set read_only" \
  quiet mariadb --no-defaults -h127.0.0.1 -P"$R3" -uquorch -pquorch -e "SET GLOBAL read_only=ON; SHOW SLAVE STATUS; SHOW BINARY LOGS"
check "root over 127.0.0.1 without password" quiet mariadb --no-defaults -h127.0.0.1 -P"$P" -uroot -e "SELECT 1"
check "status lists 4 running instances" test "$(sb1 status | grep -c ' running ')" -eq 4
check "status shows $R2 as replica of $P" bash -c '[[ $(grep "^$1 " <<<"$0") == "$1 running replica $2 read_only=ON "* ]]' "$(sb1 status)" "$R2" "$P"

# --- kill / start --------------------------------------------------------------
pid=$(sb1 pid "$R2")
check "pid prints a live mariadbd" test -n "$pid" -a -d "/proc/$pid"
sb1 kill "$R2"
check "killed replica is dead" bash -c '[[ -z $(tr -d "\0" </proc/$0/cmdline 2>/dev/null) ]]' "$pid"
check "status shows the killed replica as stopped" bash -c 'grep -q "^$1 stopped" <<<"$0"' "$(sb1 status)" "$R2"
set +e
sb1 pid "$R2" >/dev/null 2>&1; rc=$?
set -e
check "pid of a stopped instance fails" test "$rc" -ne 0
sb1 sql "$P" "INSERT INTO quorch_test.t VALUES (2)"
sb1 start "$R2"
check "restarted replica replicates again" wait_for 10 has_row sb1 "$R2" 2
check "restarted replica's threads run" wait_for 10 replicating sb1 "$R2"
sb1 stop "$R3"
check "stop leaves the instance stopped" not_running sb1 "$R3"
check "stopped instance's port is closed" port_closed "$R3"
sb1 up --replicas 3 >/dev/null 2>&1
check "up starts the missing instance" wait_for 10 has_row sb1 "$R3" 2

# --- add-replica -----------------------------------------------------------------
new=$(sb1 add-replica "$P")
check "add-replica prints the next port ($new)" test "$new" = "$((BASE + 4))"
check "added replica caught up from the binlogs" wait_for 10 has_row sb1 "$new" 2
check "added replica uses GTID" test "$(slave_field sb1 "$new" Using_Gtid)" = Slave_Pos
set +e
out=$(sb1 sql "$((BASE + 90))" "SELECT 1" 2>&1); rc=$?
set -e
check "unknown port gives a clear error" bash -c '[[ $0 -ne 0 && $1 == *"no instance on port $2"* ]]' "$rc" "$out" "$((BASE + 90))"

# --- up --chain in a second sandbox ------------------------------------------------
C=$CHAIN_BASE
if sb2 up --replicas 3 --chain >/dev/null; then pass "up --chain --replicas 3"; else fail "up --chain --replicas 3"; fi
check "chain: $((C + 1)) replicates from $C" test "$(slave_field sb2 $((C + 1)) Master_Port)" = "$C"
check "chain: $((C + 2)) replicates from $((C + 1))" test "$(slave_field sb2 $((C + 2)) Master_Port)" = "$((C + 1))"
check "chain: $((C + 3)) replicates from $((C + 1))" test "$(slave_field sb2 $((C + 3)) Master_Port)" = "$((C + 1))"
check "chain: long SANDBOX_DIR uses a short socket" bash -c 'sed -n "s/^socket=//p" "$0" | grep -q "^/tmp/quorch-sandbox-"' "$DIR2/$C/my.cnf"
sb2 sql "$C" "CREATE DATABASE quorch_test; CREATE TABLE quorch_test.t (id int primary key); INSERT INTO quorch_test.t VALUES (7)"
check "chain: row reaches depth 2" wait_for 5 has_row sb2 $((C + 3)) 7
chained=$(sb2 add-replica $((C + 2)))
check "chain: add-replica of a leaf replicates" wait_for 10 has_row sb2 "$chained" 7
check "first sandbox is unaffected by the second" test "$(sb1 status | grep -c ' running ')" -eq 5

# --- down ----------------------------------------------------------------------------
sb1 down
sb2 down
check "down removed the first sandbox" test ! -e "$DIR1"
check "down removed the second sandbox" test ! -e "$DIR2"
check "no mariadbd of the first sandbox remains" no_procs_of "$DIR1"
check "no mariadbd of the second sandbox remains" no_procs_of "$DIR2"
check "down is idempotent" sb1 down
check "ports are free again" port_closed "$P"

echo "$passed passed, $failed failed"
((failed == 0))
