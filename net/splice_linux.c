// C port of go1.19 src/net/splice_linux.go.
#include "net/net_impl.h"

#include <stddef.h>
#include <string.h>

/* Go: net/splice_linux.go splice */
// Moves data from a TCP conn or a "unix" (stream) UnixConn, possibly
// behind an io.LimitedReader, into c with splice(2), through a pipe;
// *handled is false when r is none of these.
go_error *
net_splice(net_netFD *c, io_Reader *r, int64_t *written, bool *handled)
{
	int64_t remain = (int64_t)1 << 62; // until EOF unless limited
	io_LimitedReader *lr = NULL;
	net_netFD *s;
	net_UnixConn *uc;
	const char *sc = "";
	go_error *err;

	*written = 0;
	*handled = false;
	if (r->m == &io_LimitedReader_methods) {
		lr = (io_LimitedReader *)r;
		remain = lr->N;
		r = lr->R;
		if (remain <= 0) {
			*handled = true;
			return NULL;
		}
	}
	if (r->m == &net_TCPConn_readerMethods) {
		s = containerof(r, net_TCPConn, reader)->conn.fd;
	} else if ((uc = net_Reader_UnixConn(r)) != NULL) {
		if (strcmp(uc->conn.fd->net, "unix") != 0)
			return NULL;
		s = uc->conn.fd;
	} else {
		return NULL;
	}

	err = poll_Splice(&c->pfd, &s->pfd, remain, written, handled, &sc);
	if (lr != NULL)
		lr->N -= *written;
	return net_wrapSyscallError(sc, err);
}
