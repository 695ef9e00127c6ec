// C port of go1.19 src/net/dial.go: Dialer (deadline, fallbackDelay,
// DialContext with the deprecated Cancel channel), partialDeadline,
// sysDialer (dialParallel's Happy Eyeballs race, dialSerial, dialSingle),
// ListenConfig.Listen, Dial, DialTimeout, Listen. (parseNetwork and
// resolveAddrList are the resolver's, net/lookup.c.)
#include "net/net_impl.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "hooks/hooks.h"
#include "net/lookup.h"
#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"

/* Go: net/dial.go (*Dialer).dualStack */
bool
net_Dialer_dualStack(const net_Dialer *d)
{
	return d->FallbackDelay >= 0;
}

/* Go: net/dial.go minNonzeroTime */
time_Time
net_minNonzeroTime(time_Time a, time_Time b)
{
	if (time_Time_IsZero(a))
		return b;
	if (time_Time_IsZero(b) || time_Time_Before(a, b))
		return a;
	return b;
}

/* Go: net/dial.go (*Dialer).deadline */
// The earliest of now+Timeout, ctx's deadline and d.Deadline; zero for none.
time_Time
net_Dialer_deadline(const net_Dialer *d, context_Context *ctx, time_Time now)
{
	time_Time earliest = {0, 0}, dl;

	if (d->Timeout != 0) // a negative one too, as Go has always done
		earliest = time_Time_Add(now, d->Timeout);
	if (context_Context_Deadline(ctx, &dl))
		earliest = net_minNonzeroTime(earliest, dl);
	return net_minNonzeroTime(earliest, d->Deadline);
}

/* Go: net/dial.go (*Dialer).resolver */
net_Resolver *
net_Dialer_resolver(const net_Dialer *d)
{
	if (d->Resolver != NULL)
		return d->Resolver;
	return &net_DefaultResolver;
}

/* Go: net/dial.go partialDeadline */
// The share of the time left for one of addrsRemaining addresses, at
// least saneMinimum (or all that is left, when less).
go_error *
net_partialDeadline(time_Time now, time_Time deadline, int addrsRemaining, time_Time *t)
{
	const time_Duration saneMinimum = 2 * time_Second;
	time_Duration timeRemaining, timeout;

	if (time_Time_IsZero(deadline)) {
		*t = deadline;
		return NULL;
	}
	timeRemaining = time_Time_Sub(deadline, now);
	if (timeRemaining <= 0) {
		*t = net_noDeadline;
		return net_errTimeout;
	}
	timeout = timeRemaining / (time_Duration)addrsRemaining;
	if (timeout < saneMinimum) {
		if (timeRemaining < saneMinimum)
			timeout = timeRemaining;
		else
			timeout = saneMinimum;
	}
	*t = time_Time_Add(now, timeout);
	return NULL;
}

/* Go: net/dial.go (*Dialer).fallbackDelay */
time_Duration
net_Dialer_fallbackDelay(const net_Dialer *d)
{
	if (d->FallbackDelay > 0)
		return d->FallbackDelay;
	return 300 * time_Millisecond;
}

/* Go: net/dial.go Dial */
go_error *
net_Dial(const char *network, const char *address, net_Conn **c)
{
	net_Dialer d = {0};

	return net_Dialer_Dial(&d, network, address, c);
}

/* Go: net/dial.go DialTimeout */
go_error *
net_DialTimeout(const char *network, const char *address, time_Duration timeout, net_Conn **c)
{
	net_Dialer d = {.Timeout = timeout};

	return net_Dialer_Dial(&d, network, address, c);
}

/* Go: net/dial.go (*Dialer).Dial */
go_error *
net_Dialer_Dial(net_Dialer *d, const char *network, const char *address, net_Conn **c)
{
	return net_Dialer_DialContext(d, context_Background(), network, address, c);
}

// C: what DialContext shares with the goroutine that forwards the old
// Cancel channel. Each side holds a reference; DialContext also waits for
// the goroutine's end, so that the caller may free Cancel once Dial
// returns (Go's GC makes that question moot).
typedef struct cancelWatcher {
	_Atomic int ref;
	runtime_hchan *oldCancel; // borrowed from the Dialer
	context_Context *subCtx;  // a reference of its own
	context_CancelFunc cancel;
	runtime_hchan *exited; // closed by the goroutine when it stops
} cancelWatcher;

static void
cancelWatcher_release(cancelWatcher *w)
{
	if (atomic_fetch_sub(&w->ref, 1) != 1)
		return;
	runtime_chanfree(w->exited);
	context_Release(w->subCtx);
	free(w);
}

