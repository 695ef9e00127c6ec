#!/bin/bash
# Runs gonet's benchmarks side by side with Go 1.19 and with the epoll
# server, and writes bench/results/latest.md and latest.png (bench/README.md).
#
# Every run starts a fresh server pinned to CPU $SERVER_CPU and drives it
# from CPU $LOAD_CPU. Scenarios are interleaved (gonet, go, epoll, gonet, ...)
# and the whole set is repeated $ROUNDS times; the report takes medians.
# Missing gonet binaries are reported as "not built".
#
# Environment (defaults in brackets):
#   BENCH_QUICK=1       1 round, 0.5 s warm-up + 1.5 s windows, 2000 idle
#                       connections, micro-benchmarks at a tenth: a smoke
#                       test, not numbers to compare
#   ROUNDS [3]  WARMUP [2]  MEASURE [4]  (seconds)  IDLE_CONNS [10000]
#   SCENARIOS ["pp1 pp100 pp1000 rate100 rate1000 big100 connect50 idle wrk100"]
#   RATE [50000]  messages per second offered in rate100 and rate1000
#   SERVERS ["gonet go epoll"]  SERVER_CPU [0]  LOAD_CPU [1]
#   GONET_ECHO [../build/release/examples/echo_server]
#   GONET_HTTPD [../build/release/bench/gonet/httpd]
#   GONET_MICRO [../build/release/bench/gonet/micro]
#   BENCH_OUT [results]  where raw.jsonl, micro.jsonl, latest.md/png go
set -u
cd "$(dirname "$0")" || exit 1
BENCH=$(pwd)
ROOT=$(cd .. && pwd)
BIN=$BENCH/bin

QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
	ROUNDS=${ROUNDS:-1} WARMUP=${WARMUP:-0.5} MEASURE=${MEASURE:-1.5}
	IDLE_CONNS=${IDLE_CONNS:-2000} WRK_WARMUP=1 WRK_MEASURE=2 MICRO_FLAGS=-quick
else
	ROUNDS=${ROUNDS:-3} WARMUP=${WARMUP:-2} MEASURE=${MEASURE:-4}
	IDLE_CONNS=${IDLE_CONNS:-10000} WRK_WARMUP=1 WRK_MEASURE=${MEASURE%.*} MICRO_FLAGS=
fi
SCENARIOS=${SCENARIOS:-"pp1 pp100 pp1000 rate100 rate1000 big100 connect50 idle wrk100"}
RATE=${RATE:-50000}
SERVERS=${SERVERS:-"gonet go epoll"}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
GONET_ECHO=${GONET_ECHO:-$ROOT/build/release/examples/echo_server}
GONET_HTTPD=${GONET_HTTPD:-$ROOT/build/release/bench/gonet/httpd}
GONET_MICRO=${GONET_MICRO:-$ROOT/build/release/bench/gonet/micro}
OUT=${BENCH_OUT:-$BENCH/results}
CLK_TCK=$(getconf CLK_TCK)

for t in "$BIN/loadgen" "$BIN/epoll_echo" "$BIN/go_echo" "$BIN/go_httpd" "$BIN/go_micro" "$BIN/report"; do
	[ -x "$t" ] || { echo "bench: $t missing: run 'make -C bench all' first" >&2; exit 1; }
done
command -v taskset >/dev/null || { echo "bench: taskset missing (util-linux)" >&2; exit 1; }
if [ "$(nproc)" -lt 2 ]; then
	echo "bench: needs 2 CPUs (server and load generator on their own); found $(nproc)" >&2
	exit 1
fi

# Room for 10 000+ connections in the servers and the load generator (the
# hard limit can only be raised with CAP_SYS_RESOURCE).
ulimit -Hn 65536 2>/dev/null
ulimit -n "$(ulimit -Hn)" 2>/dev/null

mkdir -p "$OUT"
RAW=$OUT/raw.jsonl
MICRO=$OUT/micro.jsonl
: >"$RAW"
: >"$MICRO"
LOGDIR=$OUT/logs
mkdir -p "$LOGDIR"
START=$(date +%s)
PORT=$((21000 + RANDOM % 500))
SPID=

