// C port of go1.19 src/net/parse_test.go.
#include "testmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/parse.h"

/* Go: net/parse_test.go TestReadLine */
static void
TestReadLine(void **state)
{
	const char *filename = "/etc/services"; // a nice big file
	FILE *br;
	net_file *file;
	go_error *err;
	char *bline = NULL;
	size_t cap = 0;
	ssize_t n;
	net_string line;
	bool berr, ok;
	int lineno = 1, byteno = 0;

	(void)state;
	// C: stdio's getline stands in for bufio.Reader.ReadString('\n').
	if ((br = fopen(filename, "r")) == NULL)
		skip();
	err = net_open(filename, &file);
	if (file == NULL)
		fail_msg("%s", go_error_Error(err));
	for (;;) {
		n = getline(&bline, &cap, br);
		// ReadString fails at EOF, also after a last line without '\n'
		berr = n < 0 || bline[n - 1] != '\n';
		if (n < 0)
			n = 0;
		if (n > 0)
			bline[--n] = '\0';
		else if (bline != NULL)
			bline[0] = '\0';
		ok = net_file_readLine(file, &line);
		if (berr != !ok ||
		    !net_string_eq((net_string){bline != NULL ? bline : "", (size_t)n},
				   ok ? line : (net_string){"", 0}))
			fail_msg("%s:%d (#%d)\nstdio => %s, %d\nnet => %.*s, %d", filename, lineno,
				 byteno, bline, berr, (int)line.n, line.p, ok);
		if (!ok)
			break;
		lineno++;
		byteno += (int)line.n + 1;
	}
	free(bline);
	fclose(br);
	net_file_close(file);
}

// C only: a file that does not end in a newline, and a file that is not there.
static void
TestReadLineNoFinalNewline(void **state)
{
	char path[] = "/tmp/gonet_parse_XXXXXX";
	int fd = mkstemp(path);
	net_file *file;
	net_string line;
	go_error *err;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "a b\n\nlast", 9), 9);
	close(fd);
	assert_null(net_open(path, &file));
	assert_true(net_file_readLine(file, &line));
	assert_true(net_string_eq(line, net_str("a b")));
	assert_true(net_file_readLine(file, &line));
	assert_int_equal(line.n, 0);
	assert_true(net_file_readLine(file, &line));
	assert_string_equal(line.p, "last");
	assert_false(net_file_readLine(file, &line));
	net_file_close(file);
	unlink(path);

	err = net_open(path, &file);
	assert_null(file);
	assert_error_text(err, "no such file or directory");
	go_error_release(err);
}

// C only: a file several times the 64 KiB buffer, read line by line.
static void
TestReadLineBigFile(void **state)
{
	char path[] = "/tmp/gonet_parse_XXXXXX", want[32];
	int fd = mkstemp(path), i;
	FILE *w;
	net_file *file;
	net_string line;

	(void)state;
	assert_true(fd >= 0);
	w = fdopen(fd, "w");
	for (i = 0; i < 30000; i++)
		fprintf(w, "line %d %*s\n", i, i % 7, "");
	fclose(w);
	assert_null(net_open(path, &file));
	for (i = 0; net_file_readLine(file, &line); i++) {
		snprintf(want, sizeof(want), "line %d %*s", i, i % 7, "");
		assert_true(net_string_eq(line, net_str(want)));
	}
	assert_int_equal(i, 30000);
	net_file_close(file);
	unlink(path);
}

/* Go: net/parse_test.go TestDtoi */
static void
TestDtoi(void **state)
{
	static const struct {
		const char *in;
		int out;
		int off;
		bool ok;
	} tests[] = {
		{"", 0, 0, false},         {"0", 0, 1, true},
		{"65536", 65536, 5, true}, {"123456789", net_big, 8, false},
		{"-0", 0, 0, false},       {"-1234", 0, 0, false},
	};
	int n, i;
	bool ok;

	(void)state;
	for (size_t k = 0; k < nelem(tests); k++) {
		ok = net_dtoi(net_str(tests[k].in), &n, &i);
		if (n != tests[k].out || i != tests[k].off || ok != tests[k].ok)
			fail_msg("got %d, %d, %d; want %d, %d, %d", n, i, ok, tests[k].out,
				 tests[k].off, tests[k].ok);
	}
}

