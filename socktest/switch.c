// C port of go1.19 src/net/internal/socktest/switch.go: the Switch, its
// tables and counters, cookies, statuses, and filters.
#include "socktest/socktest_impl.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/panic.h"

// Initial sizes of the tables that init makes (Go's make(map) has room for a few).
enum {
	sotabInitCap = 64,
	statsInitCap = 4,
};

/* Go: net/internal/socktest/switch.go (*Switch).init */
// C: a table is a growable array; init gives each its first block. The
// filter table is a fixed array that needs nothing.
static void
Switch_init(socktest_Switch *sw)
{
	sw->sotab.v = runtime_newobject(sotabInitCap * sizeof(sw->sotab.v[0]));
	sw->sotab.cap = sotabInitCap;
	sw->sotab.len = 0;
	sw->stats.v = runtime_newobject(statsInitCap * sizeof(sw->stats.v[0]));
	sw->stats.cap = statsInitCap;
	sw->stats.len = 0;
}

// Go: sync/once.go (*Once).Do, with sw.init as f: a fast path on the flag,
// then the mutex, and the flag stored after init returns.
void
socktest_Switch_once(socktest_Switch *sw)
{
	if (atomic_load_explicit(&sw->once.done, memory_order_acquire) != 0)
		return;
	pthread_mutex_lock(&sw->once.m);
	if (atomic_load_explicit(&sw->once.done, memory_order_relaxed) == 0) {
		Switch_init(sw);
		atomic_store_explicit(&sw->once.done, 1, memory_order_release);
	}
	pthread_mutex_unlock(&sw->once.m);
}

/* Go: net/internal/socktest/switch.go (*Switch).Stats */
// C: the once call is not in Go. It orders this first read of the tables
// after init when Stats is the first method a thread calls (Go reads a nil
// map there, a race its detector would report).
socktest_Stat *
socktest_Switch_Stats(socktest_Switch *sw, size_t *n)
{
	socktest_Stat *st = NULL;

	socktest_Switch_once(sw);
	pthread_rwlock_rdlock(&sw->smu);
	*n = sw->stats.len;
	if (*n > 0) {
		st = runtime_newobject(*n * sizeof(st[0]));
		for (size_t i = 0; i < *n; i++)
			st[i] = sw->stats.v[i].s;
	}
	pthread_rwlock_unlock(&sw->smu);
	return st;
}

/* Go: net/internal/socktest/switch.go (*Switch).Sockets */
// C: once as in Stats.
socktest_Sockets
socktest_Switch_Sockets(socktest_Switch *sw)
{
	socktest_Sockets tab = {NULL, 0};
	size_t n = 0;

	socktest_Switch_once(sw);
	pthread_rwlock_rdlock(&sw->smu);
	if (sw->sotab.len > 0) {
		tab.v = runtime_newobject(sw->sotab.len * sizeof(tab.v[0]));
		for (size_t i = 0; i < sw->sotab.cap; i++) {
			if (!sw->sotab.v[i].ok)
				continue;
			tab.v[n].s = (int)i;
			tab.v[n].so = sw->sotab.v[i].so;
			n++;
		}
	}
	tab.len = n;
	pthread_rwlock_unlock(&sw->smu);
	return tab;
}

// C: no Go twin; Go's tests write len(sw.Sockets()).
size_t
socktest_Switch_numSockets(socktest_Switch *sw)
{
	size_t n;

	socktest_Switch_once(sw);
	pthread_rwlock_rdlock(&sw->smu);
	n = sw->sotab.len;
	pthread_rwlock_unlock(&sw->smu);
	return n;
}

bool
socktest_Sockets_get(const socktest_Sockets *tab, int s, socktest_Status *so)
{
	for (size_t i = 0; i < tab->len; i++) {
		if (tab->v[i].s == s) {
			*so = tab->v[i].so;
			return true;
		}
	}
	return false;
}

void
socktest_Sockets_free(socktest_Sockets *tab)
{
	free(tab->v);
	tab->v = NULL;
	tab->len = 0;
}

/* Go: net/internal/socktest/switch.go (Cookie).Family */
int
socktest_Cookie_Family(socktest_Cookie c)
{
	return (int)(c >> 48);
}

/* Go: net/internal/socktest/switch.go (Cookie).Type */
int
socktest_Cookie_Type(socktest_Cookie c)
{
	return (int)(uint32_t)(c << 16 >> 32);
}

/* Go: net/internal/socktest/switch.go (Cookie).Protocol */
int
socktest_Cookie_Protocol(socktest_Cookie c)
{
	return (int)(c & 0xff);
}

/* Go: net/internal/socktest/switch.go cookie */
socktest_Cookie
socktest_cookie(int family, int sotype, int proto)
{
	// C: through int64_t so that a negative argument spreads its sign
	// bits as Go's int conversion does.
	return (socktest_Cookie)(int64_t)family << 48 |
	       ((socktest_Cookie)(int64_t)sotype & 0xffffffff) << 16 |
	       ((socktest_Cookie)(int64_t)proto & 0xff);
}

