// C port of go1.19 src/vendor/golang.org/x/net/nettest/conntest.go (and
// the two deadlines it takes from nettest.go): see conntest.h.
//
// C: what stands in for Go's garbage collector and testing.T here. A
// subtest's goroutines all go through tGo, which counts them in the
// subtest's WaitGroup (bg); the closures, channels and buffers they share
// come from tNew/tChan and are released only after bg has drained, so no
// goroutine ever sees freed memory, even those Go leaves running when a
// subtest returns. Goroutines report failures with tErrorf, which only
// records them.
//
// Counts and timings are Go's in every build variant, valgrind included
// (10 racy readers or writers of 100 calls each, 100 rounds of 7 method
// goroutines, 1ms and 10ms deadlines, the 100ms waits, the one-minute
// watchdog): under memcheck the whole suite takes about 3 seconds over
// loopback TCP, so nothing needs scaling down.
#include "conntest.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testmain.h"

#include "localhelpers.h"

#include "io/io.h"
#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "time/time.h"

/* Go: golang.org/x/net/nettest/nettest.go aLongTimeAgo */
// A deadline far in the past (1977): any call made with it times out.
static time_Time
aLongTimeAgo(void)
{
	return time_Unix(233431200, 0);
}

/* Go: golang.org/x/net/nettest/nettest.go neverTimeout */
// The zero Time, which as a deadline means none.
static const time_Time neverTimeout = {0, 0};

// ---- the subtest: Go's *testing.T, and the GC's part ----

// C: one release to run once every goroutine of the subtest is done.
typedef struct tCleanup {
	struct tCleanup *next;
	void (*fn)(void *p);
	void *p;
} tCleanup;

// Go: the *testing.T each subtest receives.
typedef struct connT {
	const char *name;  // subtest name; constant
	net_Conn *c1, *c2; // the pair under test; set before f runs, constant after
	sync_Once once;    // Go: timeoutWrapper's once around terminating the pair
	// C: counts every goroutine started through tGo, plus the watchdog
	// until it is known not to fire. Add is only called from the
	// subtest's own (main) goroutine, before the final Wait.
	sync_WaitGroup bg;
	sync_Mutex mu;      // guards the fields below
	char *log;          // the t.Error messages, one per line (malloc'd)
	size_t loglen;      // bytes in log, NUL excluded
	int nerr;           // how many failures were recorded
	tCleanup *cleanups; // run (in any order) once bg has drained
} connT;

typedef void (*connTester)(connT *t, net_Conn *c1, net_Conn *c2);

// Go: t.Errorf. Any goroutine may call it: it only records the message.
static void tErrorf(connT *t, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void
tErrorf(connT *t, const char *format, ...)
{
	va_list ap;
	char *msg;
	int n;

	va_start(ap, format);
	n = vasprintf(&msg, format, ap);
	va_end(ap);
	if (n < 0)
		runtime_throw("out of memory");
	sync_Mutex_Lock(&t->mu);
	t->log = realloc(t->log, t->loglen + (size_t)n + 2);
	if (t->log == NULL)
		runtime_throw("out of memory");
	memcpy(t->log + t->loglen, msg, (size_t)n);
	t->loglen += (size_t)n;
	t->log[t->loglen++] = '\n';
	t->log[t->loglen] = '\0';
	t->nerr++;
	sync_Mutex_Unlock(&t->mu);
	free(msg);
}

// Go's %v of an error value.
static const char *
errText(go_error *err)
{
	return err != NULL ? go_error_Error(err) : "<nil>";
}

// C: runs fn(p) once the subtest's goroutines are all done.
static void
tDefer(connT *t, void (*fn)(void *p), void *p)
{
	tCleanup *c = runtime_newobject(sizeof(*c));

	c->fn = fn;
	c->p = p;
	sync_Mutex_Lock(&t->mu);
	c->next = t->cleanups;
	t->cleanups = c;
	sync_Mutex_Unlock(&t->mu);
}

// C: zeroed memory (Go's new/make) that lives as long as the subtest.
static void *
tNew(connT *t, size_t size)
{
	void *p = runtime_newobject(size);

	tDefer(t, free, p);
	return p;
}

static void
chanfree(void *p)
{
	runtime_chanfree(p);
}

// C: make(chan T, size) that lives as long as the subtest.
static runtime_hchan *
tChan(connT *t, size_t elemsize, int size)
{
	runtime_hchan *c = runtime_makechan(elemsize, size);

	tDefer(t, chanfree, c);
	return c;
}

// C: what a goroutine started with tGo runs: fn, then the subtest's count.
typedef struct tGoroutine {
	connT *t;
	void (*fn)(void *arg);
	void *arg;
} tGoroutine;

static void
tGoroutineMain(void *p)
{
	tGoroutine *g = p;

	g->fn(g->arg);
	// The record outlives this goroutine (tNew), and nothing of the
	// subtest is touched after Done.
	sync_WaitGroup_Done(&g->t->bg);
}

// Go: `go fn(arg)` inside a subtest. C: counted in t->bg. Only from the
// subtest's main goroutine.
static void
tGo(connT *t, void (*fn)(void *arg), void *arg)
{
	tGoroutine *g = tNew(t, sizeof(*g));

	g->t = t;
	g->fn = fn;
	g->arg = arg;
	sync_WaitGroup_Add(&t->bg, 1);
	go(tGoroutineMain, g);
}

// ---- the readers and writers the suite copies between ----

// C: Go's struct{ io.Reader }{c} and struct{ io.Writer }{c} around a Conn:
// only Read and Write are visible (no WriterTo, no ReaderFrom), so a copy
// goes through the caller's buffer.
typedef struct connIO {
	io_Reader r;
	io_Writer w;
	net_Conn *c;
} connIO;

static go_error *
connIO_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	connIO *cio = (connIO *)((char *)r - offsetof(connIO, r));

	return net_Conn_Read(cio->c, p, len, n);
}