// C only: the other helpers of parse.go, each against what Go returns.
static void
TestParseHelpers(void **state)
{
	net_string *f;
	size_t nf;
	int n, i;
	uint8_t b;
	char buf[16], lower[] = "MiXeD-09";

	(void)state;
	assert_true(net_xtoi(net_str("fFz"), &n, &i));
	assert_int_equal(n, 0xff);
	assert_int_equal(i, 2);
	assert_false(net_xtoi(net_str("g"), &n, &i));
	assert_false(net_xtoi(net_str("1000000"), &n, &i)); // >= big
	assert_true(net_xtoi2(net_str("a5:"), ':', &b));
	assert_int_equal(b, 0xa5);
	assert_false(net_xtoi2(net_str("a5-"), ':', &b));
	assert_false(net_xtoi2(net_str("a"), ':', &b));

	assert_int_equal(net_appendHex(buf, 0, 0), 1);
	n = (int)net_appendHex(buf, 0, 0x0db8);
	assert_true(net_string_eq((net_string){buf, (size_t)n}, net_str("db8")));

	assert_int_equal(net_count(net_str("a:b:c"), ':'), 2);
	assert_int_equal(net_last(net_str("a:b:c"), ':'), 3);
	assert_int_equal(net_last(net_str("abc"), ':'), -1);
	assert_true(net_hasUpperCase(net_str("abC")));
	assert_false(net_hasUpperCase(net_str("abc")));
	net_lowerASCIIBytes(lower, strlen(lower));
	assert_string_equal(lower, "mixed-09");

	assert_true(net_string_eq(net_trimSpace(net_str(" \t x y\r\n")), net_str("x y")));
	assert_true(net_string_eq(net_removeComment(net_str("a b # c")), net_str("a b ")));
	assert_true(net_stringsHasSuffix(net_str("foo.local"), net_str(".local")));
	assert_true(net_stringsHasSuffixFold(net_str("foo.LOCAL"), net_str(".local")));
	assert_false(net_stringsHasSuffix(net_str("al"), net_str(".local")));
	assert_true(net_stringsHasPrefix(net_str("foo.local"), net_str("foo")));
	assert_true(net_stringsEqualFold(net_str("GoLang"), net_str("golang")));
	assert_false(net_stringsEqualFold(net_str("GoLang"), net_str("golan")));

	assert_int_equal(net_countAnyByte(net_str("a b\tc"), " \t"), 2);
	f = net_getFields(net_str("  http\t80/tcp  www \r\n"), &nf);
	assert_int_equal(nf, 3);
	assert_true(net_string_eq(f[0], net_str("http")));
	assert_true(net_string_eq(f[1], net_str("80/tcp")));
	assert_true(net_string_eq(f[2], net_str("www")));
	free(f);
	f = net_splitAtBytes(net_str(""), ",", &nf);
	assert_int_equal(nf, 0);
	free(f);
}

static go_error *
collect(net_string s, void *arg)
{
	char *out = arg;

	strncat(out, s.p, s.n);
	strcat(out, "|");
	return NULL;
}

static go_error stopErr;

static go_error *
stopAtB(net_string s, void *arg)
{
	(void)arg;
	return s.n > 0 && s.p[0] == 'b' ? &stopErr : NULL;
}

// C only: foreachLine and foreachField, with and without an early error.
static void
TestForeach(void **state)
{
	char out[64] = "";

	(void)state;
	assert_null(net_foreachLine(net_str("a\nb\nc"), collect, out));
	assert_string_equal(out, "a\n|b\n|c|");
	out[0] = '\0';
	assert_null(net_foreachField(net_str("  x  y z "), collect, out));
	assert_string_equal(out, "x|y|z|");
	assert_ptr_equal(net_foreachLine(net_str("a\nb\nc\n"), stopAtB, NULL), &stopErr);
	assert_ptr_equal(net_foreachField(net_str("a b c"), stopAtB, NULL), &stopErr);
}

// One test per line: tests/CMakeLists.txt registers them line by line.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestReadLine),
	cmocka_unit_test(TestReadLineNoFinalNewline),
	cmocka_unit_test(TestReadLineBigFile),
	cmocka_unit_test(TestDtoi),
	cmocka_unit_test(TestParseHelpers),
	cmocka_unit_test(TestForeach),
};
// clang-format on

GONET_TEST_MAIN(tests)
