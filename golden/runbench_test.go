package golden

// BenchmarkRun measures `scaffold run`'s throughput over the copier golden
// project's real bootstrap, whose function answers at once for these keys:
// what it measures is the runner, the Runtime API and the handler. In the
// same run it measures two floors, each with as many processes against a
// minimal server over loopback, with the same events:
//
//   - the Runtime API floor (testdata/runtimefloor): the least a client
//     does, GET next and POST a response; "ratio" is scaffold run's tasks/s
//     over its (the target is at least 0.8 at concurrency 1, 2 and 4);
//   - aws-lambda-go's floor (testdata/lambdafloor): aws-lambda-go's runtime
//     client, which every Go function runs, around a handler that does
//     nothing; "lambda-ratio" is scaffold run's over its, what scaffold adds
//     beyond what any Go function pays.
//
// The sub-benchmarks server-only and bootstrap-only split the ratio: the
// floor's client as scaffold run's bootstrap, and the real bootstrap
// against the floor's server.

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/s3batchops/scaffold/localjob"
)

func BenchmarkRun(b *testing.B) {
	bin := buildBehaving(b)
	floor := buildFloor(b, "runtimefloor")
	lambdaFloor := buildFloor(b, "lambdafloor")
	// Each names the sub-benchmark's b: a failure stops it, from its own
	// goroutine.
	job := func(b *testing.B, bootstrap string, c int) func(int) time.Duration {
		return func(n int) time.Duration { return runJob(b, bootstrap, c, n) }
	}
	loop := func(b *testing.B, client string, c int) func(int) time.Duration {
		return func(n int) time.Duration { return runFloor(b, client, c, n) }
	}
	for _, c := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("concurrency=%d", c), func(b *testing.B) {
			rates := interleave(b, job(b, bin, c), loop(b, floor, c), loop(b, lambdaFloor, c))
			reportRates(b, rates[0], rates[1])
			b.ReportMetric(rates[2], "lambda-floor-tasks/s")
			b.ReportMetric(rates[0]/rates[2], "lambda-ratio")
		})
	}
	for _, c := range []int{1, 4} {
		// scaffold run's side alone: the floor's client as the bootstrap,
		// so that the ratio is scaffold's Runtime API server and runner
		// against the floor's server.
		b.Run(fmt.Sprintf("server-only/concurrency=%d", c), func(b *testing.B) {
			rates := interleave(b, job(b, floor, c), loop(b, floor, c))
			reportRates(b, rates[0], rates[1])
		})
		// The bootstrap alone: the real bootstrap against the floor's
		// server, over the floor's client against the same server.
		b.Run(fmt.Sprintf("bootstrap-only/concurrency=%d", c), func(b *testing.B) {
			rates := interleave(b, loop(b, bin, c), loop(b, floor, c))
			reportRates(b, rates[0], rates[1])
		})
	}
}

// reportRates reports a rate beside its floor's, and their ratio.
func reportRates(b *testing.B, rate, floor float64) {
	b.ReportMetric(rate, "tasks/s")
	b.ReportMetric(floor, "floor-tasks/s")
	b.ReportMetric(rate/floor, "ratio")
}

// rounds is how many turns interleave gives each of the runs it compares.
const rounds = 5

// interleave runs b.N tasks with each of runs, in rounds turns taken in
// order (A B C A B C …), so that a change in the shared machine's speed
// falls on each alike, and returns each one's tasks a second. The
// benchmark's timer runs during the first's turns only: its ns/op, and the
// b.N the framework picks, are the first run's.
func interleave(b *testing.B, runs ...func(n int) time.Duration) []float64 {
	b.StopTimer()
	total := make([]time.Duration, len(runs))
	done := 0
	for r := range rounds {
		n := b.N*(r+1)/rounds - done
		if n == 0 {
			continue
		}
		done += n
		for i, run := range runs {
			if i == 0 {
				b.StartTimer()
			}
			total[i] += run(n)
			if i == 0 {
				b.StopTimer()
			}
		}
	}
	rates := make([]float64, len(runs))
	for i, t := range total {
		rates[i] = float64(b.N) / t.Seconds()
	}
	return rates
}

