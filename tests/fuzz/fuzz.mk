# Fuzz targets (tests/fuzz/README.md), included by the Makefile.
#
#   make fuzz FUZZ_SECONDS=N   each target under libFuzzer for N seconds
#                              (clang, -fsanitize=fuzzer,address,undefined),
#                              starting from its seeds and crash corpus;
#                              findings go to build/fuzz/findings/.
#   make fuzz-replay           every corpus once, no fuzzing, with the
#                              targets built under gcc's ASan/UBSan
#                              (make test runs it).

FUZZ_TARGETS := config asm trace expr elf dwarf
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_DIR     := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_HELPERS := tests/fuzz/fuzz_util.c

.PHONY: fuzz fuzz-replay fuzz-build fuzz-run fuzz-replay-run fuzz-seeds

# The corpora of target T: its seeds, then the inputs that once made it fail.
fuzz_corpora = tests/fuzz/corpus/$(1) tests/fuzz/crashes/$(1)

# ---- replay: the library as SANITIZE=1 builds it (build/san), the target
# ---- and replay.c's main.
fuzz-replay:
	$(MAKE) SANITIZE=1 fuzz-replay-run

fuzz-replay-run: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay-%)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  $(BUILD)/fuzz/replay-$$t $(call fuzz_corpora,$$t); done

$(BUILD)/fuzz/replay-%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/replay.o \
                        $(FUZZ_HELPERS:%.c=$(BUILD)/%.o) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)

# ---- libFuzzer: the library rebuilt by clang into build/fuzz with coverage.
fuzz: deps
	@command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz needs clang (libFuzzer): apt-get install clang"; exit 2; }
	$(MAKE) CC=$(FUZZ_CC) LTO= BUILD=$(FUZZ_DIR) BIN=$(FUZZ_DIR)/bin \
	  MODEFLAGS='-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' \
	  fuzz-run

fuzz-run: $(FUZZ_TARGETS:%=$(BUILD)/fuzz-%) fuzz-seeds
	@mkdir -p $(BUILD)/findings
	@found=""; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(BUILD)/work/$$t; \
	  extra=""; [ -d $(BUILD)/seeds/$$t ] && extra=$(BUILD)/seeds/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  $(BUILD)/fuzz-$$t $(BUILD)/work/$$t $(call fuzz_corpora,$$t) $$extra \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
	    -artifact_prefix=$(BUILD)/findings/$$t- $(FUZZ_FLAGS) 2>$(BUILD)/fuzz-$$t.log \
	    || { grep -A12 -E '^==[0-9]+==|^SUMMARY' $(BUILD)/fuzz-$$t.log | head -40; found="$$found $$t"; }; \
	  grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|^#[0-9]+.*DONE' $(BUILD)/fuzz-$$t.log | sed "s/^/fuzz: $$t: /"; \
	done; \
	[ -z "$$found" ] || { echo "fuzz: findings in$$found: $(BUILD)/findings/"; exit 1; }

# Seeds made at fuzz time: the smallest real Go binary, when a Go
# toolchain has built them (tests/real/build.sh), for the DWARF target (too
# large to keep in the repository, and too slow a seed for the ELF target,
# whose committed seeds have the same structure).
fuzz-seeds:
	@for t in dwarf; do mkdir -p $(BUILD)/seeds/$$t; \
	  for b in build/real/go1.19/hello build/real/go1.21/hello; do \
	    [ -f $$b ] && cp $$b $(BUILD)/seeds/$$t/$$(echo $$b | tr / _); done; true; done

$(BUILD)/fuzz-%: $(BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_HELPERS:%.c=$(BUILD)/%.o) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) -fsanitize=fuzzer,address,undefined $^ -o $@ $(LDLIBS)

-include $(wildcard $(BUILD)/tests/fuzz/*.d)
# The targets' objects are intermediate files of the pattern rules above:
# keep them, so a second make does not rebuild them.
.SECONDARY: $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/fuzz/*.c))
