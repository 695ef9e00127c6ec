# shellcheck shell=bash
# Shell functions shared by the bench scripts (sourced, not run).

# Is something listening on 127.0.0.1:$1 (or 0.0.0.0)? Read from /proc so
# that no probe connection reaches the server.
listening() {
	local hex
	hex=$(printf '%04X' "$1")
	grep -qE "^ *[0-9]+: (0100007F|00000000):$hex 00000000:0000 0A" /proc/net/tcp
}

# Waits until something listens on 127.0.0.1:$1.
awaitListening() {
	for _ in $(seq 100); do
		listening "$1" && return 0
		sleep 0.05
	done
	return 1
}

# The loadgen flags of scenario $1 (run.sh's and turns.sh's); uses $RATE
# and, for idle, $IDLE_CONNS.
loadgen_args() {
	case $1 in
	pp1) echo "-mode echo -c 1 -size 64" ;;
	pp100) echo "-mode echo -c 100 -size 64" ;;
	pp1000) echo "-mode echo -c 1000 -size 64" ;;
	rate100) echo "-mode echo -c 100 -size 64 -rate $RATE" ;;
	rate1000) echo "-mode echo -c 1000 -size 64 -rate $RATE" ;;
	big100) echo "-mode echo -c 100 -size 16384" ;;
	connect50) echo "-mode connect -inflight 50 -size 64" ;;
	idle) echo "-mode idle -c $IDLE_CONNS -size 64" ;;
	esac
}
