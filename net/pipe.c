// C port of go1.19 src/net/pipe.go: pipeDeadline, pipeAddr, pipe and Pipe.
#include "net/pipe.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "internal_poll/poll.h"
#include "io/io.h"
#include "net/net_impl.h"
#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/panic.h"
#include "sync/sync.h"
#include "time/time.h"

// C: a cancel channel that set() replaced while some waiter still held
// it; freed by the last waiter's release (Go's GC keeps it alive).
typedef struct retiredCancel {
	runtime_hchan *c;
	int refs;
	struct retiredCancel *next;
} retiredCancel;

// Go: pipeDeadline: cancel is closed once the deadline has passed.
typedef struct pipeDeadline {
	sync_Mutex mu;         // guards every field below
	time_Timer *timer;     // pending AfterFunc, or NULL
	runtime_hchan *cancel; // chan struct{}, never NULL
	int refs;              // C: waiters holding cancel (pipeDeadline_wait)
	retiredCancel *retired;
	sync_WaitGroup fired; // C: 1 while the timer's callback may still run
} pipeDeadline;

/* Go: net/pipe.go makePipeDeadline */
static void
makePipeDeadline(pipeDeadline *d)
{
	memset(d, 0, sizeof(*d));
	d->cancel = runtime_makechan(0, 0);
}

/* Go: net/pipe.go isClosedChan */
static bool
isClosedChan(runtime_hchan *c)
{
	// Only close ever makes these channels ready: nothing is sent on them.
	return runtime_selectnbrecv(NULL, c, NULL);
}

// Go: the AfterFunc callback of set, which closes d.cancel. C: d.cancel
// is not replaced while the timer is pending (set and free stop it first),
// so it is read without the lock; Done tells stopTimer it has returned.
static void
closeCancel(void *arg)
{
	pipeDeadline *d = arg;

	runtime_closechan(d->cancel);
	sync_WaitGroup_Done(&d->fired);
}

// C: d.cancel = make(chan struct{}), keeping the old channel for the
// waiters that still hold it. Called with d->mu held.
static void
renewCancel(pipeDeadline *d)
{
	if (d->refs == 0) {
		runtime_chanfree(d->cancel);
	} else {
		retiredCancel *r = malloc(sizeof(*r));

		if (r == NULL)
			runtime_throw("out of memory");
		*r = (retiredCancel){d->cancel, d->refs, d->retired};
		d->retired = r;
	}
	d->cancel = runtime_makechan(0, 0);
	d->refs = 0;
}

// Go: `if d.timer != nil && !d.timer.Stop() { <-d.cancel }; d.timer = nil`.
// C: Go waits until the callback has closed cancel; here until it has
// returned from closechan too, since cancel may be freed next (chan.h).
// Called with d->mu held.
static void
stopTimer(pipeDeadline *d)
{
	if (d->timer == NULL)
		return;
	if (time_Timer_Stop(d->timer))
		sync_WaitGroup_Done(&d->fired); // the callback will never run
	sync_WaitGroup_Wait(&d->fired);
	time_Timer_Free(d->timer);
	d->timer = NULL;
}

/* Go: net/pipe.go (*pipeDeadline).set */
static void
pipeDeadline_set(pipeDeadline *d, time_Time t)
{
	time_Duration dur;
	bool closed;

	sync_Mutex_Lock(&d->mu);
	stopTimer(d);
	closed = isClosedChan(d->cancel);
	if (time_Time_IsZero(t)) {
		// No deadline: cancel must be open.
		if (closed)
			renewCancel(d);
	} else if ((dur = time_Until(t)) > 0) {
		// A deadline ahead: cancel open, and closed by the timer.
		if (closed)
			renewCancel(d);
		sync_WaitGroup_Add(&d->fired, 1);
		d->timer = time_AfterFunc(dur, closeCancel, d);
	} else if (!closed) {
		// A deadline already passed.
		runtime_closechan(d->cancel);
	}
	sync_Mutex_Unlock(&d->mu);
}

/* Go: net/pipe.go (*pipeDeadline).wait */
// C: the caller holds the channel until pipeDeadline_release.
static runtime_hchan *
pipeDeadline_wait(pipeDeadline *d)
{
	runtime_hchan *c;

	sync_Mutex_Lock(&d->mu);
	c = d->cancel;
	d->refs++;
	sync_Mutex_Unlock(&d->mu);
	return c;
}