static go_error *
connIO_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	connIO *cio = (connIO *)((char *)w - offsetof(connIO, w));

	return net_Conn_Write(cio->c, p, len, n);
}

static const io_Reader_methods connIO_readerMethods = {.type = "struct { io.Reader }",
						       .Read = connIO_Read};
static const io_Writer_methods connIO_writerMethods = {.type = "struct { io.Writer }",
						       .Write = connIO_Write};

static connIO *
connIO_init(connIO *cio, net_Conn *c)
{
	cio->r.m = &connIO_readerMethods;
	cio->w.m = &connIO_writerMethods;
	cio->c = c;
	return cio;
}

/* Go: math/rand (*Rand).Read, on rand.New(rand.NewSource(seed)) */
// An endless stream of pseudo-random bytes, handed out from one 64-bit
// value at a time as Go's Read hands them out from Int63.
// C: splitmix64 in place of Go's additive lagged Fibonacci source (which
// would need its 607-word seed table): the suite only needs a fixed stream
// that never ends, not Go's exact bytes.
typedef struct randReader {
	io_Reader r;
	uint64_t state;
	uint64_t val; // bytes not handed out yet
	int pos;      // how many bytes remain in val
} randReader;

static uint64_t
randReader_next(randReader *rr)
{
	uint64_t z = (rr->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static go_error *
randReader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	randReader *rr = (randReader *)r;

	for (size_t i = 0; i < len; i++) {
		if (rr->pos == 0) {
			rr->val = randReader_next(rr);
			rr->pos = 8;
		}
		p[i] = (uint8_t)rr->val;
		rr->val >>= 8;
		rr->pos--;
	}
	*n = (ssize_t)len;
	return NULL;
}

static const io_Reader_methods randReader_methods = {.type = "*rand.Rand", .Read = randReader_Read};

// Go: rand.New(rand.NewSource(seed)).
static io_Reader *
randReader_init(randReader *rr, uint64_t seed)
{
	*rr = (randReader){.r = {&randReader_methods}, .state = seed};
	return &rr->r;
}

/* Go: io/ioutil Discard (io.Discard), seen only as an io.Writer */
static go_error *
discard_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	(void)w;
	(void)p;
	*n = (ssize_t)len;
	return NULL;
}

static const io_Writer_methods discard_methods = {.type = "io.discard", .Write = discard_Write};
// Stateless, so every goroutine may share it.
static io_Writer discard = {&discard_methods};

/* Go: bytes.Reader, as bytes.NewReader(b) */
typedef struct bytesReader {
	io_Reader r;
	const uint8_t *s; // borrowed
	size_t len;
	size_t i; // current reading index
} bytesReader;

/* Go: bytes (*Reader).Read */
static go_error *
bytesReader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	bytesReader *br = (bytesReader *)r;

	*n = 0;
	if (br->i >= br->len)
		return io_EOF;
	if (len > br->len - br->i)
		len = br->len - br->i;
	memcpy(p, br->s + br->i, len);
	br->i += len;
	*n = (ssize_t)len;
	return NULL;
}

static const io_Reader_methods bytesReader_methods = {.type = "*bytes.Reader",
						      .Read = bytesReader_Read};

/* Go: bytes.Buffer, as new(bytes.Buffer), write side only */
typedef struct bytesBuffer {
	io_Writer w;
	uint8_t *buf; // malloc'd; the owner frees it
	size_t len;
	size_t cap;
} bytesBuffer;

/* Go: bytes (*Buffer).Write */
static go_error *
bytesBuffer_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	bytesBuffer *b = (bytesBuffer *)w;

	if (b->len + len > b->cap) {
		size_t cap = b->cap == 0 ? 64 : b->cap;

		while (cap < b->len + len)
			cap *= 2;
		b->buf = realloc(b->buf, cap);
		if (b->buf == NULL)
			runtime_throw("out of memory");
		b->cap = cap;
	}
	memcpy(b->buf + b->len, p, len);
	b->len += len;
	*n = (ssize_t)len;
	return NULL;
}

static const io_Writer_methods bytesBuffer_methods = {.type = "*bytes.Buffer",
						      .Write = bytesBuffer_Write};

/* Go: golang.org/x/net/nettest/conntest.go chunkedCopy */
// Copies r to w 1024 bytes at a time, so that no single Write is larger
// than a packet-oriented Conn accepts (1024 is assumed to fit). Neither
// side shows WriterTo or ReaderFrom (Go wraps them in structs for that).
static go_error *
chunkedCopy(io_Writer *w, io_Reader *r)
{
	uint8_t b[1024];
	int64_t n;

	return io_CopyBuffer(w, r, b, sizeof(b), &n);
}

