#!/bin/sh
# Installs the packages gonet's build and tests need, only when missing.
set -e
missing=""
[ -f /usr/include/cmocka.h ] || missing="$missing libcmocka-dev"
command -v gcovr >/dev/null 2>&1 || missing="$missing gcovr"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
command -v cmake >/dev/null 2>&1 || missing="$missing cmake"
command -v clang >/dev/null 2>&1 || missing="$missing clang"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "gonet: missing packages:$missing (run as root, or: sudo apt-get install -y$missing)" >&2
	exit 1
fi
echo "gonet: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq $missing >/dev/null
