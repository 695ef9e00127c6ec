#!/bin/bash
# Where the memory of an idle gonet connection goes. Opens N idle echo
# connections to gonet's echo server (loadgen -mode idle: each echoes one
# message, then waits) and, while they wait, reads the server's
# /proc/PID/smaps: resident memory of the goroutine stacks (each a 64 KiB
# mapping above a PROT_NONE guard page), of the heap, and of the rest, per
# connection, next to loadgen's VmRSS growth per connection. It explains
# the idle-memory figure of run.sh; it is not a measurement of its own.
#
#   bench/idlemem.sh [N]      default N: 10000
#
# Environment: SERVER_CPU [0]  LOAD_CPU [1]
#              GONET_ECHO [../build/release/examples/echo_server]
set -u
cd "$(dirname "$0")" || exit 1
ROOT=$(cd .. && pwd)
N=${1:-10000}
SERVER_CPU=${SERVER_CPU:-0} LOAD_CPU=${LOAD_CPU:-1}
GONET_ECHO=${GONET_ECHO:-$ROOT/build/release/examples/echo_server}
PORT=$((31000 + RANDOM % 1000))
TMP=$(mktemp -d)
trap 'kill "$srv" 2>/dev/null; rm -rf "$TMP"' EXIT

for t in bin/loadgen "$GONET_ECHO"; do
	[ -x "$t" ] || { echo "idlemem.sh: $t missing: build it first (make bench)" >&2; exit 1; }
done
# shellcheck source=lib.sh
. ./lib.sh # listening

# Resident KiB by kind: "stacks COUNT KIB heap KIB other KIB" and, per
# stack, how many have each resident size.
smaps() {
	awk '
	/^[0-9a-f]+-[0-9a-f]+ / {
		split($1, r, "-")
		guardBelow = prevGuard && prevEnd == r[1]
		perm = $2
		name = NF >= 6 ? $6 : ""
		prevEnd = r[2]
		next
	}
	/^Size:/ {
		kind = "other"
		if (name == "[heap]")
			kind = "heap"
		else if (name == "" && perm ~ /^rw/ && $2 == 64 && guardBelow)
			kind = "stack"
		prevGuard = perm ~ /^---/ && $2 == 4
	}
	/^Rss:/ {
		kib[kind] += $2
		if (kind == "stack") { n++; each[$2]++ }
	}
	END {
		printf "stacks %d %d heap %d other %d\n", n, kib["stack"], kib["heap"], kib["other"]
		for (k in each)
			printf "each %d %d\n", k, each[k]
	}' /proc/"$1"/smaps
}

taskset -c "$SERVER_CPU" "$GONET_ECHO" -addr 127.0.0.1:$PORT >/dev/null 2>&1 &
srv=$!
for _ in $(seq 100); do
	listening $PORT && break
	sleep 0.05
done
smaps $srv >"$TMP/before"
taskset -c "$LOAD_CPU" bin/loadgen -addr 127.0.0.1:$PORT -mode idle -c "$N" -size 64 \
	-warmup 6 -server-pid $srv >"$TMP/loadgen" &
load=$!
sleep 4 # the connections are up and idle after about a second
smaps $srv >"$TMP/after"
wait $load

read -r _ n0 s0 _ h0 _ o0 <"$TMP/before"
read -r _ n1 s1 _ h1 _ o1 <"$TMP/after"
conns=$((n1 - n0))
[ "$conns" -gt 0 ] || { echo "idlemem.sh: no new goroutine stacks seen" >&2; exit 1; }
printf 'gonet, %d idle connections (%d new goroutine stacks), resident bytes per connection:\n' "$N" "$conns"
printf '  goroutine stacks %6d\n' $(((s1 - s0) * 1024 / conns))
printf '  heap             %6d\n' $(((h1 - h0) * 1024 / conns))
printf '  other            %6d\n' $(((o1 - o0) * 1024 / conns))
printf '  all (VmRSS, loadgen) %s\n' "$(grep -o '"rss_per_conn_bytes":[0-9]*' "$TMP/loadgen" | cut -d: -f2)"
echo 'resident KiB of one goroutine stack: how many stacks'
grep '^each' "$TMP/after" | sort -k2 -n | awk '{printf "  %3d KiB: %d\n", $2, $3}'