/* Go: net/dial.go (*Dialer).DialContext's Cancel goroutine */
static void
watchCancel(void *arg)
{
	cancelWatcher *w = arg;
	runtime_selectCase cases[] = {
		{runtime_selectRecv, w->oldCancel, NULL},
		{runtime_selectRecv, context_Context_Done(w->subCtx), NULL},
	};

	if (runtime_select(cases, 2, true, NULL) == 0)
		context_CancelFunc_Call(w->cancel);
	runtime_closechan(w->exited);
	cancelWatcher_release(w);
}

/* Go: net/dial.go (*Dialer).DialContext */
go_error *
net_Dialer_DialContext(net_Dialer *d, context_Context *ctx, const char *network,
		       const char *address, net_Conn **c)
{
	context_Context *deadlineCtx = NULL, *cancelCtx = NULL;
	context_CancelFunc deadlineCancel, cancelCancel;
	cancelWatcher *w = NULL;
	time_Time deadline, dl;
	net_addrList addrs = {0}, primaries = {0}, fallbacks = {0};
	bool partitioned = false;
	net_sysDialer sd;
	net_TCPConn *tc;
	time_Duration ka;
	go_error *err;

	*c = NULL;
	if (ctx == NULL)
		runtime_panicstring("nil context");
	deadline = net_Dialer_deadline(d, ctx, time_Now());
	if (!time_Time_IsZero(deadline)) {
		if (!context_Context_Deadline(ctx, &dl) || time_Time_Before(deadline, dl)) {
			deadlineCtx = context_WithDeadline(ctx, deadline, &deadlineCancel);
			ctx = deadlineCtx;
		}
	}
	if (d->Cancel != NULL) {
		cancelCtx = context_WithCancel(ctx, &cancelCancel);
		w = runtime_newobject(sizeof(*w));
		atomic_init(&w->ref, 2);
		w->oldCancel = d->Cancel;
		w->subCtx = context_Retain(cancelCtx);
		w->cancel = cancelCancel;
		w->exited = runtime_makechan(0, 0);
		go(watchCancel, w);
		ctx = cancelCtx;
	}

	// C: no nettrace, so the resolver gets ctx itself.
	err = net_Resolver_resolveAddrList(net_Dialer_resolver(d), ctx, "dial", network, address,
					   d->LocalAddr, &addrs);
	if (err != NULL) {
		err = net_newOpError("dial", network, NULL, NULL, err);
		goto out;
	}

	sd = (net_sysDialer){.Dialer = *d, .network = network, .address = address};
	if (net_Dialer_dualStack(d) && strcmp(network, "tcp") == 0) {
		net_addrList_partition(&addrs, net_isIPv4, &primaries, &fallbacks);
		partitioned = true;
	}
	err = net_sysDialer_dialParallel(&sd, ctx, partitioned ? &primaries : &addrs, &fallbacks,
					 c);
	if (err != NULL)
		goto out;

	if ((tc = net_Conn_TCPConn(*c)) != NULL && d->KeepAlive >= 0) {
		go_error_release(net_setKeepAlive(tc->conn.fd, true));
		ka = d->KeepAlive;
		if (d->KeepAlive == 0)
			ka = net_defaultTCPKeepAlive;
		go_error_release(net_setKeepAlivePeriod(tc->conn.fd, ka));
		net_testHookSetKeepAlive(ka);
	}

out:
	// C: the deferred cancels, in reverse order, then the references.
	if (w != NULL) {
		context_CancelFunc_Call(cancelCancel);
		runtime_chanrecv1(w->exited, NULL); // C: wait until Cancel is no longer watched
		cancelWatcher_release(w);
		context_Release(cancelCtx);
	}
	if (deadlineCtx != NULL) {
		context_CancelFunc_Call(deadlineCancel);
		context_Release(deadlineCtx);
	}
	net_addrList_free(&primaries);
	net_addrList_free(&fallbacks);
	net_addrList_free(&addrs);
	return err;
}

// ---- dialParallel ----

// Go: dialParallel's dialResult.
typedef struct dialResult {
	net_Conn *Conn;
	go_error *error;
	bool primary;
	bool done;
} dialResult;

// C: what dialParallel shares with its racers. Go's closure captures sd,
// the two lists and the channels; a racer may outlive dialParallel (the
// loser is still dialing when the winner returns), so the block owns
// copies of all of it and the last of dialParallel and the racers frees it.
typedef struct dialRace {
	_Atomic int ref;
	net_sysDialer sd;        // network, address and Dialer.LocalAddr are owned copies
	net_addrList primaries;  // clones
	net_addrList fallbacks;  // clones
	runtime_hchan *returned; // chan struct{}, closed when dialParallel returns
	runtime_hchan *results;  // chan dialResult, unbuffered
} dialRace;

