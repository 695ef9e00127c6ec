// See socktest_leak.h.
#include "socktest_leak.h"

#include <dirent.h>
#include <string.h>
#include <unistd.h>

int
testOpenSockets(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	char link[64];
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		ssize_t len;

		if (e->d_name[0] == '.')
			continue;
		len = readlinkat(dirfd(d), e->d_name, link, sizeof(link) - 1);
		if (len < 0)
			continue;
		link[len] = '\0';
		if (strncmp(link, "socket:", 7) == 0)
			n++;
	}
	closedir(d);
	return n;
}
