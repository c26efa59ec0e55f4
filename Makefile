# sim — build, test and run the Go bootstrap simulator.
# Everything is found through pkg-config; `make deps` installs what is missing
# (golang-1.19-go is the oracle the assembler tests compare against; tmux
# drives the debugger's end-to-end test; golang-1.21-go, from
# bookworm-backports, builds the second set of real programs that
# `make real-tests` and `make conformance` run).

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS    := unicorn capstone yaml-0.1 cunit ncursesw libdw
DEB_PKGS := libunicorn-dev libcapstone-dev libyaml-dev libcunit1-dev libncurses-dev libdw-dev pkg-config tmux golang-1.19-go time qemu-user
# Packages that bookworm has only in bookworm-backports.
DEB_BACKPORTS := golang-1.21-go
BACKPORTS_LIST := /etc/apt/sources.list.d/sim-backports.list
# The toolchains the real programs are built with (tests/real/build.sh skips
# one that is missing).
REAL_GOS := /usr/lib/go-1.19/bin/go /usr/lib/go-1.21/bin/go

# The normal build links with LTO: the tracer's hot paths call small
# functions across files (memory reads, the trace's packers), and inlining
# them made a trace about 10% faster.  `make LTO=` builds without.
LTO     ?= -flto=auto
ifeq ($(SANITIZE),1)
BUILD   := build/san
MODEFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD   := build/rel
MODEFLAGS := $(LTO)
endif
BIN     := $(if $(filter 1,$(SANITIZE)),$(BUILD)/bin,bin)

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I. -I$(BUILD) $(PKG_CFLAGS) $(MODEFLAGS)
LDFLAGS += $(MODEFLAGS)
LDLIBS  += $(PKG_LIBS) -lm