typedef struct racer {
	dialRace *r;
	context_Context *ctx; // the racer's reference
	bool primary;
} racer;

static void
cloneList(net_addrList *dst, const net_addrList *src)
{
	for (size_t i = 0; i < src->n; i++)
		net_addrList_append(dst, net_Addr_clone(src->addrs[i]));
}

static void
dialRace_release(dialRace *r)
{
	if (atomic_fetch_sub(&r->ref, 1) != 1)
		return;
	runtime_chanfree(r->returned);
	runtime_chanfree(r->results);
	net_addrList_free(&r->primaries);
	net_addrList_free(&r->fallbacks);
	free((char *)r->sd.network);
	free((char *)r->sd.address);
	net_Addr_free((net_Addr *)r->sd.Dialer.LocalAddr);
	free(r);
}

static char *
dupString(const char *s)
{
	char *t = strdup(s != NULL ? s : "");

	if (t == NULL)
		runtime_throw("out of memory");
	return t;
}

/* Go: net/dial.go dialParallel's startRacer */
static void
startRacer(void *arg)
{
	racer *rc = arg;
	dialRace *r = rc->r;
	dialResult res = {NULL, NULL, rc->primary, true};
	runtime_selectCase cases[2];

	res.error = net_sysDialer_dialSerial(
		&r->sd, rc->ctx, rc->primary ? &r->primaries : &r->fallbacks, &res.Conn);
	cases[0] = (runtime_selectCase){runtime_selectSend, r->results, &res};
	cases[1] = (runtime_selectCase){runtime_selectRecv, r->returned, NULL};
	if (runtime_select(cases, 2, true, NULL) == 1) {
		// Nobody wants the result any more.
		if (res.Conn != NULL) {
			go_error_release(net_Conn_Close(res.Conn));
			net_Conn_Free(res.Conn);
		}
		go_error_release(res.error);
	}
	context_Release(rc->ctx);
	free(rc);
	dialRace_release(r);
}

static void
goRacer(dialRace *r, context_Context *ctx, bool primary)
{
	racer *rc = runtime_newobject(sizeof(*rc));

	atomic_fetch_add(&r->ref, 1);
	rc->r = r;
	rc->ctx = context_Retain(ctx);
	rc->primary = primary;
	go(startRacer, rc);
}

/* Go: net/dial.go (*sysDialer).dialParallel */
// Happy Eyeballs (RFC 6555): the primaries race, and the fallbacks join
// once fallbackDelay has passed or the primaries have failed; the first
// connection wins, and a later one is closed.
go_error *
net_sysDialer_dialParallel(net_sysDialer *sd, context_Context *ctx, const net_addrList *primaries,
			   const net_addrList *fallbacks, net_Conn **c)
{
	dialRace *r;
	dialResult primary = {0}, fallback = {0}, res;
	context_Context *primaryCtx, *fallbackCtx = NULL;
	context_CancelFunc primaryCancel, fallbackCancel;
	time_Timer *fallbackTimer;
	time_Time now;
	go_error *err = NULL;
	runtime_selectCase cases[2];

	*c = NULL;
	if (fallbacks == NULL || fallbacks->n == 0)
		return net_sysDialer_dialSerial(sd, ctx, primaries, c);

	r = runtime_newobject(sizeof(*r));
	atomic_init(&r->ref, 1);
	r->sd = *sd;
	r->sd.network = dupString(sd->network);
	r->sd.address = dupString(sd->address);
	r->sd.Dialer.LocalAddr = net_Addr_clone(sd->Dialer.LocalAddr);
	cloneList(&r->primaries, primaries);
	cloneList(&r->fallbacks, fallbacks);
	r->returned = runtime_makechan(0, 0);
	r->results = runtime_makechan(sizeof(dialResult), 0);

	primaryCtx = context_WithCancel(ctx, &primaryCancel);
	goRacer(r, primaryCtx, true);

	fallbackTimer = time_NewTimer(net_Dialer_fallbackDelay(&sd->Dialer));

	for (;;) {
		cases[0] = (runtime_selectCase){runtime_selectRecv, fallbackTimer->C, &now};
		cases[1] = (runtime_selectCase){runtime_selectRecv, r->results, &res};
		if (runtime_select(cases, 2, true, NULL) == 0) {
			fallbackCtx = context_WithCancel(ctx, &fallbackCancel);
			goRacer(r, fallbackCtx, false);
			continue;
		}
		if (res.error == NULL) {
			*c = res.Conn;
			break;
		}
		if (res.primary)
			primary = res;
		else
			fallback = res;
		if (primary.done && fallback.done) {
			err = primary.error;
			primary.error = NULL;
			break;
		}
		if (res.primary && time_Timer_Stop(fallbackTimer))
			time_Timer_Reset(fallbackTimer, 0);
	}

	// C: the deferred calls, last first, and what the GC would do.
	time_Timer_Stop(fallbackTimer);
	time_Timer_Free(fallbackTimer);
	if (fallbackCtx != NULL) {
		context_CancelFunc_Call(fallbackCancel);
		context_Release(fallbackCtx);
	}
	context_CancelFunc_Call(primaryCancel);
	context_Release(primaryCtx);
	runtime_closechan(r->returned);
	go_error_release(primary.error);
	go_error_release(fallback.error);
	dialRace_release(r);
	return err;
}

