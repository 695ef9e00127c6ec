// C port of go1.19 src/runtime/race.go's raceacquire/racerelease: the
// annotations that tell ThreadSanitizer about synchronisation it cannot
// see (futex locks, goroutine hand-offs through the scheduler).
#include "runtime_netpoll/runtime_impl.h"

#include "runtime_netpoll/sanitizers.h"

#ifdef GONET_TSAN
#include <sanitizer/tsan_interface.h>

/* Go: runtime/race.go raceacquire */
void
runtime_raceacquire(void *addr)
{
	__tsan_acquire(addr);
}

/* Go: runtime/race.go racerelease */
void
runtime_racerelease(void *addr)
{
	__tsan_release(addr);
}

/* Go: runtime/race.go racereleasemerge */
// C: TSan's release already merges with earlier releases on addr.
void
runtime_racereleasemerge(void *addr)
{
	__tsan_release(addr);
}
#else
// Without TSan the annotations are macros (runtime_impl.h); this file is empty.
typedef int race0_empty;
#endif
