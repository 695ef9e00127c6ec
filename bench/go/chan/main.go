// Channel micro-benchmarks, the Go 1.19 side of bench/gonet/chan_bench.c:
// the same two programs, printed as "name procs ns/op" lines.
//
//	pingpong: N round trips between two goroutines over two unbuffered
//	          channels (each trip: two direct hand-offs, two parks).
//	buffered: one producer, one consumer, N ints through a channel of
//	          capacity 128.
//
// Usage: go run ./chan [-n N] [-procs P]
package main

import (
	"flag"
	"fmt"
	"runtime"
	"time"
)

func pingpong(n int) time.Duration {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
		close(pong)
	}()
	start := time.Now()
	for i := 0; i < n; i++ {
		ping <- i
		<-pong
	}
	d := time.Since(start)
	close(ping)
	<-pong
	return d
}

func buffered(n int) time.Duration {
	c := make(chan int, 128)
	done := make(chan int)
	go func() {
		s := 0
		for v := range c {
			s += v
		}
		done <- s
	}()
	start := time.Now()
	for i := 0; i < n; i++ {
		c <- i
	}
	close(c)
	<-done
	return time.Since(start)
}

func main() {
	n := flag.Int("n", 1000000, "operations per benchmark")
	procs := flag.Int("procs", 1, "GOMAXPROCS")
	flag.Parse()
	runtime.GOMAXPROCS(*procs)
	pingpong(*n / 10) // warm up
	for _, b := range []struct {
		name string
		f    func(int) time.Duration
	}{{"pingpong", pingpong}, {"buffered", buffered}} {
		d := b.f(*n)
		fmt.Printf("%s %d %.1f\n", b.name, *procs, float64(d.Nanoseconds())/float64(*n))
	}
}