// C: no Go twin (GC): gives back a channel pipeDeadline_wait returned.
static void
pipeDeadline_release(pipeDeadline *d, runtime_hchan *c)
{
	sync_Mutex_Lock(&d->mu);
	if (c == d->cancel) {
		d->refs--;
	} else {
		for (retiredCancel **rp = &d->retired; *rp != NULL; rp = &(*rp)->next) {
			retiredCancel *r = *rp;

			if (r->c == c) {
				if (--r->refs == 0) {
					*rp = r->next;
					runtime_chanfree(r->c);
					free(r);
				}
				break;
			}
		}
	}
	sync_Mutex_Unlock(&d->mu);
}

// Go: isClosedChan(d.wait()). C: checked under the lock, with no hold.
static bool
pipeDeadline_passed(pipeDeadline *d)
{
	bool closed;

	sync_Mutex_Lock(&d->mu);
	closed = isClosedChan(d->cancel);
	sync_Mutex_Unlock(&d->mu);
	return closed;
}

// C: no Go twin (GC). No waiter is left (net/conn.h rule 3).
static void
pipeDeadline_free(pipeDeadline *d)
{
	sync_Mutex_Lock(&d->mu);
	stopTimer(d);
	sync_Mutex_Unlock(&d->mu);
	runtime_chanfree(d->cancel);
	while (d->retired != NULL) {
		retiredCancel *r = d->retired;

		d->retired = r->next;
		runtime_chanfree(r->c);
		free(r);
	}
}

/* Go: net/pipe.go pipeAddr.Network, pipeAddr.String */
static const char *
pipeAddr_Network(const net_Addr *a)
{
	(void)a;
	return "pipe";
}

static char *
pipeAddr_String(const net_Addr *a)
{
	char *s = strdup("pipe");

	(void)a;
	if (s == NULL)
		runtime_throw("out of memory");
	return s;
}

// C: pipeAddr{} has no state: its clone is itself, its free nothing.
static net_Addr *
pipeAddr_clone(const net_Addr *a)
{
	return (net_Addr *)a;
}

static void
pipeAddr_free(net_Addr *a)
{
	(void)a;
}

static const net_Addr_methods pipeAddr_methods = {
	.type = "net.pipeAddr",
	.Network = pipeAddr_Network,
	.String = pipeAddr_String,
	.clone = pipeAddr_clone,
	.free = pipeAddr_free,
};

static const net_Addr pipeAddr = {&pipeAddr_methods};

// Go: []byte, the element of the data channels.
typedef struct byteSlice {
	const uint8_t *p;
	size_t n;
} byteSlice;

typedef struct pipePair pipePair;

// Go: pipe, one end. C: net_pipe, as unistd.h has a pipe().
typedef struct net_pipe {
	net_Conn ifc;    // C: the Conn interface header
	sync_Mutex wrMu; // serializes Writes

	runtime_hchan *rdRx; // <-chan []byte
	runtime_hchan *rdTx; // chan<- int (C: size_t)

	runtime_hchan *wrTx; // chan<- []byte
	runtime_hchan *wrRx; // <-chan int (C: size_t)

	sync_Once once; // closes localDone once
	runtime_hchan *localDone;
	runtime_hchan *remoteDone;

	pipeDeadline readDeadline;
	pipeDeadline writeDeadline;

	pipePair *pair; // C: the shared allocation
} net_pipe;

// C: both ends and the six channels they share, freed with the last end.
struct pipePair {
	net_pipe p[2];
	runtime_hchan *ch[6]; // cb1, cb2, cn1, cn2, done1, done2
	_Atomic int ends;     // ends not yet freed
};

static const net_Conn_methods pipe_methods;

