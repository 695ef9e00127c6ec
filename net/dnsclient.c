// C port of the name helpers of go1.19 src/net/dnsclient.go: isDomainName
// and absDomainName. gonet has no DNS client of its own (names that are not
// in the hosts file go to getaddrinfo, cgo_unix.c), so the rest of the file
// is not ported.
#include "net/lookup.h"

#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/panic.h"

/* Go: net/dnsclient.go isDomainName */
bool
net_isDomainName(net_string s)
{
	char last = '.';
	bool nonNumeric = false; // set by a letter or a hyphen
	size_t partlen = 0;
	size_t l = s.n;

	// The root is a valid name (Go's issue 45715).
	if (l == 1 && s.p[0] == '.')
		return true;
	// 253 bytes at most, or 254 with a final dot (RFC 1035, RFC 3696).
	if (l == 0 || l > 254 || (l == 254 && s.p[l - 1] != '.'))
		return false;
	for (size_t i = 0; i < l; i++) {
		char c = s.p[i];

		if (('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || c == '_') {
			nonNumeric = true;
			partlen++;
		} else if ('0' <= c && c <= '9') {
			partlen++;
		} else if (c == '-') {
			if (last == '.') // no label starts with a hyphen
				return false;
			partlen++;
			nonNumeric = true;
		} else if (c == '.') {
			if (last == '.' || last == '-') // no empty label, none ends with '-'
				return false;
			if (partlen > 63 || partlen == 0)
				return false;
			partlen = 0;
		} else {
			return false;
		}
		last = c;
	}
	if (last == '-' || partlen > 63)
		return false;
	return nonNumeric;
}

/* Go: net/dnsclient.go absDomainName */
// C: the result is malloc'd.
char *
net_absDomainName(net_string s)
{
	char *r;

	if (s.n > 0 && memchr(s.p, '.', s.n) != NULL && s.p[s.n - 1] != '.') {
		r = runtime_newobject(s.n + 2);
		memcpy(r, s.p, s.n);
		r[s.n] = '.';
		r[s.n + 1] = '\0';
		return r;
	}
	return net_string_dup(s);
}
