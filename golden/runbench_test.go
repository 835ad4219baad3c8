package golden

// BenchmarkRun measures `scaffold run`'s throughput (target: at least 5,000
// tasks/s at concurrency 4 on a 2-core machine) over the copier golden
// project's real bootstrap, whose function answers at once for these keys:
// what it measures is the runner, the Runtime API and the handler.

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/s3batchops/scaffold/localjob"
)

func BenchmarkRun(b *testing.B) {
	bin := buildBehaving(b)
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
