// C port of the error values of go1.19 src/io/io.go that net returns.
#ifndef GONET_IO_IO_H
#define GONET_IO_IO_H

#include "errors/errors.h"

extern go_error *const io_EOF;              // "EOF"
extern go_error *const io_ErrUnexpectedEOF; // "unexpected EOF"
extern go_error *const io_ErrShortWrite;    // "short write"
extern go_error *const io_ErrClosedPipe;    // "io: read/write on closed pipe"

// Go: io.Reader and io.Writer as C interfaces (method tables a user type
// embeds first). Read and Write follow Go's contracts: *n bytes were moved
// (0 <= *n <= len) and the error, if any, is the caller's.
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct io_Reader io_Reader;
typedef struct io_Writer io_Writer;
typedef struct io_Reader_methods {
	const char *type; // Go's dynamic type name, e.g. "*io.LimitedReader"
	go_error *(*Read)(io_Reader *r, uint8_t *p, size_t len, ssize_t *n);
	// Go: io.WriterTo, the method io.Copy prefers; NULL when the type has
	// none.
	go_error *(*WriteTo)(io_Reader *r, io_Writer *w, int64_t *n);
} io_Reader_methods;
struct io_Reader {
	const io_Reader_methods *m;
};
go_error *io_Reader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;

typedef struct io_Writer_methods {
	const char *type;
	go_error *(*Write)(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n);
	// Go: io.ReaderFrom, taken by io.Copy when the source is no WriterTo;
	// NULL when the type has none.
	go_error *(*ReadFrom)(io_Writer *w, io_Reader *r, int64_t *n);
} io_Writer_methods;
struct io_Writer {
	const io_Writer_methods *m;
};
go_error *io_Writer_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;

// Go: io.LimitedReader {R, N}. Build one with IO_LIMITEDREADER(r, n).
typedef struct io_LimitedReader {
	io_Reader r;  // C: the interface header, &io_LimitedReader_methods
	io_Reader *R; // underlying reader (borrowed)
	int64_t N;    // max bytes remaining
} io_LimitedReader;
extern const io_Reader_methods io_LimitedReader_methods;
#define IO_LIMITEDREADER(rd, n) ((io_LimitedReader){{&io_LimitedReader_methods}, (rd), (n)})

// Go: io.Copy(dst, src) (written int64, err error): src's WriteTo if it
// has one, else dst's ReadFrom if it has one, else a loop through a 32 KiB
// buffer.
go_error *io_Copy(io_Writer *dst, io_Reader *src, int64_t *written) GO_MUST_CHECK;
// Go: io.CopyBuffer(dst, src, buf): Copy through buf (len bytes) instead
// of a buffer of its own; buf NULL is Go's nil. Panics ("empty buffer in
// CopyBuffer") when buf is not NULL and len is 0, as Go does.
go_error *io_CopyBuffer(io_Writer *dst, io_Reader *src, uint8_t *buf, size_t len,
			int64_t *written) GO_MUST_CHECK;

// Go: io.ReadAll(r) ([]byte, error). *data is malloc'd and the caller's
// (free it even when an error is returned; NULL when nothing was read);
// io.EOF ends the read and is not returned.
go_error *io_ReadAll(io_Reader *r, uint8_t **data, size_t *len) GO_MUST_CHECK;

#endif
