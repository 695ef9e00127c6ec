// C port of go1.19 src/net/internal/socktest/switch_posix.go: names of
// families, types and protocols for String.
#include "socktest/socktest_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

/* Go: net/internal/socktest/switch_posix.go familyString */
const char *
socktest_familyString(int family, char *buf)
{
	switch (family) {
	case AF_INET:
		return "inet4";
	case AF_INET6:
		return "inet6";
	case AF_UNIX:
		return "local";
	default:
		snprintf(buf, socktest_strbuf, "%d", family);
		return buf;
	}
}

/* Go: net/internal/socktest/switch_posix.go typeString */
const char *
socktest_typeString(int sotype, char *buf)
{
	const char *s;
	// C: Go's uint(sotype) on a 64-bit machine: the sign spreads to 64 bits.
	uint64_t flags = (uint64_t)(int64_t)sotype & ~(uint64_t)0xff;
	int n;

	switch (sotype & 0xff) {
	case SOCK_STREAM:
		s = "stream";
		break;
	case SOCK_DGRAM:
		s = "datagram";
		break;
	case SOCK_RAW:
		s = "raw";
		break;
	case SOCK_SEQPACKET:
		s = "seqpacket";
		break;
	default:
		n = snprintf(buf, socktest_strbuf, "%d", sotype & 0xff);
		s = NULL;
		break;
	}
	if (s != NULL) {
		n = (int)strlen(s);
		memcpy(buf, s, (size_t)n + 1);
	}
	if (flags != 0)
		snprintf(buf + n, socktest_strbuf - (size_t)n, "|%#" PRIx64, flags);
	return buf;
}

/* Go: net/internal/socktest/switch_posix.go protocolString */
const char *
socktest_protocolString(int proto, char *buf)
{
	switch (proto) {
	case 0:
		return "default";
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	default:
		snprintf(buf, socktest_strbuf, "%d", proto);
		return buf;
	}
}
