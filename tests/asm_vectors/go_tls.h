// As the Go runtime's go_tls.h defines them for amd64.
#define	get_tls(r)	MOVQ TLS, r
#define	g(r)	0(r)(TLS*1)
