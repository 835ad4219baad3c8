package batch

// These benchmarks compare Handler.Invoke with aws-lambda-go's
// reflection-based path (lambda.NewHandler with events.S3BatchJobEventV2)
// doing the same work on the same 2.0 events of 1, 100 and 1,000 tasks:
// decode the event, parse the arguments once, unescape each key, answer
// one result per task whose string is the key. TestBenchmarkPairAgrees
// checks that the two answer with the same bytes.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

// benchSizes are the numbers of tasks of the benchmarks' events: one is
// what S3 sends.
var benchSizes = []int{1, 100, 1000}

// benchEvent returns a 2.0 event of n tasks, its keys URL-encoded as S3
// sends them.
func benchEvent(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"invocationSchemaVersion": "2.0", "invocationId": "Jr3s8KZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZzatx7Ruy",
  "job": {"id": "ry77cd60-61f6-4a2b-8a21-d07600c874gf", "userArguments": {"MyDestinationBucket": "amzn-s3-demo-destination-bucket"}},
  "tasks": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"taskId": "y5R3a2lkZ29lc2hlurcS%06d", "s3Key": "photos/2024/customer+Image%%28%d%%29.jpg", "s3VersionId": null, "s3Bucket": "amzn-s3-demo-bucket"}`, i, i)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// benchHandler is the generated handler with a Process that answers the key.
func benchHandler() lambda.Handler {
	return newTestHandler(func(_ context.Context, t Task, a args) (string, error) { return t.Key, nil })
}

// typedHandler is aws-lambda-go's typed path doing benchHandler's work.
func typedHandler() lambda.Handler {
	return lambda.NewHandler(func(_ context.Context, ev events.S3BatchJobEventV2) (events.S3BatchJobResponse, error) {
		_, argErr := parseArgs(ev.Job.UserArguments)
		results := make([]events.S3BatchJobResult, len(ev.Tasks))
		for i, t := range ev.Tasks {
			res := events.S3BatchJobResult{TaskID: t.TaskID, ResultCode: "Succeeded"}
			key, err := url.QueryUnescape(t.S3Key)
			switch {
			case argErr != nil:
				res.ResultCode, res.ResultString = "PermanentFailure", argErr.Error()
			case err != nil:
				res.ResultCode, res.ResultString = "PermanentFailure", err.Error()
			default:
				res.ResultString = key
			}
			results[i] = res
		}
		return events.S3BatchJobResponse{
			InvocationSchemaVersion: ev.InvocationSchemaVersion,
			TreatMissingKeysAs:      "PermanentFailure",
			InvocationID:            ev.InvocationID,
			Results:                 results,
		}, nil
	})
}

func TestBenchmarkPairAgrees(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	for _, n := range benchSizes {
		ev := benchEvent(n)
		got, err := benchHandler().Invoke(ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		want, err := typedHandler().Invoke(ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%d tasks: the handler answers\n%.300s\nthe typed path\n%.300s", n, got, want)
		}
	}
}

func BenchmarkInvoke(b *testing.B)        { benchmarkSizes(b, benchHandler()) }
func BenchmarkTypedBaseline(b *testing.B) { benchmarkSizes(b, typedHandler()) }

// benchmarkSizes invokes h on the event of each of benchSizes.
func benchmarkSizes(b *testing.B, h lambda.Handler) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) { benchmark(b, h, benchEvent(n)) })
	}
}

// benchmark invokes h on payload b.N times.
func benchmark(b *testing.B, h lambda.Handler, payload []byte) {
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

// BenchmarkInvokeMetrics is BenchmarkInvoke's 1-task event with the
// embedded-metric-format line on (as generated projects have it), written
// to io.Discard: the difference is what the metrics cost an invocation.
func BenchmarkInvokeMetrics(b *testing.B) {
	cfg := testConfig
	cfg.Metrics, cfg.MetricsNamespace, cfg.MetricsOutput, cfg.FunctionName = true, "S3BatchOperations/copier", io.Discard, "copier-Function-1A2B"
	benchmark(b, NewHandler(parseArgs, func(_ context.Context, t Task, a args) (string, error) { return t.Key, nil }, cfg), benchEvent(1))
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
