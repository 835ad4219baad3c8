package batch

// These benchmarks compare Handler.Invoke on the 2.0 seed event with
// aws-lambda-go's reflection-based path (lambda.NewHandler with
// events.S3BatchJobEventV2) doing the same work: decode, unescape each key,
// answer one result per task.

import (
	"context"
	"io"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func BenchmarkInvoke(b *testing.B) {
	h := newTestHandler(func(context.Context, Task, args) (string, error) { return "ok", nil })
	benchmark(b, h)
}

func BenchmarkTypedBaseline(b *testing.B) {
	h := lambda.NewHandler(func(_ context.Context, ev events.S3BatchJobEventV2) (events.S3BatchJobResponse, error) {
		results := make([]events.S3BatchJobResult, len(ev.Tasks))
		for i, t := range ev.Tasks {
			key, err := url.QueryUnescape(t.S3Key)
			if err != nil {
				return events.S3BatchJobResponse{}, err
			}
			results[i] = events.S3BatchJobResult{TaskID: t.TaskID, ResultCode: "Succeeded", ResultString: key}
		}
		return events.S3BatchJobResponse{
			InvocationSchemaVersion: ev.InvocationSchemaVersion,
			TreatMissingKeysAs:      "PermanentFailure",
			InvocationID:            ev.InvocationID,
			Results:                 results,
		}, nil
	})
	benchmark(b, h)
}

// benchmark invokes h on the 2.0 seed event b.N times.
func benchmark(b *testing.B, h lambda.Handler) {
	payload := []byte(seed20)
	// Lambda always gives the function a deadline.
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.Invoke(ctx, payload); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInvokeMetrics is BenchmarkInvoke with the embedded-metric-format
// line on (as generated projects have it), written to io.Discard: the
// difference is what the metrics cost an invocation.
func BenchmarkInvokeMetrics(b *testing.B) {
	cfg := testConfig
	cfg.Metrics, cfg.MetricsNamespace, cfg.MetricsOutput, cfg.FunctionName = true, "S3BatchOperations/copier", io.Discard, "copier-Function-1A2B"
	benchmark(b, NewHandler(parseArgs, func(context.Context, Task, args) (string, error) { return "ok", nil }, cfg))
}

// BenchmarkEMF is the metrics line alone.
func BenchmarkEMF(b *testing.B) {
	inv := invocation{jobID: "ry77cd60-61f6-4a2b-8a21-d07600c874gf", counts: [3]int{1, 0, 0}, durations: []float64{12.5}}
	at := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		var buf [512]byte
		io.Discard.Write(appendEMF(buf[:0], "S3BatchOperations/copier", "copier-Function-1A2B", at, &inv))
	}
}