/* Go: net/pipe.go Pipe */
void
net_Pipe(net_Conn **c1, net_Conn **c2)
{
	pipePair *pp = calloc(1, sizeof(*pp));
	runtime_hchan *cb1, *cb2, *cn1, *cn2, *done1, *done2;

	if (pp == NULL)
		runtime_throw("out of memory");
	pp->ch[0] = cb1 = runtime_makechan(sizeof(byteSlice), 0);
	pp->ch[1] = cb2 = runtime_makechan(sizeof(byteSlice), 0);
	pp->ch[2] = cn1 = runtime_makechan(sizeof(size_t), 0);
	pp->ch[3] = cn2 = runtime_makechan(sizeof(size_t), 0);
	pp->ch[4] = done1 = runtime_makechan(0, 0);
	pp->ch[5] = done2 = runtime_makechan(0, 0);
	atomic_init(&pp->ends, 2);

	net_pipe *p1 = &pp->p[0], *p2 = &pp->p[1];

	p1->rdRx = cb1, p1->rdTx = cn1;
	p1->wrTx = cb2, p1->wrRx = cn2;
	p1->localDone = done1, p1->remoteDone = done2;
	p2->rdRx = cb2, p2->rdTx = cn2;
	p2->wrTx = cb1, p2->wrRx = cn1;
	p2->localDone = done2, p2->remoteDone = done1;
	for (int i = 0; i < 2; i++) {
		pp->p[i].ifc.m = &pipe_methods;
		pp->p[i].pair = pp;
		makePipeDeadline(&pp->p[i].readDeadline);
		makePipeDeadline(&pp->p[i].writeDeadline);
	}
	*c1 = &p1->ifc;
	*c2 = &p2->ifc;
}

static net_pipe *
pipeOf(net_Conn *c)
{
	return containerof(c, net_pipe, ifc);
}

/* Go: net/pipe.go (*pipe).LocalAddr */
static const net_Addr *
pipe_LocalAddr(net_Conn *c)
{
	(void)c;
	return &pipeAddr;
}

/* Go: net/pipe.go (*pipe).RemoteAddr */
static const net_Addr *
pipe_RemoteAddr(net_Conn *c)
{
	(void)c;
	return &pipeAddr;
}

/* Go: net/pipe.go (*pipe).read */
static go_error *
pipe_read(net_pipe *p, uint8_t *b, size_t len, ssize_t *n)
{
	runtime_hchan *cancel;
	byteSlice bw;
	size_t nr;
	int chosen;

	*n = 0;
	if (isClosedChan(p->localDone))
		return io_ErrClosedPipe;
	if (isClosedChan(p->remoteDone))
		return io_EOF;
	if (pipeDeadline_passed(&p->readDeadline))
		return poll_ErrDeadlineExceeded;

	cancel = pipeDeadline_wait(&p->readDeadline);
	runtime_selectCase cases[] = {
		{runtime_selectRecv, p->rdRx, &bw},
		{runtime_selectRecv, p->localDone, NULL},
		{runtime_selectRecv, p->remoteDone, NULL},
		{runtime_selectRecv, cancel, NULL},
	};
	chosen = runtime_select(cases, 4, true, NULL);
	pipeDeadline_release(&p->readDeadline, cancel);
	switch (chosen) {
	case 0:
		nr = bw.n < len ? bw.n : len; // Go: copy(b, bw)
		if (nr > 0)
			memcpy(b, bw.p, nr);
		runtime_chansend1(p->rdTx, &nr);
		*n = (ssize_t)nr;
		return NULL;
	case 1:
		return io_ErrClosedPipe;
	case 2:
		return io_EOF;
	default:
		return poll_ErrDeadlineExceeded;
	}
}

/* Go: net/pipe.go (*pipe).Read */
static go_error *
pipe_Read(net_Conn *c, uint8_t *b, size_t len, ssize_t *n)
{
	go_error *err = pipe_read(pipeOf(c), b, len, n);

	if (err != NULL && err != io_EOF && err != io_ErrClosedPipe)
		err = net_newOpError("read", "pipe", NULL, NULL, err);
	return err;
}

// C: one round of write's loop: offers b to the reader and waits for it
// to say how much it took. Returns the select case taken.
static int
pipe_writeOnce(net_pipe *p, const uint8_t *b, size_t len, size_t *nw)
{
	runtime_hchan *cancel = pipeDeadline_wait(&p->writeDeadline);
	byteSlice bs = {b, len};
	runtime_selectCase cases[] = {
		{runtime_selectSend, p->wrTx, &bs},
		{runtime_selectRecv, p->localDone, NULL},
		{runtime_selectRecv, p->remoteDone, NULL},
		{runtime_selectRecv, cancel, NULL},
	};
	int chosen = runtime_select(cases, 4, true, NULL);

	pipeDeadline_release(&p->writeDeadline, cancel);
	if (chosen == 0)
		runtime_chanrecv1(p->wrRx, nw);
	return chosen;
}

