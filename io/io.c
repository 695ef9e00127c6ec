// C port of go1.19 src/io/io.go: its sentinel errors.
#include "io/io.h"

static errors_errorString errEOF = ERRORS_STATIC("EOF");
static errors_errorString errUnexpectedEOF = ERRORS_STATIC("unexpected EOF");
static errors_errorString errShortWrite = ERRORS_STATIC("short write");
static errors_errorString errClosedPipe = ERRORS_STATIC("io: read/write on closed pipe");

go_error *const io_EOF = &errEOF.err;
go_error *const io_ErrUnexpectedEOF = &errUnexpectedEOF.err;
go_error *const io_ErrShortWrite = &errShortWrite.err;
go_error *const io_ErrClosedPipe = &errClosedPipe.err;