/* Go: net/dial.go (*sysDialer).dialSerial */
// Tries each address in turn, each with its share of the time left; the
// first address's error is the one reported.
go_error *
net_sysDialer_dialSerial(net_sysDialer *sd, context_Context *ctx, const net_addrList *ras,
			 net_Conn **c)
{
	go_error *firstErr = NULL, *err;
	context_Context *dialCtx;
	context_CancelFunc cancel;
	time_Time deadline, pd;
	const net_Addr *ra;

	*c = NULL;
	for (size_t i = 0; i < ras->n; i++) {
		ra = ras->addrs[i];
		if (runtime_selectnbrecv(NULL, context_Context_Done(ctx), NULL)) {
			go_error_release(firstErr);
			return net_newOpError(
				"dial", sd->network, sd->Dialer.LocalAddr, ra,
				net_mapErr(go_error_retain(context_Context_Err(ctx))));
		}

		dialCtx = ctx;
		if (context_Context_Deadline(ctx, &deadline)) {
			err = net_partialDeadline(time_Now(), deadline, (int)(ras->n - i), &pd);
			if (err != NULL) {
				if (firstErr == NULL)
					firstErr = net_newOpError("dial", sd->network,
								  sd->Dialer.LocalAddr, ra, err);
				else
					go_error_release(err);
				break;
			}
			if (time_Time_Before(pd, deadline))
				dialCtx = context_WithDeadline(ctx, pd, &cancel);
		}

		err = net_sysDialer_dialSingle(sd, dialCtx, ra, c);
		// C: Go defers cancel to the return; nothing uses dialCtx
		// after dialSingle, so it goes now.
		if (dialCtx != ctx) {
			context_CancelFunc_Call(cancel);
			context_Release(dialCtx);
		}
		if (err == NULL) {
			go_error_release(firstErr);
			return NULL;
		}
		if (firstErr == NULL)
			firstErr = err;
		else
			go_error_release(err);
	}

	if (firstErr == NULL)
		firstErr = net_newOpError("dial", sd->network, NULL, NULL, net_errMissingAddress);
	return firstErr;
}

/* Go: net/dial.go (*sysDialer).dialSingle */
// C: raw IP addresses are not ported: they take Go's default case.
go_error *
net_sysDialer_dialSingle(net_sysDialer *sd, context_Context *ctx, const net_Addr *ra, net_Conn **c)
{
	const net_Addr *la = sd->Dialer.LocalAddr;
	const net_TCPAddr *tla;
	const net_UnixAddr *ula;
	const net_UDPAddr *ulda;
	net_TCPConn *tc;
	net_UDPConn *udc;
	net_UnixConn *uc;
	go_error *err;

	*c = NULL;
	if (ra != NULL && ra->m == &net_TCPAddr_methods) {
		// Go: la, _ := la.(*TCPAddr)
		tla = la != NULL && la->m == &net_TCPAddr_methods ? (const net_TCPAddr *)la : NULL;
		err = net_sysDialer_dialTCP(sd, ctx, tla, (const net_TCPAddr *)ra, &tc);
		if (err == NULL)
			*c = net_TCPConn_Conn(tc);
	} else if (ra != NULL && ra->m == &net_UDPAddr_methods) {
		ulda = la != NULL && la->m == &net_UDPAddr_methods ? (const net_UDPAddr *)la : NULL;
		err = net_sysDialer_dialUDP(sd, ctx, ulda, (const net_UDPAddr *)ra, &udc);
		if (err == NULL)
			*c = net_UDPConn_Conn(udc);
	} else if (ra != NULL && ra->m == &net_UnixAddr_methods) {
		ula = la != NULL && la->m == &net_UnixAddr_methods ? (const net_UnixAddr *)la
								   : NULL;
		err = net_sysDialer_dialUnix(sd, ctx, ula, (const net_UnixAddr *)ra, &uc);
		if (err == NULL)
			*c = net_UnixConn_Conn(uc);
	} else {
		return net_newOpError("dial", sd->network, la, ra,
				      net_newAddrError("unexpected address type", sd->address));
	}
	if (err != NULL)
		return net_newOpError("dial", sd->network, la, ra, err);
	return NULL;
}

