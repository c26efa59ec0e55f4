# A config with GOMAXPROCS=2000 runs to exit(0), as natively: Go has no
# limit on the number of Ps (procresize), and every P is named allp[N] in
# the trace however many there are.
. tests/e2e/lib.sh
sed "s|GOMAXPROCS=4|GOMAXPROCS=2000|; s|\.\./runtime_model|$(pwd)/runtime_model|; s|main_boot.s|$(pwd)/configs/main_boot.s|" \
    configs/gomaxprocs.yaml > "$T/p2000.yaml"
expect_status 0 "$SIM" run "$T/p2000.yaml" -o "$T/p.trace"
has "$T/out" 'gomaxprocs: 2000$'
has "$T/p.trace" 'call *runtime·procresize(nprocs=2000)'
has "$T/p.trace" '^  set *allp\[1999\].id: 0 → 1999$'
has "$T/p.trace" '^  set *sched.npidle: 1998 → 1999$'
has "$T/p.trace" '^  set *runtime·gomaxprocs: 0 → 2000$'
exit 0