// C: the state of a `go chunkedCopy(w, r)` whose writer or reader is a
// Conn or a rand.Rand: it must live as long as the goroutine.
typedef struct copyArgs {
	io_Writer *w;
	io_Reader *r;
	connIO cio;
	randReader rnd;
} copyArgs;

static void
chunkedCopyGoroutine(void *arg)
{
	copyArgs *a = arg;

	// Go drops the error of these background copies: they end when the
	// pair is closed.
	go_error_release(chunkedCopy(a->w, a->r));
}

// Go: `go chunkedCopy(w, r)`, w and r pointing into a (from tNew).
static void
goChunkedCopy(connT *t, copyArgs *a, io_Writer *w, io_Reader *r)
{
	a->w = w;
	a->r = r;
	tGo(t, chunkedCopyGoroutine, a);
}

/* Go: io.ReadFull(c, buf) */
static go_error *
readFull(net_Conn *c, uint8_t *buf, size_t len)
{
	size_t got;

	return ioReadFull(c, buf, len, &got);
}

// Go's %q of a []byte, into out (at least 4*len+3 bytes).
static const char *
quote(char *out, const uint8_t *b, size_t len)
{
	char *p = out;

	*p++ = '"';
	for (size_t i = 0; i < len; i++) {
		if (b[i] == '"' || b[i] == '\\')
			p += sprintf(p, "\\%c", b[i]);
		else if (b[i] >= 0x20 && b[i] < 0x7f)
			*p++ = (char)b[i];
		else
			p += sprintf(p, "\\x%02x", b[i]);
	}
	*p++ = '"';
	*p = '\0';
	return out;
}

// ---- the checks shared by the subtests ----

/* Go: golang.org/x/net/nettest/conntest.go checkForTimeoutError */
// err must be a net.Error whose Timeout() is true. err stays the caller's.
// C: net.Error is an error with both Timeout and Temporary methods.
static void
checkForTimeoutError(connT *t, go_error *err)
{
	if (err != NULL && err->m->Timeout != NULL && err->m->Temporary != NULL) {
		if (!go_error_Timeout(err))
			tErrorf(t, "got error: %s, want err.Timeout() = true", errText(err));
	} else {
		tErrorf(t, "got %s: %s, want net.Error", err != NULL ? err->m->type : "<nil>",
			errText(err));
	}
}

/* Go: golang.org/x/net/nettest/conntest.go testRoundtrip */
// Writes a greeting into c and expects it back: whatever c sends must be
// echoed to it.
static void
testRoundtrip(connT *t, net_Conn *c)
{
	static const char s[] = "Hello, world!";
	uint8_t buf[sizeof(s) - 1];
	char got[4 * sizeof(buf) + 3], want[4 * sizeof(buf) + 3];
	ssize_t n;
	go_error *err;

	if ((err = net_Conn_SetDeadline(c, neverTimeout)) != NULL) {
		tErrorf(t, "roundtrip SetDeadline error: %s", errText(err));
		go_error_release(err);
	}

	memcpy(buf, s, sizeof(buf));
	if ((err = net_Conn_Write(c, buf, sizeof(buf), &n)) != NULL) {
		tErrorf(t, "roundtrip Write error: %s", errText(err));
		go_error_release(err);
	}
	if ((err = readFull(c, buf, sizeof(buf))) != NULL) {
		tErrorf(t, "roundtrip Read error: %s", errText(err));
		go_error_release(err);
	}
	if (memcmp(buf, s, sizeof(buf)) != 0)
		tErrorf(t, "roundtrip data mismatch: got %s, want %s", quote(got, buf, sizeof(buf)),
			quote(want, (const uint8_t *)s, sizeof(buf)));
}

typedef struct resyncArgs {
	net_Conn *c;
	runtime_hchan *errCh; // chan error
} resyncArgs;

static void
resyncWriter(void *arg)
{
	resyncArgs *a = arg;
	static const uint8_t ff[1] = {0xff};
	ssize_t n;
	go_error *err = net_Conn_Write(a->c, ff, sizeof(ff), &n);

	runtime_chansend1(a->errCh, &err);
}

/* Go: golang.org/x/net/nettest/conntest.go resyncConn */
// Brings c back to a known state: sends a 0xff marker (which nothing else
// on the wire may contain) and reads until the echo of it arrives last.
static void
resyncConn(connT *t, net_Conn *c)
{
	resyncArgs *a = tNew(t, sizeof(*a));
	uint8_t buf[1024];
	ssize_t n;
	go_error *err;

	go_error_release(net_Conn_SetDeadline(c, neverTimeout));
	a->c = c;
	a->errCh = tChan(t, sizeof(go_error *), 0);
	tGo(t, resyncWriter, a);
	for (;;) {
		const uint8_t *ff;

		n = 0;
		err = net_Conn_Read(c, buf, sizeof(buf), &n);
		if (n > 0 && (ff = memchr(buf, 0xff, (size_t)n)) != NULL && ff - buf == n - 1) {
			go_error_release(err);
			break;
		}
		if (err != NULL) {
			tErrorf(t, "unexpected Read error: %s", errText(err));
			go_error_release(err);
			break;
		}
	}
	runtime_chanrecv1(a->errCh, &err);
	if (err != NULL) {
		tErrorf(t, "unexpected Write error: %s", errText(err));
		go_error_release(err);
	}
}

