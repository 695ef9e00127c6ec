// C port of the Copy tests of go1.19 src/io/io_test.go (the CopyN, ReadAtLeast,
// TeeReader and SectionReader ones wait for those functions), of
// example_test.go's ExampleReadAll, and tests of what C adds: ReadAll
// growing past its first 512 bytes, CopyBuffer's panic on an empty buffer.
#include "gotest.h"

#include <stdlib.h>
#include <string.h>

#include "errors/errors.h"
#include "io/io.h"

#include <stddef.h>

// The struct of type T whose member m is at p.
#define containerof(p, T, m) ((T *)(void *)((char *)(p)-offsetof(T, m)))

// Go: bytes.Buffer, enough of it for these tests. It has two interface
// headers, as a C struct can hold only one method table per header; which
// tables they point to decides whether ReadFrom and WriteTo show.
typedef struct buffer {
	io_Reader r;
	io_Writer w;
	uint8_t b[256];
	size_t off, len;
	bool writeToCalled; // Go: writeToChecker
} buffer;

static go_error *
buffer_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	buffer *b = containerof(r, buffer, r);
	size_t k = b->len - b->off < len ? b->len - b->off : len;

	*n = 0;
	if (b->off == b->len)
		return len == 0 ? NULL : io_EOF;
	memcpy(p, b->b + b->off, k);
	b->off += k;
	*n = (ssize_t)k;
	return NULL;
}

static go_error *
buffer_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	buffer *b = containerof(w, buffer, w);

	assert_true(b->len + len <= sizeof(b->b));
	memcpy(b->b + b->len, p, len);
	b->len += len;
	*n = (ssize_t)len;
	return NULL;
}

// Go: (*bytes.Buffer).WriteTo.
static go_error *
buffer_WriteTo(io_Reader *r, io_Writer *w, int64_t *n)
{
	buffer *b = containerof(r, buffer, r);
	go_error *err = NULL;
	ssize_t m = 0;

	b->writeToCalled = true;
	*n = 0;
	if (b->off < b->len) {
		err = io_Writer_Write(w, b->b + b->off, b->len - b->off, &m);
		b->off += (size_t)m;
		*n = m;
	}
	return err;
}

// Go: (*bytes.Buffer).ReadFrom.
static go_error *
buffer_ReadFrom(io_Writer *w, io_Reader *r, int64_t *n)
{
	buffer *b = containerof(w, buffer, w);
	go_error *err;
	ssize_t m;

	*n = 0;
	for (;;) {
		err = io_Reader_Read(r, b->b + b->len, sizeof(b->b) - b->len, &m);
		b->len += (size_t)m;
		*n += m;
		if (err != NULL)
			return err == io_EOF ? NULL : err;
	}
}

// Go: io_test.go's Buffer, which hides bytes.Buffer's ReadFrom and WriteTo.
static const io_Reader_methods plainReader = {.type = "*io_test.Buffer", .Read = buffer_Read};
static const io_Writer_methods plainWriter = {.type = "*io_test.Buffer", .Write = buffer_Write};
// Go: *bytes.Buffer.
static const io_Reader_methods bytesReader = {
	.type = "*bytes.Buffer", .Read = buffer_Read, .WriteTo = buffer_WriteTo};
static const io_Writer_methods bytesWriter = {
	.type = "*bytes.Buffer", .Write = buffer_Write, .ReadFrom = buffer_ReadFrom};

static void
newBuffer(buffer *b, bool asBytesBuffer)
{
	memset(b, 0, sizeof(*b));
	b->r.m = asBytesBuffer ? &bytesReader : &plainReader;
	b->w.m = asBytesBuffer ? &bytesWriter : &plainWriter;
}

static void
writeString(buffer *b, const char *s)
{
	ssize_t n;

	assert_null(io_Writer_Write(&b->w, (const uint8_t *)s, strlen(s), &n));
}

static bool
bufferIs(const buffer *b, const char *s)
{
	return b->len - b->off == strlen(s) && memcmp(b->b + b->off, s, b->len - b->off) == 0;
}

// Go: rb holds "hello, world.", Copy (or CopyBuffer with buf) into wb.
static void
copyHello(bool rbBytes, bool wbBytes, uint8_t *buf, size_t len, bool useCopyBuffer)
{
	buffer rb, wb;
	int64_t n;

	newBuffer(&rb, rbBytes);
	newBuffer(&wb, wbBytes);
	writeString(&rb, "hello, world.");
	if (useCopyBuffer)
		assert_null(io_CopyBuffer(&wb.w, &rb.r, buf, len, &n));
	else
		assert_null(io_Copy(&wb.w, &rb.r, &n));
	if (!bufferIs(&wb, "hello, world."))
		fail_msg("Copy did not work properly");
	assert_int_equal(n, 13);
}

/* Go: io/io_test.go TestCopy */
static void
TestCopy(void **state)
{
	(void)state;
	copyHello(false, false, NULL, 0, false);
}

/* Go: io/io_test.go TestCopyNegative (the Copy half; CopyN is not ported) */
static void
TestCopyNegative(void **state)
{
	buffer rb, wb;
	io_LimitedReader lr;
	int64_t n;

	(void)state;
	newBuffer(&rb, false);
	newBuffer(&wb, false);
	writeString(&rb, "hello");
	lr = IO_LIMITEDREADER(&rb.r, -1);
	assert_null(io_Copy(&wb.w, &lr.r, &n));
	if (!bufferIs(&wb, ""))
		fail_msg("Copy on LimitedReader with N<0 copied data");
}

/* Go: io/io_test.go TestCopyBuffer */
static void
TestCopyBuffer(void **state)
{
	uint8_t tiny[1]; // Go: a tiny buffer to keep it honest

	(void)state;
	copyHello(false, false, tiny, sizeof(tiny), true);
}

