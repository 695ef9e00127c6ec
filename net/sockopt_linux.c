// C port of go1.19 src/net/sockopt_linux.go (multicast options come with UDP).
#include "net/net_impl.h"

#include "os/error.h"

/* Go: net/sockopt_linux.go setDefaultSockopts */
go_error *
net_setDefaultSockopts(int s, int family, int sotype, bool ipv6only)
{
	if (family == AF_INET6 && sotype != SOCK_RAW) {
		// Both IP versions on one socket unless asked otherwise;
		// a failure is not an error (some systems refuse).
		go_error_release(
			syscall_SetsockoptInt(s, IPPROTO_IPV6, IPV6_V6ONLY, net_boolint(ipv6only)));
	}
	if ((sotype == SOCK_DGRAM || sotype == SOCK_RAW) && family != AF_UNIX) {
		// Datagram sockets may broadcast.
		return os_NewSyscallError("setsockopt",
					  syscall_SetsockoptInt(s, SOL_SOCKET, SO_BROADCAST, 1));
	}
	return NULL;
}

/* Go: net/sockopt_linux.go setDefaultListenerSockopts */
go_error *
net_setDefaultListenerSockopts(int s)
{
	// Listeners may reuse addresses still in TIME_WAIT.
	return os_NewSyscallError("setsockopt",
				  syscall_SetsockoptInt(s, SOL_SOCKET, SO_REUSEADDR, 1));
}

/* Go: net/sockopt_linux.go setDefaultMulticastSockopts */
go_error *
net_setDefaultMulticastSockopts(int s)
{
	// Several multicast listeners may share one port.
	return os_NewSyscallError("setsockopt",
				  syscall_SetsockoptInt(s, SOL_SOCKET, SO_REUSEADDR, 1));
}
