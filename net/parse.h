// C port of go1.19 src/net/parse.go: the small string and file helpers the
// rest of net uses instead of strconv, strings and bufio.
//
// Go slices its strings without copying; the helpers here do the same on a
// net_string, a borrowed (pointer, length) view that is not NUL-terminated.
// Public net functions take NUL-terminated `const char *`; the unexported
// ones that Go calls on substrings take a net_string.
#ifndef GONET_NET_PARSE_H
#define GONET_NET_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "errors/errors.h"

// A Go string: n bytes at p, borrowed from whoever owns them.
typedef struct net_string {
	const char *p;
	size_t n;
} net_string;

// The view of a C string (NULL is the empty string).
static inline net_string
net_str(const char *s)
{
	return (net_string){s, s != NULL ? strlen(s) : 0};
}

// s[i:j] and s[i:].
static inline net_string
net_slice(net_string s, size_t i, size_t j)
{
	return (net_string){s.p + i, j - i};
}

static inline net_string
net_sliceFrom(net_string s, size_t i)
{
	return (net_string){s.p + i, s.n - i};
}

// s == t.
static inline bool
net_string_eq(net_string s, net_string t)
{
	return s.n == t.n && (s.n == 0 || memcmp(s.p, t.p, s.n) == 0);
}

// A malloc'd NUL-terminated copy of s; the caller frees it.
char *net_string_dup(net_string s) __attribute__((malloc, returns_nonnull));

// Go: net.hexDigit (mac.go), the lower-case hex digits.
extern const char net_hexDigit[17];

// Go: net.file, a line reader over a whole file (hosts, services, resolv.conf).
typedef struct net_file {
	int fd;
	char *data; // unread bytes: data[0:len], capacity cap
	size_t len; // bytes in data
	size_t cap; // size of data, 64 KiB as in Go
	bool atEOF; // the last read hit end of file
	char *line; // C: the line readLine returned, NUL-terminated
} net_file;

// Go: parse.go open. C: os.Open's *PathError is not ported, so the error is
// the bare errno (for instance syscall_ENOENT); callers in net ignore it.
go_error *net_open(const char *name, net_file **f) GO_MUST_CHECK;
// Go: (*file).close. C: also frees f.
void net_file_close(net_file *f);
// Go: (*file).readLine. *s (NUL-terminated, without the '\n') stays valid
// until the next readLine or close.
bool net_file_readLine(net_file *f, net_string *s);

// Go: countAnyByte, splitAtBytes, getFields. The slice splitAtBytes and
// getFields return is malloc'd (the caller frees it, not its strings, which
// point into s); *n is its length.
int net_countAnyByte(net_string s, const char *t);
net_string *net_splitAtBytes(net_string s, const char *t, size_t *n);
net_string *net_getFields(net_string s, size_t *n);

// Go: big, bigger than any number net parses.
enum { net_big = 0xFFFFFF };

// Go: dtoi, xtoi: number, characters consumed, ok (the return value).
bool net_dtoi(net_string s, int *n, int *i);
bool net_xtoi(net_string s, int *n, int *i);
// Go: xtoi2: the byte in the first two hex digits of s, ok.
bool net_xtoi2(net_string s, char e, uint8_t *b);
// Go: appendHex. C: dst[n:] must have room for 8 bytes; returns the new length.
size_t net_appendHex(char *dst, size_t n, uint32_t i);
// Go: count, last (-1 when b is not in s).
int net_count(net_string s, char b);
int net_last(net_string s, char b);
// Go: hasUpperCase, lowerASCIIBytes, lowerASCII, trimSpace, isSpace, removeComment.
bool net_hasUpperCase(net_string s);
void net_lowerASCIIBytes(char *x, size_t n);
char net_lowerASCII(char b);
net_string net_trimSpace(net_string x);
bool net_isSpace(char b);
net_string net_removeComment(net_string line);
// Go: foreachLine, foreachField. C: the closure is fn plus its argument.
go_error *net_foreachLine(net_string x, go_error *(*fn)(net_string line, void *arg), void *arg);
go_error *net_foreachField(net_string x, go_error *(*fn)(net_string field, void *arg), void *arg);
// Go: stringsHasSuffix, stringsHasSuffixFold, stringsHasPrefix, stringsEqualFold.
bool net_stringsHasSuffix(net_string s, net_string suffix);
bool net_stringsHasSuffixFold(net_string s, net_string suffix);
bool net_stringsHasPrefix(net_string s, net_string prefix);
bool net_stringsEqualFold(net_string s, net_string t);

#endif