/* Go: net/dial.go (*ListenConfig).Listen */
go_error *
net_ListenConfig_Listen(net_ListenConfig *lc, context_Context *ctx, const char *network,
			const char *address, net_Listener **l)
{
	net_addrList addrs = {0};
	net_sysListener sl;
	net_TCPListener *tl;
	net_UnixListener *ul;
	const net_Addr *la;
	go_error *err;

	*l = NULL;
	err = net_Resolver_resolveAddrList(&net_DefaultResolver, ctx, "listen", network, address,
					   NULL, &addrs);
	if (err != NULL)
		return net_newOpError("listen", network, NULL, NULL, err);
	sl = (net_sysListener){.ListenConfig = *lc, .network = network, .address = address};
	la = net_addrList_first(&addrs, net_isIPv4);
	if (la != NULL && la->m == &net_TCPAddr_methods) {
		err = net_sysListener_listenTCP(&sl, ctx, (const net_TCPAddr *)la, &tl);
		if (err == NULL)
			*l = net_TCPListener_Listener(tl);
	} else if (la != NULL && la->m == &net_UnixAddr_methods) {
		err = net_sysListener_listenUnix(&sl, ctx, (const net_UnixAddr *)la, &ul);
		if (err == NULL)
			*l = net_UnixListener_Listener(ul);
	} else {
		err = net_newOpError("listen", sl.network, NULL, la,
				     net_newAddrError("unexpected address type", address));
		goto out;
	}
	if (err != NULL)
		err = net_newOpError("listen", sl.network, NULL, la, err);
out:
	net_addrList_free(&addrs);
	return err;
}

/* Go: net/dial.go (*ListenConfig).ListenPacket */
// C: raw IP addresses are not ported: they take Go's default case.
go_error *
net_ListenConfig_ListenPacket(net_ListenConfig *lc, context_Context *ctx, const char *network,
			      const char *address, net_PacketConn **c)
{
	net_addrList addrs = {0};
	net_sysListener sl;
	net_UDPConn *udc;
	net_UnixConn *uc;
	const net_Addr *la;
	go_error *err;

	*c = NULL;
	err = net_Resolver_resolveAddrList(&net_DefaultResolver, ctx, "listen", network, address,
					   NULL, &addrs);
	if (err != NULL)
		return net_newOpError("listen", network, NULL, NULL, err);
	sl = (net_sysListener){.ListenConfig = *lc, .network = network, .address = address};
	la = net_addrList_first(&addrs, net_isIPv4);
	if (la != NULL && la->m == &net_UDPAddr_methods) {
		err = net_sysListener_listenUDP(&sl, ctx, (const net_UDPAddr *)la, &udc);
		if (err == NULL)
			*c = net_UDPConn_PacketConn(udc);
	} else if (la != NULL && la->m == &net_UnixAddr_methods) {
		err = net_sysListener_listenUnixgram(&sl, ctx, (const net_UnixAddr *)la, &uc);
		if (err == NULL)
			*c = net_UnixConn_PacketConn(uc);
	} else {
		err = net_newOpError("listen", sl.network, NULL, la,
				     net_newAddrError("unexpected address type", address));
		goto out;
	}
	if (err != NULL)
		err = net_newOpError("listen", sl.network, NULL, la, err);
out:
	net_addrList_free(&addrs);
	return err;
}

/* Go: net/dial.go ListenPacket */
go_error *
net_ListenPacket(const char *network, const char *address, net_PacketConn **c)
{
	net_ListenConfig lc = {0};

	return net_ListenConfig_ListenPacket(&lc, context_Background(), network, address, c);
}

/* Go: net/dial.go Listen */
go_error *
net_Listen(const char *network, const char *address, net_Listener **l)
{
	net_ListenConfig lc = {0};

	return net_ListenConfig_Listen(&lc, context_Background(), network, address, l);
}
