// C port of go1.19 src/net/parse.go (and hexDigit from mac.go).
//
// C: stat (it returns a time.Time) and readFull (it takes an io.Reader) are
// not here; hosts.go's cache and the DNS config reader bring them along.
#include "net/parse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "runtime_netpoll/panic.h"
#include "syscall/syscall.h"

const char net_hexDigit[17] = "0123456789abcdef";

char *
net_string_dup(net_string s)
{
	char *p = malloc(s.n + 1);

	if (p == NULL)
		runtime_throw("out of memory");
	if (s.n > 0)
		memcpy(p, s.p, s.n);
	p[s.n] = '\0';
	return p;
}

/* Go: net/parse.go (*file).close */
void
net_file_close(net_file *f)
{
	close(f->fd);
	free(f->data); // C: no GC
	free(f->line);
	free(f);
}

/* Go: net/parse.go (*file).getLineFromData */
static bool
getLineFromData(net_file *f, net_string *s)
{
	char *data = f->data;
	size_t i, n;

	for (i = 0; i < f->len; i++) {
		if (data[i] == '\n') {
			// C: string(data[0:i]) copies the line out of the buffer.
			memcpy(f->line, data, i);
			f->line[i] = '\0';
			*s = (net_string){f->line, i};
			// shift the rest of the buffer down
			i++;
			n = f->len - i;
			memmove(data, data + i, n);
			f->len = n;
			return true;
		}
	}
	if (f->atEOF && f->len > 0) {
		// the file ended without a newline: the rest is the last line
		memcpy(f->line, data, f->len);
		f->line[f->len] = '\0';
		*s = (net_string){f->line, f->len};
		f->len = 0;
		return true;
	}
	return false;
}

// C: io.ReadFull on the *os.File: read until buf is full, end of file or an
// error; EINTR is retried as os.File.Read does. Returns the bytes read and
// whether the file ended (Go's io.EOF or io.ErrUnexpectedEOF).
static size_t
readFull(int fd, char *buf, size_t len, bool *eof)
{
	size_t n = 0;
	ssize_t r;

	*eof = false;
	while (n < len) {
		r = read(fd, buf + n, len - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (r == 0) {
			*eof = true;
			break;
		}
		n += (size_t)r;
	}
	return n;
}

/* Go: net/parse.go (*file).readLine */
bool
net_file_readLine(net_file *f, net_string *s)
{
	size_t ln, n;
	bool eof;

	if (getLineFromData(f, s))
		return true;
	if (f->len < f->cap) {
		ln = f->len;
		n = readFull(f->fd, f->data + ln, f->cap - ln, &eof);
		f->len = ln + n;
		if (eof)
			f->atEOF = true;
	}
	return getLineFromData(f, s);
}

/* Go: net/parse.go open */
go_error *
net_open(const char *name, net_file **fp)
{
	net_file *f;
	int fd;

	*fp = NULL;
	do
		fd = open(name, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return syscall_Errno(errno);
	f = runtime_newobject(sizeof(*f));
	f->fd = fd;
	f->cap = 64 * 1024;
	f->data = runtime_newobject(f->cap);
	f->line = runtime_newobject(f->cap + 1); // C: room for the NUL
	*fp = f;
	return NULL;
}

static bool
hasByte(const char *t, char c)
{
	for (; *t != '\0'; t++)
		if (*t == c)
			return true;
	return false;
}

/* Go: net/parse.go countAnyByte */
int
net_countAnyByte(net_string s, const char *t)
{
	int n = 0;

	for (size_t i = 0; i < s.n; i++)
		if (hasByte(t, s.p[i]))
			n++;
	return n;
}

/* Go: net/parse.go splitAtBytes */
net_string *
net_splitAtBytes(net_string s, const char *t, size_t *np)
{
	net_string *a = runtime_newobject((size_t)(1 + net_countAnyByte(s, t)) * sizeof(*a));
	size_t n = 0, last = 0;

	for (size_t i = 0; i < s.n; i++) {
		if (hasByte(t, s.p[i])) {
			if (last < i)
				a[n++] = net_slice(s, last, i);
			last = i + 1;
		}
	}
	if (last < s.n)
		a[n++] = net_sliceFrom(s, last);
	*np = n;
	return a;
}

/* Go: net/parse.go getFields */
net_string *
net_getFields(net_string s, size_t *n)
{
	return net_splitAtBytes(s, " \r\t\n", n);
}

/* Go: net/parse.go dtoi */
bool
net_dtoi(net_string s, int *np, int *ip)
{
	int n = 0;
	size_t i;

	for (i = 0; i < s.n && '0' <= s.p[i] && s.p[i] <= '9'; i++) {
		n = n * 10 + (s.p[i] - '0');
		if (n >= net_big) {
			*np = net_big;
			*ip = (int)i;
			return false;
		}
	}
	if (i == 0) {
		*np = 0;
		*ip = 0;
		return false;
	}
	*np = n;
	*ip = (int)i;
	return true;
}

/* Go: net/parse.go xtoi */
bool
net_xtoi(net_string s, int *np, int *ip)
{
	int n = 0;
	size_t i;
	char c;

	for (i = 0; i < s.n; i++) {
		c = s.p[i];
		if ('0' <= c && c <= '9') {
			n *= 16;
			n += c - '0';
		} else if ('a' <= c && c <= 'f') {
			n *= 16;
			n += c - 'a' + 10;
		} else if ('A' <= c && c <= 'F') {
			n *= 16;
			n += c - 'A' + 10;
		} else {
			break;
		}
		if (n >= net_big) {
			*np = 0;
			*ip = (int)i;
			return false;
		}
	}
	*ip = (int)i;
	if (i == 0) {
		*np = 0;
		return false;
	}
	*np = n;
	return true;
}

/* Go: net/parse.go xtoi2 */
bool
net_xtoi2(net_string s, char e, uint8_t *b)
{
	int n, ei;
	bool ok;

	if (s.n > 2 && s.p[2] != e) {
		*b = 0;
		return false;
	}
	// C: s[:2] panics in Go when s is shorter; here it is clipped, and xtoi
	// then consumes fewer than 2 bytes, which reports false all the same.
	ok = net_xtoi(net_slice(s, 0, s.n < 2 ? s.n : 2), &n, &ei);
	*b = (uint8_t)n;
	return ok && ei == 2;
}

/* Go: net/parse.go appendHex */
size_t
net_appendHex(char *dst, size_t n, uint32_t i)
{
	uint32_t v;

	if (i == 0) {
		dst[n++] = '0';
		return n;
	}
	for (int j = 7; j >= 0; j--) {
		v = i >> (unsigned)(j * 4);
		if (v > 0)
			dst[n++] = net_hexDigit[v & 0xf];
	}
	return n;
}

/* Go: net/parse.go count */
int
net_count(net_string s, char b)
{
	int n = 0;

	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] == b)
			n++;
	return n;
}

