#!/bin/sh
# The README's echo server and client: start the server on a free port,
# send two messages, check they come back, stop the server with SIGTERM
# and check it exits 0. Usage: echo.sh ECHO_SERVER ECHO_CLIENT [WRAPPER...]
set -u
server=$1 client=$2
shift 2
out=$(mktemp) log=$(mktemp)
trap 'rm -f "$out" "$log"' EXIT
"$@" "$server" -addr 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
	addr=$(sed -n 's/^listening on //p' "$log")
	[ -n "$addr" ] && break
	sleep 0.1
done
if [ -z "$addr" ]; then echo "server did not start:"; cat "$log"; kill "$pid"; exit 1; fi
"$@" "$client" -addr "$addr" hello gonet >"$out" 2>&1 || { cat "$out"; kill "$pid"; exit 1; }
printf 'hello\ngonet\n' | cmp -s - "$out" || { echo "echo mismatch:"; cat "$out"; kill "$pid"; exit 1; }
kill -TERM "$pid"
wait "$pid"
status=$?
[ "$status" = 0 ] || { echo "server exited $status:"; cat "$log"; exit 1; }
echo "echo: ok"