LIB_SRC  := $(filter-out sim/main.c,$(wildcard sim/*.c sim/debug/*.c verify/*.c cpu/*.c cpu/asm/*.c linux/*.c runtime_model/*.c traces/*.c))
TEST_SRC := $(wildcard tests/*.c)
EMBED    := $(sort $(wildcard runtime_model/asm/*.s runtime_model/asm/*.h configs/*.s configs/*.yaml))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
# Every config has a golden trace, except the benchmarks' (their traces run
# to hundreds of megabytes or gigabytes).
GOLDEN_CONFIGS := $(filter-out configs/bench-% configs/debug-bench.yaml,$(wildcard configs/*.yaml))
DEPS     := $(LIB_OBJ:.o=.d) $(BUILD)/sim/main.d $(TEST_SRC:%.c=$(BUILD)/%.d)

.PHONY: all deps run test unit e2e check-traces golden bench bench-debug install clean ci-san real-tests conformance conformance-fast verify
all: $(BIN)/sim

# The backports source is added only when no apt source names
# bookworm-backports yet (one-line or deb822 format), so that an existing
# one is not duplicated.
deps:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	bp=""; for p in $(DEB_BACKPORTS); do dpkg -s $$p >/dev/null 2>&1 || bp="$$bp $$p"; done; \
	if [ -z "$$missing$$bp" ]; then exit 0; fi; \
	has_bp() { grep -qs '^[^#]*bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; }; \
	if [ "$$(id -u)" = 0 ]; then echo "installing:$$missing$$bp"; \
	  if [ -n "$$bp" ] && ! has_bp; then \
	    echo "deb http://deb.debian.org/debian bookworm-backports main" > $(BACKPORTS_LIST); fi; \
	  apt-get update -qq && \
	  { [ -z "$$missing" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; } && \
	  { [ -z "$$bp" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports $$bp; }; \
	else echo "missing packages:$$missing$$bp"; \
	  [ -z "$$missing" ] || echo "run: sudo apt-get install -y$$missing"; \
	  if [ -n "$$bp" ]; then \
	    has_bp || echo "run: echo 'deb http://deb.debian.org/debian bookworm-backports main' | sudo tee $(BACKPORTS_LIST)"; \
	    echo "run: sudo apt-get update && sudo apt-get install -y -t bookworm-backports$$bp"; fi; \
	  exit 1; fi

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) -O1 -Wall -Wextra -Werror $< -o $@

$(BUILD)/embedded.c: $(BUILD)/tools/embed $(EMBED) Makefile
	@echo "  EMBED   $(words $(EMBED)) files"
	@$(BUILD)/tools/embed $(EMBED) > $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c $< -o $@

$(BIN)/sim: $(BUILD)/sim/main.o $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)

$(BIN)/unit-tests: $(TEST_SRC:%.c=$(BUILD)/%.o) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)

run: deps
	$(MAKE) all
	$(BIN)/sim run configs/boot.yaml

# End-to-end scripts and the golden traces first, then CUnit, so the run
# ends with CUnit's summary.
test: deps
	$(MAKE) $(BIN)/sim $(BIN)/unit-tests
	SIM=$(BIN)/sim sh tests/e2e/run-all.sh
	$(MAKE) check-traces
	$(MAKE) real-tests
	$(MAKE) conformance-fast
	$(MAKE) fuzz-replay
	cd tests && ../$(BIN)/unit-tests

# The debugger's latency on a run of a million instructions: step, reverse
# step and g N each within 50 ms (exit status 1 if not).
bench-debug: $(BIN)/sim
	$(BIN)/sim debug configs/debug-bench.yaml --bench-latency

# Real static Go programs (tests/real/progs) built with each toolchain of
# REAL_GOS and run natively and under `sim run`: same stdout, stderr and exit
# status.  SIM_RUN=env checks the harness without sim (tests/real/run.sh).
# Then the hostile programs (tests/hostile/run.sh: docs/real-programs.md).
real-tests: $(if $(SIM_RUN),,$(BIN)/sim)
	sh tests/real/build.sh $(REAL_GOS)
	$(if $(SIM_RUN),,SIM=$(BIN)/sim sh tests/real/layout.sh $(REAL_GOS))
	SIM=$(BIN)/sim sh tests/real/run.sh
	$(if $(SIM_RUN),,SIM=$(BIN)/sim sh tests/real/dump.sh)
	$(if $(SIM_RUN),,SIM=$(BIN)/sim sh tests/real/debug.sh)
	$(if $(SIM_RUN),,SIM=$(BIN)/sim sh tests/hostile/run.sh)
	$(if $(SIM_RUN),,SIM=$(BIN)/sim sh tests/real/verify.sh)

# sim verify over the real test programs, each toolchain: every C model
# against the real function at every call, and --model in place of them
# (tests/real/verify.sh).
verify: $(BIN)/sim
	sh tests/real/build.sh $(REAL_GOS)
	SIM=$(BIN)/sim sh tests/real/verify.sh

# go1.19's test/ `// run` tests under `sim run`, judged as test/run.go judges
# them (tools/conformance.sh: CONF_GO, CONF_SUBSET=fast, CONF_TIMEOUT ...).
conformance: $(if $(SIM_RUN),,$(BIN)/sim)
	SIM=$(BIN)/sim sh tools/conformance.sh

# The fast list (tests/real/conformance-fast.txt) with both toolchains:
# what make test runs; it builds only the listed tests.
conformance-fast: $(BIN)/sim
	CONF_SUBSET=fast SIM=$(BIN)/sim sh tools/conformance.sh
	CONF_SUBSET=fast CONF_GO=/usr/lib/go-1.21/bin/go SIM=$(BIN)/sim sh tools/conformance.sh

# Each config's trace against traces/golden/<name>.trace (sim diff).
check-traces: $(BIN)/sim
	SIM=$(BIN)/sim sh tests/check-traces.sh $(GOLDEN_CONFIGS)

# Rewrite the golden traces, on purpose (review the git diff before committing).
golden: $(BIN)/sim
	SIM=$(BIN)/sim sh tests/check-traces.sh --update $(GOLDEN_CONFIGS)

# Speed and memory figures for configs/bench-spawn.yaml and the debugger's
# latencies (docs/performance.md).
bench: deps
	$(MAKE) $(BIN)/sim
	SIM=$(BIN)/sim sh tools/bench.sh
	SIM=$(BIN)/sim sh tools/bench-real.sh
	$(MAKE) bench-debug

# The binary, its manual page (man sim) and its bash completion.
install: $(BIN)/sim
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 0755 $(BIN)/sim $(DESTDIR)$(PREFIX)/bin/sim
	install -m 0644 share/man/sim.1 $(DESTDIR)$(PREFIX)/share/man/man1/sim.1
	install -m 0644 share/bash-completion/sim $(DESTDIR)$(PREFIX)/share/bash-completion/completions/sim

clean:
	rm -rf build bin

include tests/fuzz/fuzz.mk

-include $(DEPS)
