#!/bin/bash
# Counts the system calls each echo server makes per message under the same
# load: read, recvfrom, write, sendto, epoll_wait/epoll_pwait, futex and
# nanosleep, from the kernel's syscall tracepoints (perf stat), over one
# window, and
# divides them by the messages loadgen echoed in that window. It explains a
# CPU/msg ratio (one more epoll wait per message is a few hundred ns here);
# it is not a speed measurement. The last two columns are how often the
# server (all its threads) and the loadgen went to sleep over the same
# window (voluntary context switches, /proc/PID/task/*/status): in
# ping-pong the side that is ahead sleeps, and the other pays for waking it
# in its send (bench/README.md, syscalls.sh).
#
#   bench/syscalls.sh [loadgen args]     default: -c 100 -size 64 -rate 50000
#
# Environment: SERVERS ["gonet go epoll"]  WARMUP [1]  MEASURE [2] (seconds)
#              SERVER_CPU [0]  LOAD_CPU [1]
#              GONET_ECHO [../build/release/examples/echo_server]
# Needs perf (Debian: linux-perf) and the right to read tracepoints (root,
# or kernel.perf_event_paranoid <= -1).
set -u
cd "$(dirname "$0")" || exit 1
ROOT=$(cd .. && pwd)
BIN=$(pwd)/bin
ARGS=("$@")
[ ${#ARGS[@]} -eq 0 ] && ARGS=(-c 100 -size 64 -rate 50000)
SERVERS=${SERVERS:-"gonet go epoll"}
WARMUP=${WARMUP:-1} MEASURE=${MEASURE:-2}
SERVER_CPU=${SERVER_CPU:-0} LOAD_CPU=${LOAD_CPU:-1}
GONET_ECHO=${GONET_ECHO:-$ROOT/build/release/examples/echo_server}
CALLS="read recvfrom write sendto epoll_wait epoll_pwait futex nanosleep"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

command -v perf >/dev/null || { echo "syscalls.sh: perf missing (apt-get install linux-perf)" >&2; exit 1; }
for t in "$BIN/loadgen" "$BIN/epoll_echo" "$BIN/go_echo" "$GONET_ECHO"; do
	[ -x "$t" ] || { echo "syscalls.sh: $t missing: build it first (make -C bench all)" >&2; exit 1; }
done

# shellcheck source=lib.sh
. ./lib.sh # listening

events=""
for c in $CALLS; do events="$events,syscalls:sys_enter_$c"; done
events=${events#,}

# Voluntary context switches of every thread of process $1 so far.
sleeps() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ {s += $2} END {print s + 0}'; }

printf '%-6s %9s' server msgs
for c in $CALLS; do printf ' %11s' "$c"; done
printf ' %11s %11s   (per message)\n' "sleeps srv" "sleeps load"
for srv in $SERVERS; do
	case $srv in
	gonet) cmd=$GONET_ECHO ;;
	go) cmd=$BIN/go_echo ;;
	epoll) cmd=$BIN/epoll_echo ;;
	*) echo "syscalls.sh: unknown server $srv" >&2; exit 2 ;;
	esac
	port=$((30000 + RANDOM % 20000))
	taskset -c "$SERVER_CPU" "$cmd" -addr 127.0.0.1:$port >/dev/null 2>&1 &
	pid=$!
	for _ in $(seq 100); do listening $port && break; sleep 0.05; done
	dur=$(awk -v w="$WARMUP" -v m="$MEASURE" 'BEGIN {print w + m + 1}')
	taskset -c "$LOAD_CPU" "$BIN/loadgen" -addr 127.0.0.1:$port "${ARGS[@]}" \
		-warmup 0 -duration "$dur" >"$TMP/load.json" &
	load=$!
	sleep "$WARMUP"
	# loadgen prints totals only at its end, so the window's messages are
	# its rate times the window: run with -rate (open loop) for an exact
	# count; without it the count is the run's average rate.
	s0=$(sleeps $pid) l0=$(sleeps $load)
	perf stat -x, -e "$events" -p $pid -o "$TMP/stat.csv" -- sleep "$MEASURE" >/dev/null 2>&1
	s1=$(sleeps $pid) l1=$(sleeps $load)
	wait $load
	kill -TERM $pid 2>/dev/null
	wait $pid 2>/dev/null
	msgs=$(grep -oE '"msgs_per_s":[0-9.]+' "$TMP/load.json" | cut -d: -f2)
	msgs=$(awk -v r="$msgs" -v m="$MEASURE" 'BEGIN {printf "%d", r * m}')
	printf '%-6s %9d' "$srv" "$msgs"
	for c in $CALLS; do
		n=$(awk -F, -v e="syscalls:sys_enter_$c" '$3 == e {print $1}' "$TMP/stat.csv")
		awk -v n="${n:-0}" -v m="$msgs" 'BEGIN {if (n ~ /^[0-9]+$/ && m > 0) printf " %11.2f", n / m; else printf " %11s", "-"}'
	done
	awk -v s=$((s1 - s0)) -v l=$((l1 - l0)) -v m="$msgs" \
		'BEGIN {if (m > 0) printf " %11.4f %11.4f", s / m, l / m; else printf " %11s %11s", "-", "-"}'
	printf '\n'
done
