#!/bin/bash
# Compares two builds of one echo server by running them at the same time:
# both pinned to CPU $SERVER_CPU, each driven by its own loadgen on CPU
# $LOAD_CPU, measured over the same window. Whatever else the machine does
# (other guests filling the shared caches, frequency changes) then falls on
# both alike, and the ratio B ÷ A of server CPU per message holds to about
# ±1% from round to round where one server measured alone moves by ±25%.
# The absolute figures are not comparable with run.sh's: two servers share
# the CPU and its caches. Made for two builds of gonet; given gonet and Go
# or the epoll server it gives a paired ratio with a bias of its own
# (unlike servers disturb each other unequally) that moves about ±5%
# between sessions: bench/README.md, "Paired against Go and epoll".
#
#   bench/ab.sh SERVER_A SERVER_B [loadgen args]
#   bench/ab.sh build/base/examples/echo_server build/release/examples/echo_server -c 1000
#
# Environment: ROUNDS [5]  WARMUP [1.5]  MEASURE [3] (seconds)
#              SERVER_CPU [0]  LOAD_CPU [1]
# Prints a line per round and the median of B ÷ A; lower is better for B.
set -u
if [ $# -lt 2 ]; then
	echo "usage: ab.sh SERVER_A SERVER_B [loadgen args, default -c 1000 -size 64]" >&2
	exit 2
fi
A=$1 B=$2
shift 2
ARGS=("$@")
[ ${#ARGS[@]} -eq 0 ] && ARGS=(-c 1000 -size 64)
ROUNDS=${ROUNDS:-5} WARMUP=${WARMUP:-1.5} MEASURE=${MEASURE:-3}
SERVER_CPU=${SERVER_CPU:-0} LOAD_CPU=${LOAD_CPU:-1}
LOADGEN=$(cd "$(dirname "$0")" && pwd)/bin/loadgen
[ -x "$LOADGEN" ] || { echo "ab.sh: build $LOADGEN first (make -C bench all)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Nanoseconds the process has run, all threads (/proc/PID/task/*/schedstat).
cputime() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {printf "%.0f", s}'; }

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh" # listening, awaitListening

ratios=()
for r in $(seq "$ROUNDS"); do
	base=$((30000 + 2 * (RANDOM % 2000)))
	taskset -c "$SERVER_CPU" "$A" -addr 127.0.0.1:$base >/dev/null 2>&1 &
	pa=$!
	taskset -c "$SERVER_CPU" "$B" -addr 127.0.0.1:$((base + 1)) >/dev/null 2>&1 &
	pb=$!
	if ! awaitListening $base || ! awaitListening $((base + 1)); then
		echo "ab.sh: a server did not start" >&2
		kill $pa $pb 2>/dev/null
		exit 1
	fi
	dur=$(awk -v m="$MEASURE" 'BEGIN {print m + 1}')
	loaders=()
	for k in a b; do
		port=$base
		[ $k = b ] && port=$((base + 1))
		taskset -c "$LOAD_CPU" "$LOADGEN" -addr 127.0.0.1:$port "${ARGS[@]}" \
			-warmup "$WARMUP" -duration "$dur" >"$TMP/$k.json" &
		loaders+=($!)
	done
	# The window: from half a second after the warm-up to MEASURE later.
	sleep "$(awk -v w="$WARMUP" 'BEGIN {print w + 0.5}')"
	a0=$(cputime $pa) b0=$(cputime $pb) t0=$(date +%s%N)
	sleep "$MEASURE"
	a1=$(cputime $pa) b1=$(cputime $pb) t1=$(date +%s%N)
	wait "${loaders[@]}"
	kill -TERM $pa $pb 2>/dev/null
	wait $pa $pb 2>/dev/null
	line=$(awk -v a="$((a1 - a0))" -v b="$((b1 - b0))" -v t="$((t1 - t0))" \
		-v fa="$TMP/a.json" -v fb="$TMP/b.json" '
		function mps(f,   l) { getline l < f; if (match(l, /"msgs_per_s":[0-9.]+/)) return substr(l, RSTART + 13, RLENGTH - 13); return 0 }
		BEGIN {
			ma = mps(fa); mb = mps(fb)
			if (ma == 0 || mb == 0) { print "error"; exit }
			ca = a / (ma * t / 1e9); cb = b / (mb * t / 1e9)
			printf "%.0f %.0f %.4f\n", ca, cb, cb / ca
		}')
	if [ "$line" = error ]; then
		echo "ab.sh: round $r: a load generator failed:" >&2
		cat "$TMP/a.json" "$TMP/b.json" >&2
		exit 1
	fi
	read -r ca cb ratio <<<"$line"
	printf 'round %d: A %s ns/msg  B %s ns/msg  B/A %.3f\n' "$r" "$ca" "$cb" "$ratio"
	ratios+=("$ratio")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR] = $1} END {
	m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "B/A median %.3f (min %.3f, max %.3f, %d rounds)\n", m, v[1], v[NR], NR }'
