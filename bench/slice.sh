#!/bin/bash
# Compares echo servers measured in turns a tenth of a second long. All
# of them run at once, pinned to CPU $SERVER_CPU, each driven by its own
# loadgen on CPU $LOAD_CPU; this script stops every loadgen but one
# (SIGSTOP) and hands the turn on every $SLICE seconds, so one server works
# at a time, alone on its CPU, and the others sit idle. Whatever else the
# machine does over the run (bench/README.md: one server's CPU per message
# moves by a quarter within minutes) falls on all of them alike, as with
# ab.sh, without ab.sh's bias of two busy servers sharing a CPU.
#
# Each loadgen measures its server's CPU time and the messages echoed over
# its own window (which then spans idle turns as well: a server's idle work
# is charged to it); messages per second divide by the time its turns
# overlapped that window. A fixed-rate loadgen (-rate R) offers R messages
# per second during its turns: after a stop it moves its schedule on rather
# than catching up in a burst. The latencies the loadgens print are not
# comparable with run.sh's and this script ignores them.
#
#   bench/slice.sh SERVER... [-- loadgen args]
#   bench/slice.sh build/release/examples/echo_server bench/bin/go_echo \
#       bench/bin/epoll_echo -- -c 100 -size 64
#
# Environment: ROUNDS [5]  WARMUP [2]  MEASURE [4] (seconds of turns per
#              server)  SLICE [0.1]  SERVER_CPU [0]  LOAD_CPU [1]
#              SUMMARY [none]: a file to append the medians to, one line per
#              other server: "k cpu min max msgs_per_s min max rounds"
# Prints a line per round and the medians of the first server's ratios to
# each of the others: CPU per message (lower is better for the first) and
# messages per second (higher is better).
set -u
servers=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	servers+=("$1")
	shift
