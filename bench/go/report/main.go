// Command report turns the raw results of bench/run.sh into
// bench/results/latest.md and a gnuplot chart, latest.png.
//
// Input: raw.jsonl (one line per scenario, server and round, holding the
// loadgen or wrk JSON line in "result") and micro.jsonl (one line per
// micro-benchmark and round). Every figure in the report is the median over
// rounds; errors are summed.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"
)

var servers = []string{"gonet", "go", "epoll"}

var serverTitle = map[string]string{
	"gonet": "gonet",
	"go":    "Go 1.19",
	"epoll": "epoll (C)",
}

type scenario struct {
	id, title string
}

var scenarios = []scenario{
	{"pp1", "1 connection, ping-pong, 64 B"},
	{"pp100", "100 connections, ping-pong, 64 B"},
	{"pp1000", "1000 connections, ping-pong, 64 B"},
	{"rate100", "100 connections, 64 B, fixed rate"},
	{"rate1000", "1000 connections, 64 B, fixed rate"},
	{"big100", "100 connections, ping-pong, 16 KiB"},
	{"connect50", "connect mode: dial, 64 B echo, close; 50 in flight"},
	{"idle", "idle connections: server RSS per connection"},
	{"wrk100", "wrk -t1 -c100, HTTP/1.1 keep-alive responder"},
}

// result is a loadgen JSON line (or the same fields made from wrk's output).
type result struct {
	Mode       string   `json:"mode"`
	Conns      int      `json:"conns"`
	Msgs       float64  `json:"msgs"`
	MsgsPerS   *float64 `json:"msgs_per_s"`
	BytesPerS  *float64 `json:"bytes_per_s"`
	P50        *float64 `json:"p50_us"`
	P99        *float64 `json:"p99_us"`
	P999       *float64 `json:"p999_us"`
	CPUPerMsg  *float64 `json:"server_cpu_us_per_msg"`
	Rate       *float64 `json:"rate"`
	Late       *float64 `json:"late"`
	ClientCPU  *float64 `json:"client_cpu_pct"`
	ServerCPU  *float64 `json:"server_cpu_pct"`
	RSSPerConn *float64 `json:"rss_per_conn_bytes"`
	Alive      *int     `json:"alive"`
	Errors     float64  `json:"errors"`
	Failed     bool     `json:"setup_failed"`
}

type rawLine struct {
	Round    int     `json:"round"`
	Scenario string  `json:"scenario"`
	Server   string  `json:"server"`
	Status   string  `json:"status"`
	Path     string  `json:"path"`
	Exit     int     `json:"exit"`
	Result   *result `json:"result"`
}

