// Command micro runs the Go 1.19 side of gonet's runtime micro-benchmarks
// and prints one JSON line per benchmark:
//
//	{"impl":"go","bench":NAME,"value":X,"unit":"ns/op"|"bytes","n":N}
//
// gonet's C twins (bench/README.md) print the same lines with "impl":"gonet".
// Everything runs on one P (GOMAXPROCS 1), as the benchmark driver also
// pins the process to one CPU.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

type bench struct {
	name string
	n    int // iterations at full size
	run  func(n int) (value float64, unit string)
}

// Parked goroutines come first, while the runtime has no free G to reuse.
var benches = []bench{
	{"parked_goroutine_rss", 100000, parkedRSS},
	{"spawn_exit", 1000000, spawnExit},
	{"chan_pingpong", 1000000, chanPingPong},
	{"gosched_pingpong", 1000000, goschedPingPong},
	{"timer_churn", 2000000, timerChurn},
}

func main() {
	only := flag.String("run", "", "comma-separated benchmark names (default: all)")
	quick := flag.Bool("quick", false, "a tenth of the iterations (parked goroutines stay 100000)")
	flag.Parse()
	runtime.GOMAXPROCS(1)

	want := map[string]bool{}
	for _, s := range strings.Split(*only, ",") {
		if s != "" {
			want[s] = true
		}
	}
	for _, b := range benches {
		if len(want) > 0 && !want[b.name] {
			continue
		}
		n := b.n
		if *quick && b.name != "parked_goroutine_rss" {
			n /= 10
		}
		v, unit := b.run(n)
		fmt.Printf("{\"impl\":\"go\",\"bench\":%q,\"value\":%.1f,\"unit\":%q,\"n\":%d}\n", b.name, v, unit, n)
	}
	os.Stdout.Sync()
}

func perOp(start time.Time, ops int) float64 {
	return float64(time.Since(start).Nanoseconds()) / float64(ops)
}

// Spawn n goroutines that exit at once, a thousand at a time.
func spawnExit(n int) (float64, string) {
	const batch = 1000
	var wg sync.WaitGroup
	start := time.Now()
	for done := 0; done < n; done += batch {
		wg.Add(batch)
		for i := 0; i < batch; i++ {
			go wg.Done()
		}
		wg.Wait()
	}
	return perOp(start, n), "ns/op"
}

// n round trips over two unbuffered channels: two switches each.
func chanPingPong(n int) (float64, string) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
	}()
	start := time.Now()
	for i := 0; i < n; i++ {
		ping <- i
		<-pong
	}
	v := perOp(start, 2*n)
	close(ping)
	return v, "ns/switch"
}

// Two goroutines yield to each other n times each.
func goschedPingPong(n int) (float64, string) {
	var wg sync.WaitGroup
	wg.Add(2)
	start := time.Now()
	for g := 0; g < 2; g++ {
		go func() {
			for i := 0; i < n; i++ {
				runtime.Gosched()
			}
			wg.Done()
		}()
	}
	wg.Wait()
	return perOp(start, 2*n), "ns/switch"
}

// Start and stop one timer n times.
func timerChurn(n int) (float64, string) {
	t := time.NewTimer(time.Hour)
	t.Stop()
	start := time.Now()
	for i := 0; i < n; i++ {
		t.Reset(time.Hour)
		t.Stop()
	}
	return perOp(start, n), "ns/op"
}

// Resident memory added by n goroutines parked on a channel receive.
func parkedRSS(n int) (float64, string) {
	runtime.GC()
	debug.FreeOSMemory()
	before := residentBytes()
	block := make(chan struct{})
	var started, exited sync.WaitGroup
	started.Add(n)
	exited.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			<-block
			exited.Done()
		}()
	}
	started.Wait()
	after := residentBytes()
	close(block)
	exited.Wait()
	return float64(after-before) / float64(n), "bytes"
}

// Resident set size from /proc/self/statm (second field, in pages).
func residentBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		panic(err)
	}
	var size, resident int64
	if _, err := fmt.Sscan(string(b), &size, &resident); err != nil {
		panic(err)
	}
	return resident * int64(os.Getpagesize())
}