# Binary and arguments of server $1 for scenario kind $2 (echo or http), or
# nothing when it is not built.
server_cmd() {
	case $1/$2 in
	gonet/echo) [ -x "$GONET_ECHO" ] && echo "$GONET_ECHO" ;;
	gonet/http) [ -x "$GONET_HTTPD" ] && echo "$GONET_HTTPD" ;;
	go/echo) echo "$BIN/go_echo" ;;
	go/http) echo "$BIN/go_httpd" ;;
	epoll/echo) echo "$BIN/epoll_echo" ;;
	epoll/http) echo "$BIN/epoll_echo -http" ;;
	esac
}

server_path() {
	case $1/$2 in
	gonet/echo) echo "$GONET_ECHO" ;;
	gonet/http) echo "$GONET_HTTPD" ;;
	esac
}

# shellcheck source=lib.sh
. "$BENCH/lib.sh" # listening, loadgen_args

# Starts server $1 ($2: echo|http) on a fresh port; sets SPID and ADDR.
start_server() {
	local cmd
	cmd=$(server_cmd "$1" "$2")
	PORT=$((PORT + 1))
	ADDR=127.0.0.1:$PORT
	# shellcheck disable=SC2086 # $cmd holds the binary and its flags
	taskset -c "$SERVER_CPU" $cmd -addr "$ADDR" >"$LOGDIR/$1.$2.log" 2>&1 &
	SPID=$!
	for _ in $(seq 100); do
		listening "$PORT" && return 0
		kill -0 "$SPID" 2>/dev/null || break
		sleep 0.05
	done
	echo "bench: server $1 did not listen on $ADDR (log: $LOGDIR/$1.$2.log)" >&2
	kill -KILL "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
	SPID=
	return 1
}

# Stops the server with SIGTERM; sets ST to its exit status (124: it had to
# be killed).
stop_server() {
	kill -TERM "$SPID" 2>/dev/null
	for _ in $(seq 50); do
		kill -0 "$SPID" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$SPID" 2>/dev/null; then
		kill -KILL "$SPID" 2>/dev/null
		wait "$SPID" 2>/dev/null
		ST=124
	else
		wait "$SPID"
		ST=$?
	fi
	SPID=
}

cpu_us() {
	# utime + stime of every thread, fields 14 and 15 after the command name.
	local s
	s=$(sed 's/^.*) //' "/proc/$1/stat")
	# shellcheck disable=SC2086
	set -- $s
	echo $(((${12} + ${13}) * 1000000 / CLK_TCK))
}

# Turns wrk --latency output (stdin) into the loadgen JSON fields.
wrk_json() {
	awk -v cpu="$1" -v conns="$2" '
	function us(v) {
		if (v ~ /us$/) return v + 0
		if (v ~ /ms$/) return (v + 0) * 1000
		if (v ~ /s$/) return (v + 0) * 1000000
		return v + 0
	}
	/^ +50%/ { p50 = us($2) }
	/^ +99%/ { p99 = us($2) }
	/ requests in / { reqs = $1; dur = $4; sub(/s,$/, "", dur) }
	/Socket errors/ { gsub(/,/, ""); errs += $4 + $6 + $8 + $10 }
	/Non-2xx/ { errs += $NF }
	/^Requests\/sec:/ { rps = $2 }
	END {
		if (reqs == "") { print "null"; exit }
		printf "{\"mode\":\"wrk\",\"conns\":%d,\"duration_s\":%s,\"msgs\":%d,\"msgs_per_s\":%.1f", conns, dur, reqs, rps
		printf ",\"p50_us\":%.1f,\"p99_us\":%.1f,\"p999_us\":null,\"server_cpu_us\":%d", p50, p99, cpu
		if (reqs > 0) printf ",\"server_cpu_us_per_msg\":%.3f", cpu / reqs
		if (dur > 0) printf ",\"server_cpu_pct\":%.1f", cpu / (dur * 10000)
		printf ",\"errors\":%d}\n", errs
	}'
}

