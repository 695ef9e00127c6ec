// C port of the error values of go1.19 src/io/io.go that net returns.
#ifndef GONET_IO_IO_H
#define GONET_IO_IO_H

#include "errors/errors.h"

extern go_error *const io_EOF;              // "EOF"
extern go_error *const io_ErrUnexpectedEOF; // "unexpected EOF"
extern go_error *const io_ErrShortWrite;    // "short write"
extern go_error *const io_ErrClosedPipe;    // "io: read/write on closed pipe"

#endif