// buildFloor builds the command testdata/name for this machine.
func buildFloor(b *testing.B, name string) string {
	bin := filepath.Join(b.TempDir(), name)
	build := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", bin, "./testdata/"+name)
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runJob runs n tasks with scaffold run's runner over bootstrap at
// concurrency c, and returns how long it took, the processes' start and
// end included.
func runJob(b *testing.B, bootstrap string, c, n int) time.Duration {
	cfg := localjob.Config{
		Bootstrap: bootstrap, FunctionName: "copier", SchemaVersion: "2.0", Concurrency: c,
		Timeout: time.Minute, MaxRedrives: 3, Backoff: time.Millisecond,
		UserArguments: map[string]string{"MyDestinationBucket": "amzn-s3-demo-destination"},
	}
	tasks := func(yield func(localjob.Task, error) bool) {
		for i := range n {
			if !yield(localjob.Task{Bucket: "src", Key: fmt.Sprintf("photos/%d.jpg", i)}, nil) {
				return
			}
		}
	}
	rep, err := localjob.NewReport(b.TempDir(), "bench")
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	stats, err := localjob.Run(context.Background(), cfg, tasks, rep.Add)
	elapsed := time.Since(start)
	if err != nil || stats.Succeeded != n {
		b.Fatalf("Run: %v, %+v", err, stats)
	}
	rep.Close()
	return elapsed
}

// runFloor answers n invocations with procs processes of the floor client,
// each with a server of its own as scaffold run's workers have, sized as
// scaffold run sizes them, and returns how long it took, the processes'
// start and end included.
func runFloor(b *testing.B, client string, procs, n int) time.Duration {
	payload := []byte(`{"invocationSchemaVersion":"2.0","invocationId":"Jr3s8KZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZzatx7Ruy","job":{"id":"ry77cd60-61f6-4a2b-8a21-d07600c874gf","userArguments":{"MyDestinationBucket":"amzn-s3-demo-destination"}},"tasks":[{"taskId":"y5R3a2lkZ29lc2hlurcS","s3Key":"photos/1.jpg","s3VersionId":null,"s3Bucket":"src"}]}`)
	var left atomic.Int64
	left.Store(int64(n))
	done := make(chan struct{})
	var answered atomic.Int64
	var id atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", func(w http.ResponseWriter, r *http.Request) {
		if left.Add(-1) < 0 {
			<-r.Context().Done() // no more work: hold the client until the end
			return
		}
		h := w.Header()
		h.Set("Lambda-Runtime-Aws-Request-Id", strconv.FormatInt(id.Add(1), 10))
		h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(time.Minute).UnixMilli(), 10))
		h.Set("Content-Type", "application/json")
		w.Write(payload)
	})
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/response", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusAccepted)
		if answered.Add(1) == int64(n) {
			close(done)
		}
	})
	var servers []*http.Server
	var cmds []*exec.Cmd
	start := time.Now()
	for range procs {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		srv := &http.Server{Handler: mux}
		go srv.Serve(ln)
		servers = append(servers, srv)
		cmd := exec.Command(client)
		cmd.Env = append(os.Environ(), "AWS_LAMBDA_RUNTIME_API="+ln.Addr().String(),
			"GOMAXPROCS="+strconv.Itoa(localjob.WorkerProcs(512, procs)))
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	<-done
	// Timed to the end of the teardown, as localjob.Run's time includes
	// stopping its processes and servers.
	for _, srv := range servers {
		srv.Close()
	}
	for _, cmd := range cmds {
		cmd.Process.Kill()
		cmd.Wait()
	}
	return time.Since(start)
}
