// C port of go1.19 src/net/internal/socktest/switch_unix.go: the socket
// table, keyed by descriptor.
#include "socktest/socktest_impl.h"

#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/panic.h"

/* Go: net/internal/socktest/switch_unix.go (*Switch).sockso */
// C: once as in Stats (switch.c): Go reads the table without it.
bool
socktest_Switch_sockso(socktest_Switch *sw, int s, socktest_Status *so, uint64_t *gen)
{
	bool ok = false;

	socktest_Switch_once(sw);
	pthread_rwlock_rdlock(&sw->smu);
	if (s >= 0 && (size_t)s < sw->sotab.cap && sw->sotab.v[s].ok) {
		*so = sw->sotab.v[s].so;
		*gen = sw->sotab.v[s].gen;
		ok = true;
	}
	pthread_rwlock_unlock(&sw->smu); // C: defer sw.smu.RUnlock()
	return ok;
}

// C: makes room for descriptor s in the table (Go's map grows by itself).
static void
sotabGrowLocked(socktest_Switch *sw, size_t s)
{
	socktest_sotabEntry *v;
	size_t ncap = sw->sotab.cap > 0 ? sw->sotab.cap : 1;

	while (ncap <= s)
		ncap *= 2;
	v = realloc(sw->sotab.v, ncap * sizeof(v[0]));
	if (v == NULL)
		runtime_throw("out of memory"); // GCOVR_EXCL_LINE: no OOM in tests
	memset(v + sw->sotab.cap, 0, (ncap - sw->sotab.cap) * sizeof(v[0]));
	sw->sotab.v = v;
	sw->sotab.cap = ncap;
}

/* Go: net/internal/socktest/switch_unix.go (*Switch).addLocked */
socktest_Status
socktest_Switch_addLocked(socktest_Switch *sw, int s, int family, int sotype, int proto)
{
	socktest_Status so = {.Cookie = socktest_cookie(family, sotype, proto)};

	socktest_Switch_once(sw);
	if ((size_t)s >= sw->sotab.cap)
		sotabGrowLocked(sw, (size_t)s);
	if (!sw->sotab.v[s].ok)
		sw->sotab.len++;
	sw->sotab.v[s].ok = true;
	sw->sotab.v[s].gen = ++sw->sotab.gen;
	sw->sotab.v[s].so = so;
	return so;
}

// C: delete(sw.sotab, s), unless s now belongs to a newer socket.
void
socktest_Switch_deleteLocked(socktest_Switch *sw, int s, uint64_t gen)
{
	if (s < 0 || (size_t)s >= sw->sotab.cap || !sw->sotab.v[s].ok || sw->sotab.v[s].gen != gen)
		return;
	sw->sotab.v[s].ok = false;
	memset(&sw->sotab.v[s].so, 0, sizeof(sw->sotab.v[s].so));
	sw->sotab.len--;
}