# One run of scenario $2 against server $1 in round $3; appends to raw.jsonl.
run_one() {
	local srv=$1 sc=$2 round=$3 kind=echo res c0 c1
	[ "$sc" = wrk100 ] && kind=http
	if [ -z "$(server_cmd "$srv" "$kind")" ]; then
		if [ "$round" = 1 ]; then
			printf '{"round":%d,"scenario":"%s","server":"%s","status":"not built","path":"%s"}\n' \
				"$round" "$sc" "$srv" "$(server_path "$srv" "$kind")" >>"$RAW"
		fi
		return
	fi
	if ! start_server "$srv" "$kind"; then
		printf '{"round":%d,"scenario":"%s","server":"%s","status":"did not start"}\n' \
			"$round" "$sc" "$srv" >>"$RAW"
		return
	fi
	if [ "$kind" = http ]; then
		taskset -c "$LOAD_CPU" wrk -t1 -c100 -d"${WRK_WARMUP}s" "http://$ADDR/" >/dev/null 2>&1
		c0=$(cpu_us "$SPID")
		taskset -c "$LOAD_CPU" wrk -t1 -c100 -d"${WRK_MEASURE}s" --latency "http://$ADDR/" \
			>"$LOGDIR/wrk.$srv.$round.txt" 2>&1
		c1=$(cpu_us "$SPID")
		res=$(wrk_json $((c1 - c0)) 100 <"$LOGDIR/wrk.$srv.$round.txt")
	else
		# shellcheck disable=SC2046
		res=$(taskset -c "$LOAD_CPU" "$BIN/loadgen" -addr "$ADDR" $(loadgen_args "$sc") \
			-warmup "$WARMUP" -duration "$MEASURE" -setup-timeout 20 -server-pid "$SPID" \
			2>>"$LOGDIR/loadgen.log")
		[ -n "$res" ] || res=null
	fi
	stop_server
	printf '{"round":%d,"scenario":"%s","server":"%s","status":"ok","exit":%d,"result":%s}\n' \
		"$round" "$sc" "$srv" "$ST" "$res" >>"$RAW"
	printf '  %-9s %-6s %s\n' "$sc" "$srv" "$res" >&2
}

run_micro() {
	local round=$1 line bin
	for srv in $SERVERS; do
		case $srv in
		go) bin=$BIN/go_micro ;;
		gonet) bin=$GONET_MICRO ;;
		*) continue ;;
		esac
		if [ ! -x "$bin" ]; then
			[ "$round" = 1 ] && printf '{"round":1,"impl":"%s","status":"not built","path":"%s"}\n' \
				"$srv" "$bin" >>"$MICRO"
			continue
		fi
		# shellcheck disable=SC2086
		taskset -c "$SERVER_CPU" "$bin" $MICRO_FLAGS 2>>"$LOGDIR/micro.log" |
			while IFS= read -r line; do
				printf '{"round":%d,"status":"ok","result":%s}\n' "$round" "$line" >>"$MICRO"
				printf '  micro     %-6s %s\n' "$srv" "$line" >&2
			done
	done
}

cleanup() {
	[ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null
}
trap cleanup EXIT

echo "bench: rounds=$ROUNDS warmup=${WARMUP}s measure=${MEASURE}s quick=$QUICK servers=[$SERVERS]" >&2
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$ROUNDS"); do
	echo "bench: round $round of $ROUNDS" >&2
	for sc in $SCENARIOS; do
		for srv in $SERVERS; do
			run_one "$srv" "$sc" "$round"
		done
	done
	run_micro "$round"
done
ELAPSED=$(($(date +%s) - START))
echo "bench: measured in ${ELAPSED}s" >&2

"$BIN/report" -raw "$RAW" -micro "$MICRO" -out "$OUT" -quick="$([ "$QUICK" = 1 ] && echo true || echo false)" \
	-rounds "$ROUNDS" -warmup "$WARMUP" -measure "$MEASURE" -wrk-measure "$WRK_MEASURE" \
	-idle-conns "$IDLE_CONNS" -elapsed "$ELAPSED" -loadavg "$LOADAVG" \
	-server-cpu "$SERVER_CPU" -load-cpu "$LOAD_CPU" -root "$ROOT"
