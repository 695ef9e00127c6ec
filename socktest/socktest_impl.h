// The unexported part of package socktest (switch.go, switch_unix.go,
// switch_posix.go), shared by its files and reachable by tests, as Go's
// export_test.go would make it.
#ifndef GONET_SOCKTEST_SOCKTEST_IMPL_H
#define GONET_SOCKTEST_SOCKTEST_IMPL_H

#include "socktest/socktest.h"

/* Go: net/internal/socktest/switch.go cookie */
socktest_Cookie socktest_cookie(int family, int sotype, int proto);

// Go: sw.once.Do(sw.init).
void socktest_Switch_once(socktest_Switch *sw);

/* Go: net/internal/socktest/switch.go (stats).getLocked */
// Holding sw->smu for writing. The pointer is valid until sw->smu is released.
socktest_Stat *socktest_stats_getLocked(socktest_Switch *sw, socktest_Cookie c);

/* Go: net/internal/socktest/switch.go (Filter).apply */
go_error *socktest_Filter_apply(socktest_Filter f, socktest_Status *st,
				socktest_AfterFilter *af) GO_MUST_CHECK;
/* Go: net/internal/socktest/switch.go (AfterFilter).apply */
go_error *socktest_AfterFilter_apply(socktest_AfterFilter f, socktest_Status *st) GO_MUST_CHECK;

/* Go: net/internal/socktest/switch_unix.go (*Switch).sockso */
// C: Go returns a *Status copy or nil; here the copy goes to *so, the
// entry's generation to *gen, and the result says whether s was found.
bool socktest_Switch_sockso(socktest_Switch *sw, int s, socktest_Status *so, uint64_t *gen);

/* Go: net/internal/socktest/switch_unix.go (*Switch).addLocked */
// Holding sw->smu for writing.
socktest_Status socktest_Switch_addLocked(socktest_Switch *sw, int s, int family, int sotype,
					  int proto);

// C: releases so->Err and so->SocketErr (the switch's share of a Status
// at the end of a call; see socktest.h) and sets them to NULL.
void socktest_Status_release(socktest_Status *so);

// C: the table delete(sw.sotab, s), holding sw->smu for writing; only if
// the entry is still generation gen (see sys_unix.c Close).
void socktest_Switch_deleteLocked(socktest_Switch *sw, int s, uint64_t gen);

// Go: switch_posix.go familyString, typeString, protocolString. Each writes
// into buf (at least socktest_strbuf bytes) when it has to format, and
// returns the text.
enum { socktest_strbuf = 48 };
const char *socktest_familyString(int family, char *buf);
const char *socktest_typeString(int sotype, char *buf);
const char *socktest_protocolString(int proto, char *buf);

#endif
