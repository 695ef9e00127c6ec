// C port of go1.19 src/io/io.go: its sentinel errors.
#include "io/io.h"

#include <stdlib.h>

#include "runtime_netpoll/panic.h"

static errors_errorString errEOF = ERRORS_STATIC("EOF");
static errors_errorString errUnexpectedEOF = ERRORS_STATIC("unexpected EOF");
static errors_errorString errShortWrite = ERRORS_STATIC("short write");
static errors_errorString errInvalidWrite = ERRORS_STATIC("invalid write result");
static errors_errorString errClosedPipe = ERRORS_STATIC("io: read/write on closed pipe");

go_error *const io_EOF = &errEOF.err;
go_error *const io_ErrUnexpectedEOF = &errUnexpectedEOF.err;
go_error *const io_ErrShortWrite = &errShortWrite.err;
go_error *const io_ErrClosedPipe = &errClosedPipe.err;
// Go: io.errInvalidWrite.
static go_error *const io_errInvalidWrite = &errInvalidWrite.err;

go_error *
io_Reader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	return r->m->Read(r, p, len, n);
}

go_error *
io_Writer_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	return w->m->Write(w, p, len, n);
}

/* Go: io/io.go (*LimitedReader).Read */
static go_error *
LimitedReader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	io_LimitedReader *l = (io_LimitedReader *)r;
	go_error *err;

	*n = 0;
	if (l->N <= 0)
		return io_EOF;
	if ((int64_t)len > l->N)
		len = (size_t)l->N;
	err = io_Reader_Read(l->R, p, len, n);
	l->N -= *n;
	return err;
}

const io_Reader_methods io_LimitedReader_methods = {
	.type = "*io.LimitedReader",
	.Read = LimitedReader_Read,
};

/* Go: io/io.go copyBuffer */
// C: buf NULL means none given (Go's nil): one of 32 KiB is malloc'd, or
// less for a LimitedReader that has less left.
static go_error *
copyBuffer(io_Writer *dst, io_Reader *src, uint8_t *buf, size_t size, int64_t *written)
{
	go_error *err = NULL, *er, *ew;
	uint8_t *own = NULL;
	ssize_t nr, nw;

	*written = 0;
	// The reader's WriteTo, else the writer's ReadFrom: each moves the
	// bytes without this function's buffer and copy.
	if (src->m->WriteTo != NULL)
		return src->m->WriteTo(src, dst, written);
	if (dst->m->ReadFrom != NULL)
		return dst->m->ReadFrom(dst, src, written);
	if (buf == NULL) {
		size = 32 * 1024;
		if (src->m == &io_LimitedReader_methods) {
			io_LimitedReader *l = (io_LimitedReader *)src;

			if ((int64_t)size > l->N)
				size = l->N < 1 ? 1 : (size_t)l->N;
		}
		buf = own = malloc(size);
		if (buf == NULL)
			runtime_throw("out of memory");
	}
	for (;;) {
		er = io_Reader_Read(src, buf, size, &nr);
		if (nr > 0) {
			ew = io_Writer_Write(dst, buf, (size_t)nr, &nw);
			if (nw < 0 || nr < nw) {
				nw = 0;
				if (ew == NULL)
					ew = io_errInvalidWrite;
			}
			*written += nw;
			if (ew != NULL) {
				go_error_release(er);
				err = ew;
				break;
			}
			if (nr != nw) {
				go_error_release(er);
				err = io_ErrShortWrite;
				break;
			}
		}
		if (er != NULL) {
			if (er != io_EOF)
				err = er;
			break;
		}
	}
	free(own);
	return err;
}

/* Go: io/io.go Copy */
go_error *
io_Copy(io_Writer *dst, io_Reader *src, int64_t *written)
{
	return copyBuffer(dst, src, NULL, 0, written);
}

/* Go: io/io.go CopyBuffer */
go_error *
io_CopyBuffer(io_Writer *dst, io_Reader *src, uint8_t *buf, size_t len, int64_t *written)
{
	if (buf != NULL && len == 0)
		runtime_panicstring("empty buffer in CopyBuffer");
	return copyBuffer(dst, src, buf, len, written);
}

/* Go: io/io.go ReadAll */
go_error *
io_ReadAll(io_Reader *r, uint8_t **data, size_t *len)
{
	size_t cap = 512;
	uint8_t *b = malloc(cap);
	go_error *err;
	ssize_t n;

	*len = 0;
	if (b == NULL)
		runtime_throw("out of memory");
	for (;;) {
		if (*len == cap) {
			// C: Go lets append pick the growth; doubling is what it
			// does for small slices.
			uint8_t *nb = realloc(b, cap * 2);
			if (nb == NULL)
				runtime_throw("out of memory");
			b = nb;
			cap *= 2;
		}
		err = io_Reader_Read(r, b + *len, cap - *len, &n);
		*len += (size_t)n;
		if (err != NULL) {
			if (err == io_EOF)
				err = NULL;
			break;
		}
	}
	if (*len == 0) {
		free(b);
		b = NULL;
	}
	*data = b;
	return err;
}