type microResult struct {
	Impl  string  `json:"impl"`
	Bench string  `json:"bench"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	N     int     `json:"n"`
}

type microLine struct {
	Round  int          `json:"round"`
	Impl   string       `json:"impl"`
	Status string       `json:"status"`
	Path   string       `json:"path"`
	Result *microResult `json:"result"`
}

// cell gathers the runs of one scenario on one server.
type cell struct {
	status    string // "", "not built", "failed"
	path      string
	runs      int
	badExits  int
	errors    float64
	mps, p50  []float64
	p99, p999 []float64
	cpu, ccpu []float64
	scpu      []float64
	rss, bps  []float64
	rate      []float64       // offered msgs/s (-rate scenarios)
	byRound   map[int]*result // each successful run, for ratios paired by round
}

func (c *cell) ok() bool { return c != nil && c.runs > 0 }

type options struct {
	raw, micro, out       string
	quick                 bool
	rounds                int
	warmup, measure       string
	wrkMeasure, idleConns string
	elapsed               int
	loadavg               string
	serverCPU, loadCPU    string
	root                  string
}

func main() {
	var o options
	flag.StringVar(&o.raw, "raw", "results/raw.jsonl", "scenario results")
	flag.StringVar(&o.micro, "micro", "results/micro.jsonl", "micro-benchmark results")
	flag.StringVar(&o.out, "out", "results", "output folder")
	flag.BoolVar(&o.quick, "quick", false, "the run was BENCH_QUICK=1")
	flag.IntVar(&o.rounds, "rounds", 0, "rounds run")
	flag.StringVar(&o.warmup, "warmup", "", "warm-up seconds")
	flag.StringVar(&o.measure, "measure", "", "measured seconds")
	flag.StringVar(&o.wrkMeasure, "wrk-measure", "", "wrk measured seconds")
	flag.StringVar(&o.idleConns, "idle-conns", "", "idle connections")
	flag.IntVar(&o.elapsed, "elapsed", 0, "seconds the run took")
	flag.StringVar(&o.loadavg, "loadavg", "", "load average before the run")
	flag.StringVar(&o.serverCPU, "server-cpu", "0", "CPU of the servers")
	flag.StringVar(&o.loadCPU, "load-cpu", "1", "CPU of the load generator")
	flag.StringVar(&o.root, "root", "", "repository root, to shorten paths")
	flag.Parse()

	cells, err := readRaw(o.raw)
	if err != nil {
		fail(err)
	}
	micro, microMissing, err := readMicro(o.micro)
	if err != nil {
		fail(err)
	}
	var md bytes.Buffer
	plotNote := plot(o, cells)
	writeReport(&md, o, cells, micro, microMissing, plotNote)
	if err := os.WriteFile(filepath.Join(o.out, "latest.md"), md.Bytes(), 0o644); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "report: wrote %s\n", filepath.Join(o.out, "latest.md"))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "report:", err)
	os.Exit(1)
}

func readLines(path string, each func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := each(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %v", path, n, err)
		}
	}
	return sc.Err()
}

func readRaw(path string) (map[string]map[string]*cell, error) {
	cells := map[string]map[string]*cell{}
	err := readLines(path, func(b []byte) error {
		var l rawLine
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		if cells[l.Scenario] == nil {
			cells[l.Scenario] = map[string]*cell{}
		}
		c := cells[l.Scenario][l.Server]
		if c == nil {
			c = &cell{}
			cells[l.Scenario][l.Server] = c
		}
		switch {
		case l.Status == "not built":
			c.status, c.path = "not built", l.Path
			return nil
		case l.Status != "ok" || l.Result == nil || l.Result.Failed:
			if !c.ok() {
				c.status = "failed"
			}
			return nil
		}
		r := l.Result
		c.status = ""
		c.runs++
		if c.byRound == nil {
			c.byRound = map[int]*result{}
		}
		c.byRound[l.Round] = r
		if l.Exit != 0 {
			c.badExits++
		}
		c.errors += r.Errors
		add := func(s *[]float64, v *float64) {
			if v != nil {
				*s = append(*s, *v)
			}
		}
		add(&c.mps, r.MsgsPerS)
		add(&c.bps, r.BytesPerS)
		add(&c.rate, r.Rate)
		add(&c.p50, r.P50)
		add(&c.p99, r.P99)
		add(&c.p999, r.P999)
		add(&c.cpu, r.CPUPerMsg)
		add(&c.ccpu, r.ClientCPU)
		add(&c.scpu, r.ServerCPU)
		add(&c.rss, r.RSSPerConn)
		return nil
	})
	return cells, err
}

// micro results: bench -> impl -> values over rounds.
func readMicro(path string) (map[string]map[string][]microResult, map[string]string, error) {
	m := map[string]map[string][]microResult{}
	missing := map[string]string{}
	err := readLines(path, func(b []byte) error {
		var l microLine
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		if l.Status == "not built" {
			missing[l.Impl] = l.Path
			return nil
		}
		if l.Result == nil {
			return nil
		}
		r := *l.Result
		if m[r.Bench] == nil {
			m[r.Bench] = map[string][]microResult{}
		}
		m[r.Bench][r.Impl] = append(m[r.Bench][r.Impl], r)
		return nil
	})
	return m, missing, err
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func med(c *cell, pick func(*cell) []float64) float64 {
	if !c.ok() {
		return math.NaN()
	}
	return median(pick(c))
}

func num(v float64, prec int) string {
	if math.IsNaN(v) {
		return "–"
	}
	if prec == 0 {
		return commas(int64(math.Round(v)))
	}
	return fmt.Sprintf("%.*f", prec, v)
}

func commas(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func ratio(a, b float64) string {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func cellStatus(c *cell) string {
	switch {
	case c == nil:
		return "not run"
	case c.ok():
		return ""
	case c.status == "not built":
		return "not built"
	default:
		return "failed"
	}
}

var (
	pickMPS  = func(c *cell) []float64 { return c.mps }
	pickCPU  = func(c *cell) []float64 { return c.cpu }
	pickRSS  = func(c *cell) []float64 { return c.rss }
	pickP50  = func(c *cell) []float64 { return c.p50 }
	pickP99  = func(c *cell) []float64 { return c.p99 }
	pickP999 = func(c *cell) []float64 { return c.p999 }
	pickCCPU = func(c *cell) []float64 { return c.ccpu }
	pickSCPU = func(c *cell) []float64 { return c.scpu }
	pickBPS  = func(c *cell) []float64 { return c.bps }
	pickRate = func(c *cell) []float64 { return c.rate }
)

func writeReport(w *bytes.Buffer, o options, cells map[string]map[string]*cell,
	micro map[string]map[string][]microResult, microMissing map[string]string, plotNote string) {
	p := func(format string, a ...interface{}) { fmt.Fprintf(w, format, a...) }

	p("# gonet benchmarks: latest run\n\n")
	if o.quick {
		p("> **QUICK, PARTIAL RUN (`BENCH_QUICK=1`)**: %d round, %s s warm-up + %s s windows, "+
			"%s idle connections, micro-benchmarks at a tenth of their iterations. It checks "+
			"that the harness works; its numbers are noisy and not for comparison. "+
			"Run `make bench` for the real table.\n\n", o.rounds, o.warmup, o.measure, o.idleConns)
	}
	p("Generated by `bench/run.sh` on %s. Every figure is the median over %d round(s).\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), o.rounds)
	p("## Machine\n\n")
	p("| | |\n|---|---|\n")
	p("| CPU | %s |\n", cpuModel())
	p("| CPUs online (nproc) | %d |\n", runtime.NumCPU())
	p("| kernel | %s |\n", kernel())
	p("| load average before the run | %s |\n", o.loadavg)
	p("| Go | %s |\n", goVersion())
	p("| pinning | servers on CPU %s, load generator on CPU %s (taskset) |\n", o.serverCPU, o.loadCPU)
	p("| windows | %s s warm-up, %s s measured (wrk: 1 s warm-up, %s s measured) |\n",
		o.warmup, o.measure, o.wrkMeasure)
	p("| whole run | %d s |\n\n", o.elapsed)
	p("Servers: **gonet** = `examples/echo_server` and gonet's HTTP responder; " +
		"**Go 1.19** = `bench/go/echo`, `bench/go/httpd` (goroutine per connection, " +
		"same loop); **epoll (C)** = `bench/epoll_echo.c`, one thread, edge-triggered, " +
		"the practical limit. Each run starts a fresh server; scenarios are interleaved " +
		"gonet, Go, epoll within every round.\n\n")
	p("CPU µs/msg is the server's utime+stime (all threads, from /proc/PID/stat, " +
		"clock-tick resolution) over the measured window divided by the messages echoed " +
		"in it. Ratios are this row ÷ the Go or epoll row (for msgs/s higher is better, " +
		"for CPU lower is better). \"CPU %% server / load\" is how busy the server and " +
		"the single-threaded load generator (wrk) were over the window: with 100 or more " +
		"connections one of them should be near 100%%; if the load generator is, it " +
		"limited msgs/s, not the server; if neither is, something else (another " +
		"process, or softirq work run by ksoftirqd, which no process is charged for) " +
		"took the CPUs and that run is noise.\n\n")
	p("The fixed-rate rows offer every server the same load: the load generator " +
		"sends R messages per second in all, each at a time fixed in advance and dealt " +
		"to the connections in turn (open loop), and latency counts from that time. In " +
		"the ping-pong rows every server runs flat out, and its CPU/msg depends also on " +
		"how many events each epoll wait returns, which the faster server keeps small; " +
		"at a fixed rate the servers do the same work, so CPU/msg compares the code " +
		"paths. A server that could not keep the rate is marked.\n\n")

	p("## Throughput and latency\n\n")
	p("| scenario | server | msgs/s | p50 µs | p99 µs | p99.9 µs | CPU µs/msg | msgs/s ÷ Go | msgs/s ÷ epoll | CPU ÷ Go | CPU ÷ epoll | CPU %% server / load | errors | runs |\n")
	p("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, sc := range scenarios {
		if sc.id == "idle" || cells[sc.id] == nil {
			continue
		}
		row := cells[sc.id]
		goMPS, epMPS := med(row["go"], pickMPS), med(row["epoll"], pickMPS)
		goCPU, epCPU := med(row["go"], pickCPU), med(row["epoll"], pickCPU)
		for _, s := range servers {
			c := row[s]
			title := sc.title
			if sc.id == "big100" && c.ok() {
				title += fmt.Sprintf(" (%s MB/s)", num(med(c, pickBPS)/1e6, 0))
			}
			if rate := med(c, pickRate); c.ok() && !math.IsNaN(rate) {
				title += fmt.Sprintf(" (%s msgs/s offered%s)", num(rate, 0), behind(c, rate))
			}
			if st := cellStatus(c); st != "" {
				p("| %s | %s | %s | | | | | | | | | | | |\n", title, serverTitle[s], st)
				continue
			}
			mps, cpu := med(c, pickMPS), med(c, pickCPU)
			cc := pct(med(c, pickSCPU)) + " / " + pct(med(c, pickCCPU))
			errs := num(c.errors, 0)
			if c.badExits > 0 {
				errs += fmt.Sprintf(" (%d unclean exits)", c.badExits)
			}
			p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n",
				title, serverTitle[s], num(mps, 0), num(med(c, pickP50), 1),
				num(med(c, pickP99), 1), num(med(c, pickP999), 1), num(cpu, 2),
				ratio(mps, goMPS), ratio(mps, epMPS), ratio(cpu, goCPU), ratio(cpu, epCPU),
				cc, errs, c.runs)
		}
	}
	p("\nwrk reports no p99.9; its p50/p99 come from `--latency`, its errors are socket " +
		"errors plus non-2xx responses.\n\n")

	if row := cells["idle"]; row != nil {
		p("## Idle connections (%s)\n\n", o.idleConns)
		p("Server resident memory (VmRSS) after every connection echoed one 64 B message " +
			"and settled for the warm-up time, minus VmRSS before the first connection, " +
			"divided by the connections. Kernel socket memory is not in RSS.\n\n")
		p("| server | RSS bytes/conn | ÷ Go | ÷ epoll | errors | runs |\n|---|--:|--:|--:|--:|--:|\n")
		goR, epR := med(row["go"], pickRSS), med(row["epoll"], pickRSS)
		for _, s := range servers {
			c := row[s]
			if st := cellStatus(c); st != "" {
				p("| %s | %s | | | | |\n", serverTitle[s], st)
				continue
			}
			r := med(c, pickRSS)
			p("| %s | %s | %s | %s | %s | %d |\n", serverTitle[s], num(r, 0), ratio(r, goR),
				ratio(r, epR), num(c.errors, 0), c.runs)
		}
		p("\n")
	}

	p("## Runtime micro-benchmarks\n\n")
	p("`bench/go/micro` (Go, GOMAXPROCS 1) and gonet's twin, pinned to CPU %s.\n\n", o.serverCPU)
	p("| benchmark | unit | Go 1.19 | gonet | gonet ÷ Go |\n|---|---|--:|--:|--:|\n")
	var names []string
	for _, n := range []string{"spawn_exit", "chan_pingpong", "gosched_pingpong", "timer_churn", "parked_goroutine_rss"} {
		if micro[n] != nil {
			names = append(names, n)
		}
	}
	for n := range micro {
		if !contains(names, n) {
			names = append(names, n)
		}
	}
	for _, n := range names {
		unit := ""
		vals := map[string]float64{}
		for _, impl := range []string{"go", "gonet"} {
			var v []float64
			for _, r := range micro[n][impl] {
				v = append(v, r.Value)
				unit = r.Unit
			}
			vals[impl] = median(v)
		}
		gonet := num(vals["gonet"], 1)
		if _, ok := microMissing["gonet"]; ok && math.IsNaN(vals["gonet"]) {
			gonet = "not built"
		}
		p("| %s | %s | %s | %s | %s |\n", n, unit, num(vals["go"], 1), gonet, ratio(vals["gonet"], vals["go"]))
	}
	if row := cells["idle"]; row != nil {
		p("| idle_conn_rss (from the idle scenario) | bytes | %s | %s | %s |\n",
			num(med(row["go"], pickRSS), 0), orStatus(row["gonet"], num(med(row["gonet"], pickRSS), 0)),
			ratio(med(row["gonet"], pickRSS), med(row["go"], pickRSS)))
	}
	p("\n")

	writeTargets(p, cells, micro)

	p("## Chart\n\n")
	if plotNote != "" {
		p("%s\n\n", plotNote)
	} else {
		p("![msgs/s and server CPU per message](latest.png)\n\n")
	}

	p("## Not built yet\n\n")
	var paths []string
	for _, sc := range scenarios {
		if c := cells[sc.id]["gonet"]; c != nil && c.status == "not built" && !c.ok() &&
			!contains(paths, c.path) {
			paths = append(paths, c.path)
		}
	}
	if path, ok := microMissing["gonet"]; ok && !contains(paths, path) {
		paths = append(paths, path)
	}
	for _, path := range paths {
		if o.root != "" {
			if rel, err := filepath.Rel(o.root, path); err == nil && !strings.HasPrefix(rel, "..") {
				path = rel
			}
		}
		p("- `%s`\n", path)
	}
	if len(paths) == 0 {
		p("Nothing: every gonet binary was found.\n")
	}
	p("\n## Reproduce\n\n```\n" +
		"cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DGONET_TESTS=OFF\n" +
		"make -C build/release -j2          # gonet's servers and micro-benchmarks\n" +
		"make bench                         # = make -C bench: tools, the whole run, this file\n" +
		"make -C bench quick                # BENCH_QUICK=1: a half-minute smoke run\n```\n")
}

