// C port of go1.19 src/net/fd_unix.go: making a netFD, connecting it (with
// the goroutine that interrupts a canceled dial), accepting, dup.
#include "net/net_impl.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hooks/hooks.h"
#include "os/error.h"
#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"

/* Go: net/fd_unix.go newFD */
// C: the netFD is one allocation that will also hold the Conn or Listener
// made from it (net/fd.h).
go_error *
net_newFD(int sysfd, int family, int sotype, const char *net, net_netFD **fd)
{
	net_netFD *ret = runtime_newobject(sizeof(*ret));

	ret->pfd.Sysfd = sysfd;
	ret->pfd.IsStream = sotype == SOCK_STREAM;
	ret->pfd.ZeroReadIsEOF = sotype != SOCK_DGRAM && sotype != SOCK_RAW;
	ret->family = family;
	ret->sotype = sotype;
	snprintf(ret->net, sizeof(ret->net), "%s", net);
	*fd = ret;
	return NULL;
}

/* Go: net/fd_unix.go (*netFD).init */
go_error *
net_netFD_init(net_netFD *fd)
{
	return poll_FD_Init(&fd->pfd, fd->net, true);
}

/* Go: net/fd_unix.go (*netFD).name */
char *
net_netFD_name(net_netFD *fd)
{
	char *ls = NULL, *rs = NULL, *s;

	if (fd->laddr != NULL)
		ls = net_Addr_String(fd->laddr);
	if (fd->raddr != NULL)
		rs = net_Addr_String(fd->raddr);
	if (asprintf(&s, "%s:%s->%s", fd->net, ls != NULL ? ls : "", rs != NULL ? rs : "") < 0)
		runtime_throw("out of memory");
	free(ls);
	free(rs);
	return s;
}

// C: what connect shares with its interrupter goroutine. Go's closure and
// channels are collected by the GC; here both sides hold a reference and
// the last one frees the block, so neither has to outlive the other.
typedef struct interrupter {
	_Atomic int ref;
	net_netFD *fd;
	context_Context *ctx; // a reference of its own
	runtime_hchan *ctxDone;
	runtime_hchan *done;         // chan struct{}, closed by connect
	runtime_hchan *interruptRes; // chan error
} interrupter;

static void
interrupter_release(interrupter *ir)
{
	if (atomic_fetch_sub(&ir->ref, 1) != 1)
		return;
	runtime_chanfree(ir->done);
	runtime_chanfree(ir->interruptRes);
	context_Release(ir->ctx);
	free(ir);
}

/* Go: net/fd_unix.go (*netFD).connect's interrupter goroutine */
static void
interrupt(void *arg)
{
	interrupter *ir = arg;
	go_error *err = NULL;
	runtime_selectCase cases[] = {
		{runtime_selectRecv, ir->ctxDone, NULL},
		{runtime_selectRecv, ir->done, NULL},
	};

	switch (runtime_select(cases, 2, true, NULL)) {
	case 0:
		// Make the poller give up waiting for writability at once.
		go_error_release(poll_FD_SetWriteDeadline(&ir->fd->pfd, net_aLongTimeAgo()));
		net_testHookCanceledDial();
		err = go_error_retain(context_Context_Err(ir->ctx));
		runtime_chansend1(ir->interruptRes, &err);
		break;
	case 1:
		runtime_chansend1(ir->interruptRes, &err);
		break;
	}
	interrupter_release(ir);
}

// C: Go's deferred function of connect: stop the interrupter and learn
// whether it fired after a successful connect.
static go_error *
stopInterrupter(net_netFD *fd, interrupter *ir, go_error *ret)
{
	go_error *ctxErr = NULL;

	runtime_closechan(ir->done);
	runtime_chanrecv1(ir->interruptRes, &ctxErr);
	if (ctxErr != NULL && ret == NULL) {
		// The interrupter poisoned the descriptor with a past write
		// deadline after connect succeeded: fail the dial (Go issue
		// 16523) and close the descriptor so it does not leak.
		ret = net_mapErr(ctxErr);
		go_error_release(net_netFD_Close(fd));
	} else {
		go_error_release(ctxErr);
	}
	interrupter_release(ir);
	return ret;
}

// C: the body of connect's wait loop.
static go_error *
waitConnect(net_netFD *fd, context_Context *ctx, runtime_hchan *ctxDone, syscall_Sockaddr *rsa)
{
	go_error *err;
	int nerr, e;

	for (;;) {
		// A second connect on a non-blocking socket need not report
		// the first one's failure: once the poller says writable,
		// SO_ERROR tells how the connect ended (Go issue 7474).
		if ((err = poll_FD_WaitWrite(&fd->pfd)) != NULL) {
			if (runtime_selectnbrecv(NULL, ctxDone, NULL)) {
				go_error_release(err);
				return net_mapErr(go_error_retain(context_Context_Err(ctx)));
			}
			return err;
		}
		if ((err = net_getsockoptIntFunc(fd->pfd.Sysfd, SOL_SOCKET, SO_ERROR, &nerr)) !=
		    NULL)
			return os_NewSyscallError("getsockopt", err);
		e = nerr;
		switch (e) {
		case EINPROGRESS:
		case EALREADY:
		case EINTR:
			break;
		case EISCONN:
			return NULL;
		case 0:
			// The poller may wake us spuriously (Go issues 14548,
			// 19289): only a peer name proves the connection.
			if (syscall_Getpeername(fd->pfd.Sysfd, rsa) == NULL)
				return NULL;
			rsa->len = 0;
			break;
		default:
			return os_NewSyscallError("connect", syscall_Errno(e));
		}
	}
}