/* Go: io/io_test.go TestCopyBufferNil */
static void
TestCopyBufferNil(void **state)
{
	(void)state;
	copyHello(false, false, NULL, 0, true); // should allocate a buffer
}

/* Go: io/io_test.go TestCopyReadFrom */
static void
TestCopyReadFrom(void **state)
{
	(void)state;
	copyHello(false, true, NULL, 0, false); // wb implements ReadFrom
}

/* Go: io/io_test.go TestCopyWriteTo */
static void
TestCopyWriteTo(void **state)
{
	(void)state;
	copyHello(true, false, NULL, 0, false); // rb implements WriteTo
}

/* Go: io/io_test.go TestCopyPriority */
static void
TestCopyPriority(void **state)
{
	buffer rb, wb;
	int64_t n;

	(void)state;
	newBuffer(&rb, true); // Go: writeToChecker
	newBuffer(&wb, true);
	writeString(&rb, "hello, world.");
	assert_null(io_Copy(&wb.w, &rb.r, &n));
	if (!bufferIs(&wb, "hello, world."))
		fail_msg("Copy did not work properly");
	else if (!rb.writeToCalled)
		fail_msg("WriteTo was not prioritized over ReadFrom");
}

// Go: zeroErrReader and errWriter.
typedef struct errIO {
	io_Reader r;
	io_Writer w;
	go_error *err;
} errIO;

static go_error *
zeroErrReader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	*n = 0;
	if (len > 0) {
		p[0] = 0;
		*n = 1;
	}
	return containerof(r, errIO, r)->err;
}

static go_error *
errWriter_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	(void)p;
	(void)len;
	*n = 0;
	return containerof(w, errIO, w)->err;
}

static const io_Reader_methods zeroErrReaderMethods = {.type = "io_test.zeroErrReader",
						       .Read = zeroErrReader_Read};
static const io_Writer_methods errWriterMethods = {.type = "io_test.errWriter",
						   .Write = errWriter_Write};

/* Go: io/io_test.go TestCopyReadErrWriteErr */
static void
TestCopyReadErrWriteErr(void **state)
{
	// C: static errors, so that the one Copy drops (the read error, as Go
	// does) needs no release.
	static errors_errorString er = ERRORS_STATIC("readError");
	static errors_errorString ew = ERRORS_STATIC("writeError");
	errIO r = {{&zeroErrReaderMethods}, {NULL}, &er.err};
	errIO w = {{NULL}, {&errWriterMethods}, &ew.err};
	go_error *err;
	int64_t n;

	(void)state;
	err = io_Copy(&w.w, &r.r, &n);
	if (n != 0 || err != &ew.err)
		fail_msg("Copy(zeroErrReader, errWriter) = %lld, %s; want 0, writeError",
			 (long long)n, err != NULL ? go_error_Error(err) : "<nil>");
}

/* Go: io/example_test.go ExampleReadAll */
static void
ExampleReadAll(void **state)
{
	static const char text[] =
		"Go is a general-purpose language designed with systems programming in mind.";
	buffer r;
	uint8_t *b;
	size_t len;

	(void)state;
	newBuffer(&r, false);
	writeString(&r, text);
	assert_null(io_ReadAll(&r.r, &b, &len));
	assert_int_equal(len, strlen(text));
	assert_memory_equal(b, text, len);
	free(b);
}

// C: a reader of n bytes of 'a', given 7 at a time.
typedef struct countReader {
	io_Reader r;
	size_t left;
} countReader;

static go_error *
countReader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	countReader *c = containerof(r, countReader, r);
	size_t k = len < 7 ? len : 7;

	if (k > c->left)
		k = c->left;
	memset(p, 'a', k);
	c->left -= k;
	*n = (ssize_t)k;
	return c->left == 0 ? io_EOF : NULL;
}

static const io_Reader_methods countReaderMethods = {.type = "*io_test.countReader",
						     .Read = countReader_Read};

// C: ReadAll past its first 512-byte buffer, and of nothing at all (no
// allocation left to free, EOF not reported).
static void
TestReadAllGrows(void **state)
{
	countReader c = {{&countReaderMethods}, 5000};
	uint8_t *b;
	size_t len;

	(void)state;
	assert_null(io_ReadAll(&c.r, &b, &len));
	assert_int_equal(len, 5000);
	for (size_t i = 0; i < len; i++)
		assert_int_equal(b[i], 'a');
	free(b);
	c.left = 0;
	assert_null(io_ReadAll(&c.r, &b, &len));
	assert_int_equal(len, 0);
	assert_null(b);
}

// C: Go's CopyBuffer panics on a non-nil empty buffer.
GO_TEST(TestCopyBufferEmptyPanics)
{
	buffer rb, wb;
	uint8_t none[1];
	int64_t n;

	newBuffer(&rb, false);
	newBuffer(&wb, false);
	expect_assert_failure(go_error_release(io_CopyBuffer(&wb.w, &rb.r, none, 0, &n)));
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(TestCopy),
		cmocka_unit_test(TestCopyNegative),
		cmocka_unit_test(TestCopyBuffer),
		cmocka_unit_test(TestCopyBufferNil),
		cmocka_unit_test(TestCopyReadFrom),
		cmocka_unit_test(TestCopyWriteTo),
		cmocka_unit_test(TestCopyPriority),
		cmocka_unit_test(TestCopyReadErrWriteErr),
		cmocka_unit_test(ExampleReadAll),
		cmocka_unit_test(TestReadAllGrows),
		cmocka_unit_test(TestCopyBufferEmptyPanics),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}
