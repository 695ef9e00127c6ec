// C port of go1.19 src/os/signal: Notify and Stop.
//
// A channel given to Notify carries `int` signal numbers (elemsize
// sizeof(int)); make it buffered, as Go advises: a signal that finds the
// channel full is dropped. Call from goroutines (inside go_main).
//
//	runtime_hchan *c = runtime_makechan(sizeof(int), 1);
//	os_signal_Notify(c, (int[]){SIGINT, SIGTERM}, 2);
//	int sig;
//	runtime_chanrecv1(c, &sig);   // blocks until SIGINT or SIGTERM
//	os_signal_Stop(c);
//
// Memory: the package keeps c until os_signal_Stop(c); free c only after.
#ifndef GONET_OS_SIGNAL_SIGNAL_H
#define GONET_OS_SIGNAL_SIGNAL_H

#include "runtime_netpoll/chan.h"

// Go: signal.Notify(c, sigs...). n == 0: every signal gonet may catch.
void os_signal_Notify(runtime_hchan *c, const int *sigs, int n);
// Go: signal.Stop(c). No more signals are sent to c once it returns.
void os_signal_Stop(runtime_hchan *c);

#endif
