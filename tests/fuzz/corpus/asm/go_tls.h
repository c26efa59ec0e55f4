// Thread-local storage as the Go runtime's assembly reaches it on linux/amd64.
// get_tls(r) loads the TLS base pseudo-register; g(r) is the slot holding the
// current g. In a static linux/amd64 executable both fold into one %fs-relative
// access at offset -8 (see settls in sys_linux_amd64.s).
#define	get_tls(r)	MOVQ TLS, r
#define	g(r)	0(r)(TLS*1)