// C: fmt.Sprintf into a malloc'd string, or throw.
static char *fmt_Sprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt_Sprintf(const char *format, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, format);
	n = vasprintf(&s, format, ap);
	va_end(ap);
	if (n < 0)
		runtime_throw("out of memory"); // GCOVR_EXCL_LINE: no OOM in tests
	return s;
}

/* Go: net/internal/socktest/switch.go (Status).String */
char *
socktest_Status_String(const socktest_Status *so)
{
	char fb[socktest_strbuf], tb[socktest_strbuf], pb[socktest_strbuf];

	// go_error_Error(NULL) is "<nil>", what %v prints for a nil error.
	return fmt_Sprintf("(%s, %s, %s): syscallerr=%s socketerr=%s",
			   socktest_familyString(socktest_Cookie_Family(so->Cookie), fb),
			   socktest_typeString(socktest_Cookie_Type(so->Cookie), tb),
			   socktest_protocolString(socktest_Cookie_Protocol(so->Cookie), pb),
			   go_error_Error(so->Err), go_error_Error(so->SocketErr));
}

/* Go: net/internal/socktest/switch.go (Stat).String */
char *
socktest_Stat_String(const socktest_Stat *st)
{
	char fb[socktest_strbuf], tb[socktest_strbuf], pb[socktest_strbuf];

	return fmt_Sprintf("(%s, %s, %s): opened=%" PRIu64 " connected=%" PRIu64
			   " listened=%" PRIu64 " accepted=%" PRIu64 " closed=%" PRIu64
			   " openfailed=%" PRIu64 " connectfailed=%" PRIu64 " listenfailed=%" PRIu64
			   " acceptfailed=%" PRIu64 " closefailed=%" PRIu64,
			   socktest_familyString(st->Family, fb), socktest_typeString(st->Type, tb),
			   socktest_protocolString(st->Protocol, pb), st->Opened, st->Connected,
			   st->Listened, st->Accepted, st->Closed, st->OpenFailed,
			   st->ConnectFailed, st->ListenFailed, st->AcceptFailed, st->CloseFailed);
}

void
socktest_Status_release(socktest_Status *so)
{
	go_error_release(so->Err);
	go_error_release(so->SocketErr);
	so->Err = NULL;
	so->SocketErr = NULL;
}

/* Go: net/internal/socktest/switch.go (stats).getLocked */
socktest_Stat *
socktest_stats_getLocked(socktest_Switch *sw, socktest_Cookie c)
{
	socktest_statsEntry *e;

	for (size_t i = 0; i < sw->stats.len; i++) {
		if (sw->stats.v[i].c == c)
			return &sw->stats.v[i].s;
	}
	if (sw->stats.len == sw->stats.cap) {
		size_t ncap = sw->stats.cap > 0 ? 2 * sw->stats.cap : statsInitCap;

		e = realloc(sw->stats.v, ncap * sizeof(e[0]));
		if (e == NULL)
			runtime_throw("out of memory"); // GCOVR_EXCL_LINE: no OOM in tests
		sw->stats.v = e;
		sw->stats.cap = ncap;
	}
	e = &sw->stats.v[sw->stats.len++];
	memset(e, 0, sizeof(*e));
	e->c = c;
	e->s.Family = socktest_Cookie_Family(c);
	e->s.Type = socktest_Cookie_Type(c);
	e->s.Protocol = socktest_Cookie_Protocol(c);
	return &e->s;
}

/* Go: net/internal/socktest/switch.go (Filter).apply */
go_error *
socktest_Filter_apply(socktest_Filter f, socktest_Status *st, socktest_AfterFilter *af)
{
	*af = NULL;
	if (f == NULL)
		return NULL;
	return f(st, af);
}

/* Go: net/internal/socktest/switch.go (AfterFilter).apply */
go_error *
socktest_AfterFilter_apply(socktest_AfterFilter f, socktest_Status *st)
{
	if (f == NULL)
		return NULL;
	return f(st);
}

/* Go: net/internal/socktest/switch.go (*Switch).Set */
void
socktest_Switch_Set(socktest_Switch *sw, socktest_FilterType t, socktest_Filter f)
{
	// C: the table is an array indexed by t, so t must be one of the constants.
	if ((unsigned)t >= socktest_maxFilterType)
		runtime_panicstring("socktest: invalid FilterType");
	socktest_Switch_once(sw);
	pthread_rwlock_wrlock(&sw->fmu);
	sw->fltab[t] = f;
	pthread_rwlock_unlock(&sw->fmu);
}

// C: no Go twin (the garbage collector frees a Switch); see socktest.h.
void
socktest_Switch_destroy(socktest_Switch *sw)
{
	pthread_mutex_lock(&sw->once.m);
	pthread_rwlock_wrlock(&sw->fmu);
	memset(sw->fltab, 0, sizeof(sw->fltab));
	pthread_rwlock_unlock(&sw->fmu);
	pthread_rwlock_wrlock(&sw->smu);
	free(sw->sotab.v);
	memset(&sw->sotab, 0, sizeof(sw->sotab));
	free(sw->stats.v);
	memset(&sw->stats, 0, sizeof(sw->stats));
	pthread_rwlock_unlock(&sw->smu);
	atomic_store_explicit(&sw->once.done, 0, memory_order_release);
	pthread_mutex_unlock(&sw->once.m);
}
