// Command httpd is a minimal HTTP/1.1 keep-alive responder on Go 1.19's net
// package (not net/http), the twin of gonet's bench responder and of
// epoll_echo -http: one goroutine per connection reads requests (each ends
// with an empty line) and writes one fixed response per request.
// It takes -addr, ignores SIGPIPE and exits with status 0 on SIGTERM.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
)

const response = "HTTP/1.1 200 OK\r\n" +
	"Server: bench\r\n" +
	"Content-Type: text/plain\r\n" +
	"Content-Length: 13\r\n" +
	"\r\n" +
	"Hello, World!"

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	flag.Parse()

	signal.Ignore(syscall.SIGPIPE)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
	go func() {
		<-stop
		ln.Close()
		os.Exit(0)
	}()

	for {
		c, err := ln.Accept()
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Temporary() {
				continue
			}
			if errors.Is(err, net.ErrClosed) {
				select {} // the signal handler closed it and exits
			}
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		go serve(c)
	}
}

var end = [4]byte{'\r', '\n', '\r', '\n'}

func serve(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 4096)
	var out []byte
	match := 0 // how much of "\r\n\r\n" the input read so far ends with
	for {
		n, err := c.Read(buf)
		k := 0
		for _, b := range buf[:n] {
			if b == end[match] {
				match++
				if match == 4 {
					k++
					match = 0
				}
			} else if b == '\r' {
				match = 1
			} else {
				match = 0
			}
		}
		if k > 0 {
			out = out[:0]
			for i := 0; i < k; i++ {
				out = append(out, response...)
			}
			if _, werr := c.Write(out); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