done
[ $# -gt 0 ] && shift
ARGS=("$@")
[ ${#ARGS[@]} -eq 0 ] && ARGS=(-c 100 -size 64)
N=${#servers[@]}
if [ "$N" -lt 2 ]; then
	echo "usage: slice.sh SERVER SERVER... [-- loadgen args, default -c 100 -size 64]" >&2
	exit 2
fi
ROUNDS=${ROUNDS:-5} WARMUP=${WARMUP:-2} MEASURE=${MEASURE:-4} SLICE=${SLICE:-0.1}
SERVER_CPU=${SERVER_CPU:-0} LOAD_CPU=${LOAD_CPU:-1}
LOADGEN=$(cd "$(dirname "$0")" && pwd)/bin/loadgen
[ -x "$LOADGEN" ] || { echo "slice.sh: build $LOADGEN first (make -C bench all)" >&2; exit 1; }
TMP=$(mktemp -d)
spids=() lpids=()
cleanup() {
	kill -CONT "${lpids[@]}" 2>/dev/null
	kill -TERM "${lpids[@]}" "${spids[@]}" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh" # listening, awaitListening

# Microseconds since the epoch, without a fork.
nowUs() { local t=$EPOCHREALTIME; echo "${t/[.,]/}"; }

# Starts the servers and their stopped loadgens for one round.
startRound() {
	local base=$((30000 + N * (RANDOM % 1000))) k
	spids=() lpids=()
	rm -f "$TMP"/*.json
	for k in $(seq 0 $((N - 1))); do
		taskset -c "$SERVER_CPU" "${servers[$k]}" -addr 127.0.0.1:$((base + k)) >/dev/null 2>&1 &
		spids+=($!)
	done
	for k in $(seq 0 $((N - 1))); do
		awaitListening $((base + k)) || { echo "slice.sh: ${servers[$k]} did not start" >&2; exit 1; }
	done
	for k in $(seq 0 $((N - 1))); do
		taskset -c "$LOAD_CPU" "$LOADGEN" -addr 127.0.0.1:$((base + k)) \
			-server-pid "${spids[$k]}" "${ARGS[@]}" \
			-warmup "$(awk -v w="$WARMUP" -v n="$N" 'BEGIN {print w * n}')" \
			-duration "$(awk -v m="$MEASURE" -v n="$N" 'BEGIN {print m * n}')" \
			>"$TMP/$k.json" &
		lpids+=($!)
		kill -STOP $! # it runs only in its turns
	done
}

# Hands the turn round until every loadgen has printed its line; logs
# "k start_us end_us" per turn.
takeTurns() {
	local k=0 left t0 t1
	: >"$TMP/turns"
	while :; do
		left=0
		for j in $(seq 0 $((N - 1))); do
			[ -s "$TMP/$j.json" ] || left=1
		done
		[ $left = 0 ] && break
		if [ -s "$TMP/$k.json" ]; then
			k=$(((k + 1) % N))
			continue
		fi
		kill -CONT "${lpids[$k]}"
		t0=$(nowUs)
		sleep "$SLICE"
		kill -STOP "${lpids[$k]}" 2>/dev/null # it may have finished
		t1=$(nowUs)
		echo "$k $t0 $t1" >>"$TMP/turns"
		k=$(((k + 1) % N))
	done
	kill -CONT "${lpids[@]}" 2>/dev/null
	wait "${lpids[@]}"
	kill -TERM "${spids[@]}" 2>/dev/null
	wait "${spids[@]}" 2>/dev/null
}

# One line per server: "cpu_ns_per_msg msgs_per_s active_s", from its
# loadgen's JSON and the turns that overlapped its window.
results() {
	local k
	for k in $(seq 0 $((N - 1))); do
		awk -v k="$k" -v f="$TMP/$k.json" '
			function field(l, name) {
				if (match(l, "\"" name "\":[0-9.]+")) return substr(l, RSTART + length(name) + 3, RLENGTH - length(name) - 3)
				return ""
			}
			BEGIN {
				getline l < f
				msgs = field(l, "msgs"); cpu = field(l, "server_cpu_us")
				if (!match(l, /"window_unix_us":\[[0-9]+,[0-9]+\]/) || msgs == "" || msgs == 0 || cpu == "") { print "error"; exit }
				split(substr(l, RSTART + 18, RLENGTH - 19), w, ",")
			}
			$1 == k {
				s = ($2 > w[1]) ? $2 : w[1]; e = ($3 < w[2]) ? $3 : w[2]
				if (e > s) active += e - s
			}
			END {
				if (msgs == "" || active == 0) exit
				printf "%.0f %.0f %.2f\n", cpu * 1000 / msgs, msgs / (active / 1e6), active / 1e6
			}' "$TMP/turns"
	done
}

for k in $(seq 1 $((N - 1))); do : >"$TMP/ratios.$k"; done
for r in $(seq "$ROUNDS"); do
	startRound
	takeTurns
	mapfile -t res < <(results)
	if [ ${#res[@]} -ne "$N" ] || printf '%s\n' "${res[@]}" | grep -q error; then
		echo "slice.sh: round $r: a load generator failed:" >&2
		cat "$TMP"/*.json >&2
		exit 1
	fi
	line="round $r:"
	read -r c0 m0 _ <<<"${res[0]}"
	for k in $(seq 0 $((N - 1))); do
		read -r c m a <<<"${res[$k]}"
		line+=$(printf '  [%d] %s ns/msg %s msgs/s (%ss)' "$k" "$c" "$m" "$a")
		if [ "$k" -gt 0 ]; then
			awk -v c="$c" -v c0="$c0" -v m="$m" -v m0="$m0" \
				'BEGIN {printf "%.4f %.4f\n", c0 / c, m0 / m}' >>"$TMP/ratios.$k"
		fi
	done
	echo "$line"
done
for k in $(seq 1 $((N - 1))); do
	awk -v k="$k" -v name="${servers[$k]}" -v first="${servers[0]}" -v summary="${SUMMARY:-}" '
		{ c[NR] = $1; m[NR] = $2 }
		function median(v, n,   i, j, t) {
			for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
			return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		}
		END {
			printf "[0] %s ÷ [%d] %s: CPU/msg median %.3f (%.3f-%.3f), ", first, k, name, median(c, NR), c[1], c[NR]
			printf "msgs/s median %.3f (%.3f-%.3f), %d rounds\n", median(m, NR), m[1], m[NR], NR
			if (summary != "")
				printf "%d %.3f %.3f %.3f %.3f %.3f %.3f %d\n", k, median(c, NR), c[1], c[NR],
					median(m, NR), m[1], m[NR], NR >>summary
		}' "$TMP/ratios.$k"
done
