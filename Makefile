# Thin wrapper over CMake (DESIGN.md §6). `make test` runs every variant.
JOBS     ?= $(shell nproc)
CTEST_J  ?= $(JOBS)
CMAKE    ?= cmake
PREFIX   ?= /usr/local
GCC      ?= gcc
CLANG    ?= clang

.PHONY: all build run test check asan tsan memcheck coverage bench install deps format clean

all: build

# Each variant builds in build/<variant>.
build/%/Makefile:
	$(CMAKE) -S . -B build/$* $(VARIANT_FLAGS_$*) >/dev/null

VARIANT_FLAGS_check    = -DCMAKE_C_COMPILER=$(GCC)
VARIANT_FLAGS_asan     = -DCMAKE_C_COMPILER=$(GCC) -DASAN=ON -DUBSAN=ON
VARIANT_FLAGS_tsan     = -DCMAKE_C_COMPILER=$(CLANG) -DTSAN=ON
VARIANT_FLAGS_memcheck = -DCMAKE_C_COMPILER=$(GCC) -DMEMCHECK=ON
VARIANT_FLAGS_coverage = -DCMAKE_C_COMPILER=$(GCC) -DCOVERAGE=ON -DCMAKE_BUILD_TYPE=Debug
VARIANT_FLAGS_release  = -DCMAKE_C_COMPILER=$(GCC) -DCMAKE_BUILD_TYPE=Release -DGONET_TESTS=OFF -DGONET_BENCH=ON

build: deps build/check/Makefile
	$(MAKE) -C build/check -j$(JOBS) --no-print-directory

# The demo (examples/).
run: deps
	$(CMAKE) -S . -B build/release $(VARIANT_FLAGS_release) >/dev/null
	$(MAKE) -C build/release -j$(JOBS) --no-print-directory demo
	./build/release/examples/demo

check asan tsan memcheck: deps
	@tests/run_variant.sh $@

# Every variant; a failure in one does not hide the others.
test: deps
	@tests/run_variant.sh check asan tsan memcheck

coverage: deps build/coverage/Makefile
	@tests/run_variant.sh coverage
	@mkdir -p build/coverage/html
	gcovr -r . build/coverage --filter '^(errors|syscall|internal_oserror|os|io|runtime_netpoll|internal_poll|hooks|socktest|net|context|time|sync|os_signal)/' \
		--exclude-unreachable-branches --exclude-throw-branches \
		--html-details build/coverage/html/index.html --print-summary
	@echo "report: build/coverage/html/index.html"

# gonet's programs (release build), then the side-by-side run (bench/).
bench: deps
	$(CMAKE) -S . -B build/release $(VARIANT_FLAGS_release) >/dev/null
	$(MAKE) -C build/release -j$(JOBS) --no-print-directory
	$(MAKE) -C bench

install: deps
	$(CMAKE) -S . -B build/release $(VARIANT_FLAGS_release) -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	$(MAKE) -C build/release -j$(JOBS) --no-print-directory install

# Installs what the build needs when it is missing (Debian, as root).
deps:
	@tests/deps.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build