// C: keeps the compiler from dropping a store to b as dead: the racy
// subtests mutate their buffer right after a call returns precisely so
// that the race detector sees it.
static void
escape(void *b)
{
	__asm__ volatile("" : : "r"(b) : "memory");
}

// ---- BasicIO ----

typedef struct byteSlice {
	uint8_t *p; // malloc'd; the receiver frees it
	size_t len;
} byteSlice;

typedef struct basicIOArgs {
	connT *t;
	net_Conn *c1, *c2;
	const uint8_t *want;
	size_t len;
	runtime_hchan *dataCh; // chan []byte
} basicIOArgs;

static void
basicIOSender(void *arg)
{
	basicIOArgs *a = arg;
	bytesReader rd = {{&bytesReader_methods}, a->want, a->len, 0};
	connIO w;
	go_error *err;

	if ((err = chunkedCopy(&connIO_init(&w, a->c1)->w, &rd.r)) != NULL) {
		tErrorf(a->t, "unexpected c1.Write error: %s", errText(err));
		go_error_release(err);
	}
	if ((err = net_Conn_Close(a->c1)) != NULL) {
		tErrorf(a->t, "unexpected c1.Close error: %s", errText(err));
		go_error_release(err);
	}
}

static void
basicIOReceiver(void *arg)
{
	basicIOArgs *a = arg;
	bytesBuffer wr = {{&bytesBuffer_methods}, NULL, 0, 0};
	connIO r;
	byteSlice got;
	go_error *err;

	if ((err = chunkedCopy(&wr.w, &connIO_init(&r, a->c2)->r)) != NULL) {
		tErrorf(a->t, "unexpected c2.Read error: %s", errText(err));
		go_error_release(err);
	}
	if ((err = net_Conn_Close(a->c2)) != NULL) {
		tErrorf(a->t, "unexpected c2.Close error: %s", errText(err));
		go_error_release(err);
	}
	got = (byteSlice){wr.buf, wr.len};
	runtime_chansend1(a->dataCh, &got);
}

/* Go: golang.org/x/net/nettest/conntest.go testBasicIO */
// 1 MiB of random bytes written on c1 must arrive intact on c2.
static void
testBasicIO(connT *t, net_Conn *c1, net_Conn *c2)
{
	basicIOArgs *a = tNew(t, sizeof(*a));
	uint8_t *want = tNew(t, 1 << 20);
	randReader rnd;
	byteSlice got;
	ssize_t n;

	go_error_release(io_Reader_Read(randReader_init(&rnd, 0), want, 1 << 20, &n));

	a->t = t;
	a->c1 = c1;
	a->c2 = c2;
	a->want = want;
	a->len = 1 << 20;
	a->dataCh = tChan(t, sizeof(byteSlice), 0);
	tGo(t, basicIOSender, a);
	tGo(t, basicIOReceiver, a);

	runtime_chanrecv1(a->dataCh, &got);
	if (got.len != a->len || memcmp(got.p, want, a->len) != 0)
		tErrorf(t, "transmitted data differs");
	free(got.p);
}

// ---- PingPong ----

typedef struct pingPongArgs {
	connT *t;
	sync_WaitGroup *wg;
	net_Conn *c;
} pingPongArgs;

static uint64_t
le64(const uint8_t *b)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

static void
putLE64(uint8_t *b, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		b[i] = (uint8_t)v;
}