/* Go: net/fd_unix.go (*netFD).connect */
go_error *
net_netFD_connect(net_netFD *fd, context_Context *ctx, const syscall_Sockaddr *la,
		  const syscall_Sockaddr *ra, syscall_Sockaddr *rsa)
{
	go_error *err, *ret;
	time_Time deadline;
	bool hasDeadline;
	runtime_hchan *ctxDone;
	interrupter *ir = NULL;

	(void)la;
	rsa->len = 0;
	// No write lock: nobody else can see fd yet.
	err = net_connectFunc(fd->pfd.Sysfd, ra);
	if (err == syscall_EINPROGRESS || err == syscall_EALREADY || err == syscall_EINTR) {
		// connecting: wait below
	} else if (err == NULL || err == syscall_EISCONN) {
		if (runtime_selectnbrecv(NULL, context_Context_Done(ctx), NULL))
			return net_mapErr(go_error_retain(context_Context_Err(ctx)));
		return poll_FD_Init(&fd->pfd, fd->net, true);
	} else {
		// C: Go's EINVAL case matters on Solaris only.
		return os_NewSyscallError("connect", err);
	}
	if ((err = poll_FD_Init(&fd->pfd, fd->net, true)) != NULL)
		return err;
	if ((hasDeadline = context_Context_Deadline(ctx, &deadline)))
		go_error_release(poll_FD_SetWriteDeadline(&fd->pfd, deadline));

	// An interrupter goroutine, when ctx can be canceled: it turns the
	// cancellation into a past write deadline that wakes WaitWrite.
	ctxDone = context_Context_Done(ctx);
	if (ctxDone != NULL) {
		ir = runtime_newobject(sizeof(*ir));
		atomic_init(&ir->ref, 2);
		ir->fd = fd;
		ir->ctx = context_Retain(ctx);
		ir->ctxDone = ctxDone;
		ir->done = runtime_makechan(0, 0);
		ir->interruptRes = runtime_makechan(sizeof(go_error *), 0);
		go(interrupt, ir);
	}

	ret = waitConnect(fd, ctx, ctxDone, rsa);

	// C: the deferred calls, in Go's reverse order.
	if (ir != NULL)
		ret = stopInterrupter(fd, ir, ret);
	if (hasDeadline)
		go_error_release(poll_FD_SetWriteDeadline(&fd->pfd, net_noDeadline));
	if (ret != NULL)
		rsa->len = 0;
	return ret;
}

/* Go: net/fd_unix.go (*netFD).accept */
go_error *
net_netFD_accept(net_netFD *fd, net_netFD **netfd)
{
	go_error *err;
	int d;
	syscall_Sockaddr rsa, lsa;
	const char *errcall;
	net_addrFunc addrFunc;
	net_addrBuf lbuf, rbuf;
	net_netFD *nfd;

	*netfd = NULL;
	if ((err = poll_FD_Accept(&fd->pfd, &d, &rsa, &errcall)) != NULL) {
		if (errcall[0] != '\0')
			err = net_wrapSyscallError(errcall, err);
		return err;
	}
	if ((err = net_newFD(d, fd->family, fd->sotype, fd->net, &nfd)) != NULL) {
		go_error_release(poll_CloseFunc(d));
		return err;
	}
	if ((err = net_netFD_init(nfd)) != NULL) {
		go_error_release(net_netFD_Close(nfd));
		net_netFD_free(nfd);
		return err;
	}
	lsa.len = 0;
	go_error_release(syscall_Getsockname(nfd->pfd.Sysfd, &lsa));
	addrFunc = net_netFD_addrFunc(nfd);
	net_netFD_setAddr(nfd, addrFunc(&lsa, &lbuf), addrFunc(&rsa, &rbuf));
	*netfd = nfd;
	return NULL;
}

/* Go: net/fd_unix.go (*netFD).dup */
// C: gonet has no os.File: *f is the duplicate descriptor itself (close-on-
// exec; it shares the socket's O_NONBLOCK flag, as Go's dup does).
go_error *
net_netFD_dup(net_netFD *fd, int *f)
{
	go_error *err;
	const char *call;
	int ns;

	*f = -1;
	if ((err = poll_FD_Dup(&fd->pfd, &ns, &call)) != NULL) {
		if (call[0] != '\0')
			err = os_NewSyscallError(call, err);
		return err;
	}
	*f = ns;
	return NULL;
}
