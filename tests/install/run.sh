#!/bin/bash
# The install test (issue 6, "Tests"): installs the current build into a
# temporary prefix, compiles install_test.c against the installed headers
# and library only (flags from `pkg-config gonet`), plus the tests/ helpers
# (testmain.c, gotest.h), links it with cmocka and runs it.
#
# usage: run.sh BUILD_DIR SOURCE_DIR CC [compiler/linker flags of the build...]
# GONET_MEMCHECK=1 runs the test program under $GONET_VALGRIND_CMD.
set -eu
build=$1 src=$2 cc=$3
shift 3
flags=("$@")

prefix=$(mktemp -d "${TMPDIR:-/tmp}/gonet-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" >"$prefix/install.log" ||
	{ cat "$prefix/install.log"; exit 1; }

pc=$(find "$prefix" -name gonet.pc -print -quit)
if [ -z "$pc" ]; then
	echo "install: no gonet.pc under $prefix"; exit 1
fi
# gonet.pc names the prefix chosen at configure time; the files are under
# $prefix now, so that is the prefix pkg-config must substitute.
export PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_LIBDIR=$(dirname "$pc")
pkgflags=(--define-variable=prefix="$prefix")
cflags=$(pkg-config "${pkgflags[@]}" --cflags gonet)
libs=$(pkg-config "${pkgflags[@]}" --libs gonet)
libdir=$(pkg-config "${pkgflags[@]}" --variable=libdir gonet)
case "$cflags" in
*"$prefix"*) ;;
*) echo "install: pkg-config --cflags gonet ($cflags) does not point into $prefix"; exit 1 ;;
esac

# Only the installed headers: the source tree's library folders must not be
# on the include path. tests/ gives gotest.h, testmain.h and testmain.c.
exe=$prefix/install_test
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Werror "${flags[@]}" $cflags -I"$src/tests" \
	"$src/tests/install/install_test.c" "$src/tests/testmain.c" -o "$exe" \
	$libs -lcmocka -Wl,-rpath,"$libdir"

# The program must use the installed shared library, not the build's.
if ! ldd "$exe" | grep -q "$libdir/libgonet"; then
	ldd "$exe"; echo "install: $exe does not load $libdir/libgonet.so"; exit 1
fi

if [ "${GONET_MEMCHECK:-0}" = 1 ] && [ -n "${GONET_VALGRIND_CMD:-}" ]; then
	# shellcheck disable=SC2086
	$GONET_VALGRIND_CMD "$exe"
else
	"$exe"
fi