// Go: testPingPong's pingPonger closure: reads a counter, checks that it
// moved by two since its last turn, sends it back plus one; stops at 1000
// or at EOF.
static void
pingPonger(void *arg)
{
	pingPongArgs *a = arg;
	connT *t = a->t;
	uint8_t buf[8] = {0};
	uint64_t prev = 0, v;
	ssize_t n;
	go_error *err;

	for (;;) {
		if ((err = readFull(a->c, buf, sizeof(buf))) != NULL) {
			if (err == io_EOF)
				break;
			tErrorf(t, "unexpected Read error: %s", errText(err));
			go_error_release(err);
		}

		v = le64(buf);
		putLE64(buf, v + 1);
		if (prev != 0 && prev + 2 != v)
			tErrorf(t, "mismatching value: got %llu, want %llu", (unsigned long long)v,
				(unsigned long long)(prev + 2));
		prev = v;
		if (v == 1000)
			break;

		if ((err = net_Conn_Write(a->c, buf, sizeof(buf), &n)) != NULL) {
			tErrorf(t, "unexpected Write error: %s", errText(err));
			go_error_release(err);
			break;
		}
	}
	if ((err = net_Conn_Close(a->c)) != NULL) {
		tErrorf(t, "unexpected Close error: %s", errText(err));
		go_error_release(err);
	}
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

/* Go: golang.org/x/net/nettest/conntest.go testPingPong */
// Both ends answer each other in lockstep, request then response.
static void
testPingPong(connT *t, net_Conn *c1, net_Conn *c2)
{
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
	pingPongArgs a1 = {t, &wg, c1}, a2 = {t, &wg, c2};
	uint8_t zero[8] = {0};
	ssize_t n;
	go_error *err;

	sync_WaitGroup_Add(&wg, 2);
	tGo(t, pingPonger, &a1);
	tGo(t, pingPonger, &a2);

	// The first message sets the exchange going.
	if ((err = net_Conn_Write(c1, zero, sizeof(zero), &n)) != NULL) {
		tErrorf(t, "unexpected c1.Write error: %s", errText(err));
		go_error_release(err);
	}
	sync_WaitGroup_Wait(&wg); // C: defer wg.Wait()
}

// ---- RacyRead, RacyWrite ----

typedef struct racyArgs {
	connT *t;
	sync_WaitGroup *wg;
	net_Conn *c1;
} racyArgs;

// Go: testRacyRead's goroutine.
static void
racyReader(void *arg)
{
	racyArgs *a = arg;
	uint8_t b1[1024] = {0}, b2[1024] = {0};
	ssize_t n;
	go_error *err;

	for (int j = 0; j < 100; j++) {
		err = net_Conn_Read(a->c1, b1, sizeof(b1), &n);
		memcpy(b1, b2, sizeof(b1)); // the Read must be done with b1 by now
		escape(b1);
		if (err != NULL) {
			checkForTimeoutError(a->t, err);
			go_error_release(err);
			go_error_release(net_Conn_SetReadDeadline(
				a->c1, time_Time_Add(time_Now(), time_Millisecond)));
		}
	}
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

/* Go: golang.org/x/net/nettest/conntest.go testRacyRead */
// A Read cut short by its deadline must not touch its buffer afterwards.
static void
testRacyRead(connT *t, net_Conn *c1, net_Conn *c2)
{
	copyArgs *cp = tNew(t, sizeof(*cp));
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
	racyArgs a = {t, &wg, c1};

	goChunkedCopy(t, cp, &connIO_init(&cp->cio, c2)->w, randReader_init(&cp->rnd, 0));

	go_error_release(net_Conn_SetReadDeadline(c1, time_Time_Add(time_Now(), time_Millisecond)));
	for (int i = 0; i < 10; i++) {
		sync_WaitGroup_Add(&wg, 1);
		tGo(t, racyReader, &a);
	}
	sync_WaitGroup_Wait(&wg); // C: defer wg.Wait()
}

// Go: testRacyWrite's goroutine.
static void
racyWriter(void *arg)
{
	racyArgs *a = arg;
	uint8_t b1[1024] = {0}, b2[1024] = {0};
	ssize_t n;
	go_error *err;

	for (int j = 0; j < 100; j++) {
		err = net_Conn_Write(a->c1, b1, sizeof(b1), &n);
		memcpy(b1, b2, sizeof(b1)); // the Write must be done with b1 by now
		escape(b1);
		if (err != NULL) {
			checkForTimeoutError(a->t, err);
			go_error_release(err);
			go_error_release(net_Conn_SetWriteDeadline(
				a->c1, time_Time_Add(time_Now(), time_Millisecond)));
		}
	}
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

/* Go: golang.org/x/net/nettest/conntest.go testRacyWrite */
// A Write cut short by its deadline must not touch its buffer afterwards.
static void
testRacyWrite(connT *t, net_Conn *c1, net_Conn *c2)
{
	copyArgs *cp = tNew(t, sizeof(*cp));
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
	racyArgs a = {t, &wg, c1};

	goChunkedCopy(t, cp, &discard, &connIO_init(&cp->cio, c2)->r);

	go_error_release(
		net_Conn_SetWriteDeadline(c1, time_Time_Add(time_Now(), time_Millisecond)));
	for (int i = 0; i < 10; i++) {
		sync_WaitGroup_Add(&wg, 1);
		tGo(t, racyWriter, &a);
	}
	sync_WaitGroup_Wait(&wg); // C: defer wg.Wait()
}

// ---- ReadTimeout, WriteTimeout, PastTimeout ----

/* Go: golang.org/x/net/nettest/conntest.go testReadTimeout */
// A read deadline that has passed leaves Write working.
static void
testReadTimeout(connT *t, net_Conn *c1, net_Conn *c2)
{
	copyArgs *cp = tNew(t, sizeof(*cp));
	uint8_t b[1024] = {0};
	ssize_t n;
	go_error *err;

	goChunkedCopy(t, cp, &discard, &connIO_init(&cp->cio, c2)->r);

	go_error_release(net_Conn_SetReadDeadline(c1, aLongTimeAgo()));
	err = net_Conn_Read(c1, b, sizeof(b), &n);
	checkForTimeoutError(t, err);
	go_error_release(err);
	memset(b, 0, sizeof(b));
	if ((err = net_Conn_Write(c1, b, sizeof(b), &n)) != NULL) {
		tErrorf(t, "unexpected Write error: %s", errText(err));
		go_error_release(err);
	}
}

/* Go: golang.org/x/net/nettest/conntest.go testWriteTimeout */
// A write deadline that has passed leaves Read working.
static void
testWriteTimeout(connT *t, net_Conn *c1, net_Conn *c2)
{
	copyArgs *cp = tNew(t, sizeof(*cp));
	uint8_t b[1024] = {0};
	ssize_t n;
	go_error *err;

	goChunkedCopy(t, cp, &connIO_init(&cp->cio, c2)->w, randReader_init(&cp->rnd, 0));

	go_error_release(net_Conn_SetWriteDeadline(c1, aLongTimeAgo()));
	err = net_Conn_Write(c1, b, sizeof(b), &n);
	checkForTimeoutError(t, err);
	go_error_release(err);
	if ((err = net_Conn_Read(c1, b, sizeof(b), &n)) != NULL) {
		tErrorf(t, "unexpected Read error: %s", errText(err));
		go_error_release(err);
	}
}

/* Go: golang.org/x/net/nettest/conntest.go testPastTimeout */
// With a deadline in the past, Read and Write fail at once and move
// nothing; clearing it makes the conn usable again.
static void
testPastTimeout(connT *t, net_Conn *c1, net_Conn *c2)
{
	copyArgs *cp = tNew(t, sizeof(*cp));
	uint8_t b[1024] = {0};
	ssize_t n;
	go_error *err;

	connIO_init(&cp->cio, c2);
	goChunkedCopy(t, cp, &cp->cio.w, &cp->cio.r);

	testRoundtrip(t, c1);

	go_error_release(net_Conn_SetDeadline(c1, aLongTimeAgo()));
	n = 0;
	err = net_Conn_Write(c1, b, sizeof(b), &n);
	if (n != 0)
		tErrorf(t, "unexpected Write count: got %zd, want 0", n);
	checkForTimeoutError(t, err);
	go_error_release(err);
	n = 0;
	err = net_Conn_Read(c1, b, sizeof(b), &n);
	if (n != 0)
		tErrorf(t, "unexpected Read count: got %zd, want 0", n);
	checkForTimeoutError(t, err);
	go_error_release(err);

	testRoundtrip(t, c1);
}

// ---- PresentTimeout ----

typedef struct presentArgs {
	connT *t;
	sync_WaitGroup *wg;
	net_Conn *c1;
	runtime_hchan *deadlineSet; // chan bool, buffered 1
} presentArgs;

// Go: testPresentTimeout's first goroutine: after 100ms, marks the moment
// and moves both deadlines into the past.
static void
presentSetDeadlines(void *arg)
{
	presentArgs *a = arg;
	bool v = true;

	time_Sleep(100 * time_Millisecond);
	runtime_chansend1(a->deadlineSet, &v);
	go_error_release(net_Conn_SetReadDeadline(a->c1, aLongTimeAgo()));
	go_error_release(net_Conn_SetWriteDeadline(a->c1, aLongTimeAgo()));
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

// Go: testPresentTimeout's second goroutine: a Read blocked until then.
static void
presentRead(void *arg)
{
	presentArgs *a = arg;
	uint8_t b[1024] = {0};
	ssize_t n = 0;
	go_error *err = net_Conn_Read(a->c1, b, sizeof(b), &n);

	if (n != 0)
		tErrorf(a->t, "unexpected Read count: got %zd, want 0", n);
	checkForTimeoutError(a->t, err);
	go_error_release(err);
	if (runtime_chanlen(a->deadlineSet) == 0)
		tErrorf(a->t, "Read timed out before deadline is set");
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

// Go: testPresentTimeout's third goroutine: Writes until one blocks and
// is then cut off.
static void
presentWrite(void *arg)
{
	presentArgs *a = arg;
	go_error *err = NULL;

	while (err == NULL) {
		uint8_t b[1024] = {0};
		ssize_t n;

		err = net_Conn_Write(a->c1, b, sizeof(b), &n);
	}
	checkForTimeoutError(a->t, err);
	go_error_release(err);
	if (runtime_chanlen(a->deadlineSet) == 0)
		tErrorf(a->t, "Write timed out before deadline is set");
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

/* Go: golang.org/x/net/nettest/conntest.go testPresentTimeout */
// Moving the deadlines into the past while a Read and a Write are blocked
// must end both at once, with a timeout.
static void
testPresentTimeout(connT *t, net_Conn *c1, net_Conn *c2)
{
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
	presentArgs a = {t, &wg, c1, NULL};

	(void)c2;
	sync_WaitGroup_Add(&wg, 3);

	a.deadlineSet = tChan(t, sizeof(bool), 1);
	tGo(t, presentSetDeadlines, &a);
	tGo(t, presentRead, &a);
	tGo(t, presentWrite, &a);
	sync_WaitGroup_Wait(&wg); // C: defer wg.Wait()
}

// ---- FutureTimeout ----

typedef struct futureArgs {
	connT *t;
	sync_WaitGroup *wg;
	net_Conn *c1;
} futureArgs;

static void
futureRead(void *arg)
{
	futureArgs *a = arg;
	uint8_t b[1024] = {0};
	ssize_t n;
	go_error *err = net_Conn_Read(a->c1, b, sizeof(b), &n);

	checkForTimeoutError(a->t, err);
	go_error_release(err);
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

static void
futureWrite(void *arg)
{
	futureArgs *a = arg;
	go_error *err = NULL;

	while (err == NULL) {
		uint8_t b[1024] = {0};
		ssize_t n;

		err = net_Conn_Write(a->c1, b, sizeof(b), &n);
	}
	checkForTimeoutError(a->t, err);
	go_error_release(err);
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

/* Go: golang.org/x/net/nettest/conntest.go testFutureTimeout */
// A deadline 100ms ahead ends a blocked Read and a blocked Write when it
// comes; after a resync the conn works again.
static void
testFutureTimeout(connT *t, net_Conn *c1, net_Conn *c2)
{
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
	futureArgs a = {t, &wg, c1};
	copyArgs *cp;

	sync_WaitGroup_Add(&wg, 2);

	go_error_release(
		net_Conn_SetDeadline(c1, time_Time_Add(time_Now(), 100 * time_Millisecond)));
	tGo(t, futureRead, &a);
	tGo(t, futureWrite, &a);
	sync_WaitGroup_Wait(&wg);

	cp = tNew(t, sizeof(*cp));
	connIO_init(&cp->cio, c2);
	goChunkedCopy(t, cp, &cp->cio.w, &cp->cio.r);
	resyncConn(t, c1);
	testRoundtrip(t, c1);
}

// ---- CloseTimeout ----

typedef struct closeArgs {
	sync_WaitGroup *wg;
	net_Conn *c1;
} closeArgs;

static void
closeAfter100ms(void *arg)
{
	closeArgs *a = arg;

	time_Sleep(100 * time_Millisecond);
	go_error_release(net_Conn_Close(a->c1));
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

static void
closeReadLoop(void *arg)
{
	closeArgs *a = arg;
	uint8_t buf[1024] = {0};
	go_error *err = NULL;

	while (err == NULL) {
		ssize_t n;

		err = net_Conn_Read(a->c1, buf, sizeof(buf), &n);
	}
	go_error_release(err);
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

static void
closeWriteLoop(void *arg)
{
	closeArgs *a = arg;
	uint8_t buf[1024] = {0};
	go_error *err = NULL;

	while (err == NULL) {
		ssize_t n;

		err = net_Conn_Write(a->c1, buf, sizeof(buf), &n);
	}
	go_error_release(err);
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

/* Go: golang.org/x/net/nettest/conntest.go testCloseTimeout */
// Close must end the Reads and Writes in progress on the conn.
static void
testCloseTimeout(connT *t, net_Conn *c1, net_Conn *c2)
{
	copyArgs *cp = tNew(t, sizeof(*cp));
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
	closeArgs a = {&wg, c1};

	connIO_init(&cp->cio, c2);
	goChunkedCopy(t, cp, &cp->cio.w, &cp->cio.r);

	sync_WaitGroup_Add(&wg, 3);

	// With no deadline at all, only Close can end these calls.
	go_error_release(net_Conn_SetDeadline(c1, neverTimeout));
	tGo(t, closeAfter100ms, &a);
	tGo(t, closeReadLoop, &a);
	tGo(t, closeWriteLoop, &a);
	sync_WaitGroup_Wait(&wg); // C: defer wg.Wait()
}

// ---- ConcurrentMethods ----

typedef struct concurrentArgs {
	sync_WaitGroup *wg;
	net_Conn *c1;
} concurrentArgs;

static void
concurrentRead(void *arg)
{
	concurrentArgs *a = arg;
	uint8_t b[1024] = {0};
	ssize_t n;

	go_error_release(net_Conn_Read(a->c1, b, sizeof(b), &n));
	sync_WaitGroup_Done(a->wg); // C: defer wg.Done()
}

static void
concurrentWrite(void *arg)
{
	concurrentArgs *a = arg;
	uint8_t b[1024] = {0};
	ssize_t n;

	go_error_release(net_Conn_Write(a->c1, b, sizeof(b), &n));
	sync_WaitGroup_Done(a->wg);
}

static void
concurrentSetDeadline(void *arg)
{
	concurrentArgs *a = arg;

	go_error_release(
		net_Conn_SetDeadline(a->c1, time_Time_Add(time_Now(), 10 * time_Millisecond)));
	sync_WaitGroup_Done(a->wg);
}

static void
concurrentSetReadDeadline(void *arg)
{
	concurrentArgs *a = arg;

	go_error_release(net_Conn_SetReadDeadline(a->c1, aLongTimeAgo()));
	sync_WaitGroup_Done(a->wg);
}

static void
concurrentSetWriteDeadline(void *arg)
{
	concurrentArgs *a = arg;

	go_error_release(net_Conn_SetWriteDeadline(a->c1, aLongTimeAgo()));
	sync_WaitGroup_Done(a->wg);
}

static void
concurrentLocalAddr(void *arg)
{
	concurrentArgs *a = arg;

	(void)net_Conn_LocalAddr(a->c1);
	sync_WaitGroup_Done(a->wg);
}

static void
concurrentRemoteAddr(void *arg)
{
	concurrentArgs *a = arg;

	(void)net_Conn_RemoteAddr(a->c1);
	sync_WaitGroup_Done(a->wg);
}

/* Go: golang.org/x/net/nettest/conntest.go testConcurrentMethods */
// Every method may be called from many goroutines at once: the results
// mean little, but nothing may race (run it under TSan).
// C: Go skips it on plan9 only; gonet never runs there.
static void
testConcurrentMethods(connT *t, net_Conn *c1, net_Conn *c2)
{
	static void (*const methods[7])(void *) = {
		concurrentRead,
		concurrentWrite,
		concurrentSetDeadline,
		concurrentSetReadDeadline,
		concurrentSetWriteDeadline,
		concurrentLocalAddr,
		concurrentRemoteAddr,
	};
	copyArgs *cp = tNew(t, sizeof(*cp));
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
	concurrentArgs a = {&wg, c1};

	connIO_init(&cp->cio, c2);
	goChunkedCopy(t, cp, &cp->cio.w, &cp->cio.r);

	for (int i = 0; i < 100; i++) {
		sync_WaitGroup_Add(&wg, 7);
		for (size_t j = 0; j < 7; j++)
			tGo(t, methods[j], &a);
	}
	sync_WaitGroup_Wait(&wg); // the last deadline set is at most 10ms ahead

	resyncConn(t, c1);
	testRoundtrip(t, c1);
}

// ---- the driver ----

// C: what both Go's stop() callers do first: close the pair, which ends
// every call in progress on it. Freeing waits for the goroutines.
static void
terminate(void *arg)
{
	connT *t = arg;

	go_error_release(net_Conn_Close(t->c1));
	go_error_release(net_Conn_Close(t->c2));
}

// Go: timeoutWrapper's time.AfterFunc callback.
static void
timedOut(void *arg)
{
	connT *t = arg;

	tErrorf(t, "test timed out; terminating pipe");
	sync_Once_Do(&t->once, terminate, t);
	sync_WaitGroup_Done(&t->bg);
}

/* Go: golang.org/x/net/nettest/conntest.go timeoutWrapper */
// Runs f on a new pair, with a one-minute watchdog that cuts the pair off
// if f hangs.
// C: Go's stop (closing and, through the GC, freeing) becomes three steps:
// close the pair (once, whether the watchdog fired or not), wait for every
// goroutine of the subtest, then call stop, which closes again and frees.
static void
timeoutWrapper(connT *t, nettest_MakePipe mp, void *env, connTester f)
{
	net_Conn *c1 = NULL, *c2 = NULL;
	void (*stop)(void *stoparg) = NULL;
	void *stoparg = NULL;
	time_Timer *timer;
	go_error *err;

	if ((err = mp(env, &c1, &c2, &stop, &stoparg)) != NULL) {
		tErrorf(t, "unable to make pipe: %s", errText(err)); // Go: t.Fatalf
		go_error_release(err);
		return;
	}
	t->c1 = c1;
	t->c2 = c2;
	sync_WaitGroup_Add(&t->bg, 1); // the watchdog, until it is stopped
	timer = time_AfterFunc(time_Minute, timedOut, t);
	f(t, c1, c2);

	if (time_Timer_Stop(timer)) // C: defer timer.Stop()
		sync_WaitGroup_Done(&t->bg);
	sync_Once_Do(&t->once, terminate, t); // C: defer once.Do(stop), first half
	sync_WaitGroup_Wait(&t->bg);
	time_Timer_Free(timer);
	stop(stoparg); // the second half
}

// C: waits (a few seconds at most) until no more goroutines run than
// before the subtest: those that have finished their work may still be on
// their way out, and one still running when go_main returns is abandoned
// with what it holds.
static void
settleGoroutines(int base)
{
	for (int i = 0; i < 5000 * testTimeScale() && runtime_NumGoroutine() > base; i++)
		time_Sleep(time_Millisecond);
}

/* Go: testing (*T).Run, for one subtest of TestConn */
// Returns whether the subtest passed; its messages go to stderr.
static bool
tRun(const char *name, nettest_MakePipe mp, void *env, connTester f)
{
	connT t = {.name = name};
	int base = runtime_NumGoroutine();
	bool ok;

	timeoutWrapper(&t, mp, env, f);
	// Every goroutine of the subtest has finished: release what they used.
	while (t.cleanups != NULL) {
		tCleanup *c = t.cleanups;

		t.cleanups = c->next;
		c->fn(c->p);
		free(c);
	}
	settleGoroutines(base);
	ok = t.nerr == 0;
	if (!ok)
		fprintf(stderr, "--- FAIL: TestConn/%s\n%s", name, t.log);
	free(t.log);
	return ok;
}

/* Go: golang.org/x/net/nettest/conntest.go TestConn */
void
nettest_TestConn(nettest_MakePipe mp, void *env)
{
	static const struct {
		const char *name;
		connTester f;
	} tests[] = {
		{"BasicIO", testBasicIO},
		{"PingPong", testPingPong},
		{"RacyRead", testRacyRead},
		{"RacyWrite", testRacyWrite},
		{"ReadTimeout", testReadTimeout},
		{"WriteTimeout", testWriteTimeout},
		{"PastTimeout", testPastTimeout},
		{"PresentTimeout", testPresentTimeout},
		{"FutureTimeout", testFutureTimeout},
		{"CloseTimeout", testCloseTimeout},
		{"ConcurrentMethods", testConcurrentMethods},
	};
	char failed[256] = "";
	size_t len = 0;

	for (size_t i = 0; i < nelem(tests); i++) {
		if (!tRun(tests[i].name, mp, env, tests[i].f))
			len += (size_t)snprintf(failed + len, sizeof(failed) - len, " %s",
						tests[i].name);
	}
	if (len != 0)
		fail_msg("TestConn: failed subtests:%s", failed);
}
