# shellcheck shell=bash
# Shell functions shared by run.sh and ab.sh (sourced, not run).

# Is something listening on 127.0.0.1:$1 (or 0.0.0.0)? Read from /proc so
# that no probe connection reaches the server.
listening() {
	local hex
	hex=$(printf '%04X' "$1")
	grep -qE "^ *[0-9]+: (0100007F|00000000):$hex 00000000:0000 0A" /proc/net/tcp
}
