// C port of go1.19 src/net/sock_linux.go: the listen backlog, read from
// /proc/sys/net/core/somaxconn and fitted to what the kernel stores.
#include "net/net_impl.h"

#include <stdlib.h>
#include <sys/utsname.h>

/* Go: net/sock_linux.go kernelVersion */
void
net_kernelVersion(int *major, int *minor)
{
	struct utsname uname_;
	int values[2] = {0, 0};
	int vi = 0, value = 0;

	*major = 0;
	*minor = 0;
	if (uname(&uname_) != 0)
		return;
	// Only N.N.N is understood; the first non-digit ends each number.
	for (const char *c = uname_.release; *c != '\0'; c++) {
		if (*c >= '0' && *c <= '9') {
			value = value * 10 + (*c - '0');
		} else {
			values[vi] = value;
			vi++;
			if (vi >= 2)
				break;
			value = 0;
		}
	}
	switch (vi) {
	case 0:
		return;
	case 1:
		*major = values[0];
		return;
	default:
		*major = values[0];
		*minor = values[1];
		return;
	}
}

/* Go: net/sock_linux.go maxAckBacklog */
// Kernels before 4.1 keep the backlog in 16 bits, later ones in 32: clamp
// so that the value does not wrap (Go issues 5030, 41470).
int
net_maxAckBacklog(int n)
{
	int major, minor, size = 16;
	unsigned long max;

	net_kernelVersion(&major, &minor);
	if (major > 4 || (major == 4 && minor >= 1))
		size = 32;
	max = (1UL << size) - 1;
	if ((unsigned long)(unsigned int)n > max)
		n = (int)max;
	return n;
}

/* Go: net/sock_linux.go maxListenerBacklog */
int
net_maxListenerBacklog(void)
{
	net_file *fd;
	net_string l, *f;
	size_t nf;
	int n = 0, i;
	bool ok;

	if (net_open("/proc/sys/net/core/somaxconn", &fd) != NULL)
		return SOMAXCONN;
	// C: defer fd.close() → the closes below.
	if (!net_file_readLine(fd, &l)) {
		net_file_close(fd);
		return SOMAXCONN;
	}
	f = net_getFields(l, &nf);
	ok = nf > 0 && net_dtoi(f[0], &n, &i);
	free(f);
	net_file_close(fd);
	if (n == 0 || !ok)
		return SOMAXCONN;
	if (n > (1 << 16) - 1)
		return net_maxAckBacklog(n);
	return n;
}