func pct(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.0f", v)
}

func orStatus(c *cell, v string) string {
	if st := cellStatus(c); st != "" {
		return st
	}
	return v
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// behind says when a server did not keep up with the offered rate in some
// run (under 98% of it echoed): its CPU/msg is then a saturated one.
func behind(c *cell, rate float64) string {
	k := 0
	for _, m := range c.mps {
		if m < 0.98*rate {
			k++
		}
	}
	if k == 0 {
		return ""
	}
	return fmt.Sprintf("; behind it in %d of %d runs", k, len(c.mps))
}

// The targets of issue 7, checked on this run.
func writeTargets(p func(string, ...interface{}), cells map[string]map[string]*cell,
	micro map[string]map[string][]microResult) {
	p("## Targets (issue 7)\n\n")
	p("\"measured\" is the ratio of the medians above. \"per round\" divides the two " +
		"servers' results of the same round (run a few seconds apart), which shows how " +
		"far one run moves on this machine.\n\n")
	p("| target | measured | per round | met |\n|---|--:|---|---|\n")
	get := func(sc, srv string, pick func(*cell) []float64) float64 {
		return med(cells[sc][srv], pick)
	}
	check := func(name string, v, limit float64, atMost bool, rounds []float64) {
		if math.IsNaN(v) || math.IsNaN(limit) {
			p("| %s | – | | gonet not measured |\n", name)
			return
		}
		meets := func(x float64) bool {
			if atMost {
				return x <= limit
			}
			return x >= limit
		}
		verdict := "no"
		if meets(v) {
			verdict = "yes"
		}
		per, k := "", 0
		for _, x := range rounds {
			per += fmt.Sprintf("%.2f ", x)
			if meets(x) {
				k++
			}
		}
		if len(rounds) > 0 {
			per += fmt.Sprintf("(%d of %d)", k, len(rounds))
		}
		p("| %s | %.2f | %s | %s |\n", name, v, per, verdict)
	}
	for _, sc := range []string{"pp100", "rate100", "pp1000", "rate1000"} {
		g := get(sc, "gonet", pickCPU)
		check(sc+": CPU/msg ≤ 1.10× epoll", g/get(sc, "epoll", pickCPU), 1.10, true,
			pairedRatios(cells[sc], "gonet", "epoll", resCPU))
		check(sc+": CPU/msg ≤ 0.85× Go", g/get(sc, "go", pickCPU), 0.85, true,
			pairedRatios(cells[sc], "gonet", "go", resCPU))
		if strings.HasPrefix(sc, "pp") {
			check(sc+": msgs/s ≥ 1.1× Go", get(sc, "gonet", pickMPS)/get(sc, "go", pickMPS), 1.1, false,
				pairedRatios(cells[sc], "gonet", "go", resMPS))
		}
	}
	for _, sc := range []string{"big100", "connect50"} {
		check(sc+": msgs/s ≥ Go", get(sc, "gonet", pickMPS)/get(sc, "go", pickMPS), 1, false,
			pairedRatios(cells[sc], "gonet", "go", resMPS))
	}
	check("idle: RSS/conn ≤ Go (aim 0.5×)", get("idle", "gonet", pickRSS)/get("idle", "go", pickRSS), 1, true,
		pairedRatios(cells["idle"], "gonet", "go", resRSS))
	mv := func(b, impl string) float64 {
		var v []float64
		for _, r := range micro[b][impl] {
			v = append(v, r.Value)
		}
		return median(v)
	}
	check("chan ping-pong ≤ 0.5× Go", mv("chan_pingpong", "gonet")/mv("chan_pingpong", "go"), 0.5, true, nil)
	check("spawn+exit ≤ Go", mv("spawn_exit", "gonet")/mv("spawn_exit", "go"), 1, true, nil)
	check("parked goroutine ≤ 4608 bytes", mv("parked_goroutine_rss", "gonet"), 4608, true, nil)
	p("\nFor reference, Go's CPU/msg ÷ epoll's: pp100 %s, pp1000 %s, rate100 %s, rate1000 %s "+
		"(the issue expects about 1.25-1.35×).\n\n",
		ratio(get("pp100", "go", pickCPU), get("pp100", "epoll", pickCPU)),
		ratio(get("pp1000", "go", pickCPU), get("pp1000", "epoll", pickCPU)),
		ratio(get("rate100", "go", pickCPU), get("rate100", "epoll", pickCPU)),
		ratio(get("rate1000", "go", pickCPU), get("rate1000", "epoll", pickCPU)))
}

var (
	resCPU = func(r *result) *float64 { return r.CPUPerMsg }
	resMPS = func(r *result) *float64 { return r.MsgsPerS }
	resRSS = func(r *result) *float64 { return r.RSSPerConn }
)

// pairedRatios returns a's value over b's for every round both measured,
// in round order.
func pairedRatios(row map[string]*cell, a, b string, pick func(*result) *float64) []float64 {
	ca, cb := row[a], row[b]
	if ca == nil || cb == nil {
		return nil
	}
	var rounds []int
	for r := range ca.byRound {
		rounds = append(rounds, r)
	}
	sort.Ints(rounds)
	var out []float64
	for _, r := range rounds {
		ra, rb := ca.byRound[r], cb.byRound[r]
		if rb == nil || pick(ra) == nil || pick(rb) == nil || *pick(rb) == 0 {
			continue
		}
		out = append(out, *pick(ra) / *pick(rb))
	}
	return out
}

// plot writes plot.dat and plot.gp and runs gnuplot; it returns a note for
// the report when there is no chart.
func plot(o options, cells map[string]map[string]*cell) string {
	var have []string
	for _, s := range servers {
		for _, sc := range scenarios {
			if sc.id != "idle" && cells[sc.id][s].ok() {
				have = append(have, s)
				break
			}
		}
	}
	if len(have) == 0 {
		return "No chart: no scenario produced a result."
	}
	var dat bytes.Buffer
	for i, pick := range []func(*cell) []float64{pickMPS, pickCPU} {
		if i > 0 {
			dat.WriteString("\n\n")
		}
		for _, sc := range scenarios {
			if sc.id == "idle" || cells[sc.id] == nil {
				continue
			}
			dat.WriteString(sc.id)
			for _, s := range have {
				v := med(cells[sc.id][s], pick)
				if math.IsNaN(v) {
					dat.WriteString(" ?")
				} else {
					fmt.Fprintf(&dat, " %g", v)
				}
			}
			dat.WriteString("\n")
		}
	}
	datPath := filepath.Join(o.out, "plot.dat")
	if err := os.WriteFile(datPath, dat.Bytes(), 0o644); err != nil {
		return "No chart: " + err.Error()
	}
	title := "gonet benchmarks"
	if !contains(have, "gonet") {
		title += ", gonet not built yet"
	}
	if o.quick {
		title += " (QUICK partial run, not for comparison)"
	}
	var gp bytes.Buffer
	fmt.Fprintf(&gp, "set terminal pngcairo size 1400,520 font 'sans,10'\n")
	fmt.Fprintf(&gp, "set output '%s'\n", filepath.Join(o.out, "latest.png"))
	gp.WriteString("set datafile missing '?'\nset style data histogram\n" +
		"set style histogram clustered gap 1\nset style fill solid 0.85 border -1\n" +
		"set boxwidth 0.9\nset grid ytics\nset key top right\nset yrange [0:*]\n" +
		"set xtics rotate by -20 nomirror\n")
	fmt.Fprintf(&gp, "set multiplot layout 1,2 title '%s (medians; %s)'\n", title, cpuModel())
	for i, t := range []string{"messages per second (higher is better)", "server CPU µs per message (lower is better)"} {
		fmt.Fprintf(&gp, "set title '%s'\nplot ", t)
		for j, s := range have {
			if j > 0 {
				gp.WriteString(", ")
			}
			fmt.Fprintf(&gp, "'%s' index %d using %d:xtic(1) title '%s'", datPath, i, j+2, serverTitle[s])
		}
		gp.WriteString("\n")
	}
	gp.WriteString("unset multiplot\n")
	gpPath := filepath.Join(o.out, "plot.gp")
	if err := os.WriteFile(gpPath, gp.Bytes(), 0o644); err != nil {
		return "No chart: " + err.Error()
	}
	out, err := exec.Command("gnuplot", gpPath).CombinedOutput()
	if err != nil {
		return fmt.Sprintf("No chart: gnuplot failed: %v %s", err, strings.TrimSpace(string(out)))
	}
	return ""
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "model name") {
			if i := strings.IndexByte(l, ':'); i >= 0 {
				return strings.TrimSpace(l[i+1:])
			}
		}
	}
	return "unknown"
}

func kernel() string {
	var u syscall.Utsname
	if err := syscall.Uname(&u); err != nil {
		return "unknown"
	}
	s := func(a [65]int8) string {
		var b []byte
		for _, c := range a {
			if c == 0 {
				break
			}
			b = append(b, byte(c))
		}
		return string(b)
	}
	return s(u.Sysname) + " " + s(u.Release) + " " + s(u.Machine)
}

func goVersion() string {
	out, err := exec.Command("go", "version").Output()
	if err != nil {
		return runtime.Version() + " (the report's own)"
	}
	return strings.TrimSpace(string(out))
}