/* Go: net/pipe.go (*pipe).write */
static go_error *
pipe_write(net_pipe *p, const uint8_t *b, size_t len, ssize_t *n)
{
	go_error *err = NULL;
	size_t nw;

	*n = 0;
	if (isClosedChan(p->localDone) || isClosedChan(p->remoteDone))
		return io_ErrClosedPipe;
	if (pipeDeadline_passed(&p->writeDeadline))
		return poll_ErrDeadlineExceeded;

	sync_Mutex_Lock(&p->wrMu); // all of b goes out together
	for (bool once = true; once || len > 0; once = false) {
		int chosen = pipe_writeOnce(p, b, len, &nw);

		if (chosen == 0) {
			b += nw;
			len -= nw;
			*n += (ssize_t)nw;
			continue;
		}
		err = chosen == 3 ? poll_ErrDeadlineExceeded : io_ErrClosedPipe;
		break;
	}
	sync_Mutex_Unlock(&p->wrMu); // Go: defer
	return err;
}

/* Go: net/pipe.go (*pipe).Write */
static go_error *
pipe_Write(net_Conn *c, const uint8_t *b, size_t len, ssize_t *n)
{
	go_error *err = pipe_write(pipeOf(c), b, len, n);

	if (err != NULL && err != io_ErrClosedPipe)
		err = net_newOpError("write", "pipe", NULL, NULL, err);
	return err;
}

static bool
pipe_closed(net_pipe *p)
{
	return isClosedChan(p->localDone) || isClosedChan(p->remoteDone);
}

/* Go: net/pipe.go (*pipe).SetDeadline */
static go_error *
pipe_SetDeadline(net_Conn *c, time_Time t)
{
	net_pipe *p = pipeOf(c);

	if (pipe_closed(p))
		return io_ErrClosedPipe;
	pipeDeadline_set(&p->readDeadline, t);
	pipeDeadline_set(&p->writeDeadline, t);
	return NULL;
}

/* Go: net/pipe.go (*pipe).SetReadDeadline */
static go_error *
pipe_SetReadDeadline(net_Conn *c, time_Time t)
{
	net_pipe *p = pipeOf(c);

	if (pipe_closed(p))
		return io_ErrClosedPipe;
	pipeDeadline_set(&p->readDeadline, t);
	return NULL;
}

/* Go: net/pipe.go (*pipe).SetWriteDeadline */
static go_error *
pipe_SetWriteDeadline(net_Conn *c, time_Time t)
{
	net_pipe *p = pipeOf(c);

	if (pipe_closed(p))
		return io_ErrClosedPipe;
	pipeDeadline_set(&p->writeDeadline, t);
	return NULL;
}

static void
closeLocalDone(void *arg)
{
	runtime_closechan(((net_pipe *)arg)->localDone);
}

/* Go: net/pipe.go (*pipe).Close */
static go_error *
pipe_Close(net_Conn *c)
{
	net_pipe *p = pipeOf(c);

	sync_Once_Do(&p->once, closeLocalDone, p);
	return NULL;
}

// C: no Go twin (GC). Closes the end if needed and releases its deadlines;
// the last end releases the shared channels.
static void
pipe_Free(net_Conn *c)
{
	net_pipe *p = pipeOf(c);
	pipePair *pp = p->pair;

	go_error_release(pipe_Close(c));
	pipeDeadline_free(&p->readDeadline);
	pipeDeadline_free(&p->writeDeadline);
	if (atomic_fetch_sub(&pp->ends, 1) != 1)
		return;
	for (size_t k = 0; k < sizeof(pp->ch) / sizeof(pp->ch[0]); k++)
		runtime_chanfree(pp->ch[k]);
	free(pp);
}

static const net_Conn_methods pipe_methods = {
	.type = "*net.pipe",
	.Read = pipe_Read,
	.Write = pipe_Write,
	.Close = pipe_Close,
	.LocalAddr = pipe_LocalAddr,
	.RemoteAddr = pipe_RemoteAddr,
	.SetDeadline = pipe_SetDeadline,
	.SetReadDeadline = pipe_SetReadDeadline,
	.SetWriteDeadline = pipe_SetWriteDeadline,
	.Free = pipe_Free,
};
