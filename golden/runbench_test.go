package golden

// BenchmarkRun measures `scaffold run`'s throughput (target: at least 5,000
// tasks/s at concurrency 4 on a 2-core machine) over the copier golden
// project's real bootstrap, with a function that does nothing but answer:
// what it measures is the runner, the Runtime API and the handler.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3batchops/scaffold/localjob"
	"golang.org/x/tools/txtar"
)

func BenchmarkRun(b *testing.B) {
	ar, err := txtar.ParseFile("copier.txtar")
	if err != nil {
		b.Fatal(err)
	}
	work := b.TempDir()
	dir := filepath.Join(work, "copier")
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "out/"); ok {
			p := filepath.Join(dir, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, f.Data, 0o644)
		}
	}
	os.WriteFile(filepath.Join(dir, "function.go"), []byte(`package main

import (
	"context"

	"example.com/copier/internal/args"
	"example.com/copier/internal/batch"
)

type Function struct{}

func NewFunction(context.Context) (*Function, error) { return &Function{}, nil }

func (f *Function) Process(_ context.Context, task batch.Task, _ args.Args) (string, error) { return task.Key, nil }
`), 0o644)
	gowork := filepath.Join(work, "go.work")
	os.WriteFile(gowork, []byte("go 1.26.0\n\nuse ./copier\n\nreplace github.com/s3batchops/scaffold => "+repoRoot(b)+"\n"), 0o644)
	bin := filepath.Join(work, "bootstrap")
	build := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", bin, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOWORK="+gowork, "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for _, c := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("concurrency=%d", c), func(b *testing.B) {
			cfg := localjob.Config{
				Bootstrap: bin, FunctionName: "copier", SchemaVersion: "2.0", Concurrency: c,
				Timeout: time.Minute, MaxRedrives: 3, Backoff: time.Millisecond,
				UserArguments: map[string]string{"MyDestinationBucket": "amzn-s3-demo-destination"},
			}
			tasks := func(yield func(localjob.Task, error) bool) {
				for i := range b.N {
					if !yield(localjob.Task{Bucket: "src", Key: fmt.Sprintf("photos/%d.jpg", i)}, nil) {
						return
					}
				}
			}
			rep, err := localjob.NewReport(b.TempDir(), "bench")
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			start := time.Now()
			stats, err := localjob.Run(context.Background(), cfg, tasks, rep.Add)
			elapsed := time.Since(start)
			b.StopTimer()
			if err != nil || stats.Succeeded != b.N {
				b.Fatalf("Run: %v, %+v", err, stats)
			}
			rep.Close()
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "tasks/s")
		})
	}
}