/* Go: net/parse.go last */
int
net_last(net_string s, char b)
{
	ssize_t i = (ssize_t)s.n;

	for (i--; i >= 0; i--)
		if (s.p[i] == b)
			break;
	return (int)i;
}

/* Go: net/parse.go hasUpperCase */
bool
net_hasUpperCase(net_string s)
{
	for (size_t i = 0; i < s.n; i++)
		if ('A' <= s.p[i] && s.p[i] <= 'Z')
			return true;
	return false;
}

/* Go: net/parse.go lowerASCIIBytes */
void
net_lowerASCIIBytes(char *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ('A' <= x[i] && x[i] <= 'Z')
			x[i] += 'a' - 'A';
}

/* Go: net/parse.go lowerASCII */
char
net_lowerASCII(char b)
{
	if ('A' <= b && b <= 'Z')
		return (char)(b + ('a' - 'A'));
	return b;
}

/* Go: net/parse.go trimSpace */
net_string
net_trimSpace(net_string x)
{
	while (x.n > 0 && net_isSpace(x.p[0]))
		x = net_sliceFrom(x, 1);
	while (x.n > 0 && net_isSpace(x.p[x.n - 1]))
		x.n--;
	return x;
}

/* Go: net/parse.go isSpace */
bool
net_isSpace(char b)
{
	return b == ' ' || b == '\t' || b == '\n' || b == '\r';
}

/* Go: net/parse.go removeComment */
net_string
net_removeComment(net_string line)
{
	const char *p = line.n > 0 ? memchr(line.p, '#', line.n) : NULL;

	if (p != NULL)
		return net_slice(line, 0, (size_t)(p - line.p));
	return line;
}

/* Go: net/parse.go foreachLine */
go_error *
net_foreachLine(net_string x, go_error *(*fn)(net_string line, void *arg), void *arg)
{
	const char *nl;
	net_string line;
	go_error *err;

	while (x.n > 0) {
		nl = memchr(x.p, '\n', x.n);
		if (nl == NULL)
			return fn(x, arg);
		line = net_slice(x, 0, (size_t)(nl - x.p) + 1);
		x = net_sliceFrom(x, line.n);
		if ((err = fn(line, arg)) != NULL)
			return err;
	}
	return NULL;
}

/* Go: net/parse.go foreachField */
go_error *
net_foreachField(net_string x, go_error *(*fn)(net_string field, void *arg), void *arg)
{
	const char *sp;
	net_string field;
	go_error *err;

	x = net_trimSpace(x);
	while (x.n > 0) {
		sp = memchr(x.p, ' ', x.n);
		if (sp == NULL)
			return fn(x, arg);
		field = net_trimSpace(net_slice(x, 0, (size_t)(sp - x.p)));
		if (field.n > 0) {
			if ((err = fn(field, arg)) != NULL)
				return err;
		}
		x = net_trimSpace(net_sliceFrom(x, (size_t)(sp - x.p) + 1));
	}
	return NULL;
}

/* Go: net/parse.go stringsHasSuffix */
bool
net_stringsHasSuffix(net_string s, net_string suffix)
{
	return s.n >= suffix.n && net_string_eq(net_sliceFrom(s, s.n - suffix.n), suffix);
}

/* Go: net/parse.go stringsHasSuffixFold */
bool
net_stringsHasSuffixFold(net_string s, net_string suffix)
{
	return s.n >= suffix.n && net_stringsEqualFold(net_sliceFrom(s, s.n - suffix.n), suffix);
}

/* Go: net/parse.go stringsHasPrefix */
bool
net_stringsHasPrefix(net_string s, net_string prefix)
{
	return s.n >= prefix.n && net_string_eq(net_slice(s, 0, prefix.n), prefix);
}

/* Go: net/parse.go stringsEqualFold */
bool
net_stringsEqualFold(net_string s, net_string t)
{
	if (s.n != t.n)
		return false;
	for (size_t i = 0; i < s.n; i++)
		if (net_lowerASCII(s.p[i]) != net_lowerASCII(t.p[i]))
			return false;
	return true;
}
