#!/bin/bash
# Builds and runs the test suites in each variant named on the command line
# (check asan tsan memcheck coverage), then prints one closing line with the
# totals. Exits non-zero if any build or test failed.
set -u
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}
passed=0
failed=0
status=0
declare -A flags=(
	[check]="-DCMAKE_C_COMPILER=${GCC:-gcc}"
	[asan]="-DCMAKE_C_COMPILER=${GCC:-gcc} -DASAN=ON -DUBSAN=ON"
	[tsan]="-DCMAKE_C_COMPILER=${CLANG:-clang} -DTSAN=ON"
	[memcheck]="-DCMAKE_C_COMPILER=${GCC:-gcc} -DMEMCHECK=ON"
	[coverage]="-DCMAKE_C_COMPILER=${GCC:-gcc} -DCOVERAGE=ON -DCMAKE_BUILD_TYPE=Debug"
)
for v in "$@"; do
	dir=build/$v
	echo "=== $v"
	mkdir -p build
	if ! cmake -S . -B "$dir" ${flags[$v]} >"build/$v.cmake.log" 2>&1; then
		cat "build/$v.cmake.log"; echo "=== $v: configure FAILED"; status=1; failed=$((failed+1)); continue
	fi
	if ! make -C "$dir" -j"$jobs" --no-print-directory >"build/$v.build.log" 2>&1; then
		grep -E 'error|Error' "build/$v.build.log" | head -40
		echo "=== $v: build FAILED (build/$v.build.log)"; status=1; failed=$((failed+1)); continue
	fi
	log=build/$v.ctest.log
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}" \
	ASAN_OPTIONS="detect_leaks=1 ${ASAN_OPTIONS:-}" \
	UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1" \
		ctest --test-dir "$dir" -j"${CTEST_J:-$jobs}" --output-on-failure ${CTEST_ARGS:-} 2>&1 | tee "$log" |
		grep -vE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* +Passed|^ +Start +[0-9]+: ' || true
	line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1)
	if [ -z "$line" ]; then
		echo "=== $v: ctest printed no summary"; status=1; failed=$((failed+1)); continue
	fi
	total=$(echo "$line" | sed -E 's/.*out of ([0-9]+).*/\1/')
	nfail=$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed.*/\1/')
	passed=$((passed + total - nfail))
	failed=$((failed + nfail))
	[ "$nfail" = 0 ] || status=1
done
echo "gonet: $passed passed, $failed failed"
exit $status
