package batch

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"
)

// These tests protect the soft deadline without racing the scheduler: the
// handler's clock is the test's, so the deadline it asks for is checked
// exactly, and that deadline passes when the test says so rather than when a
// timer fires on a machine that may be busy.

func TestSoftDeadlineAt(t *testing.T) {
	deadline := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		left, margin, want time.Duration // want: how long before the deadline
	}{{15 * time.Minute, 2 * time.Second, 2 * time.Second}, {500 * time.Millisecond, 2 * time.Second, 100 * time.Millisecond}, {time.Minute, 0, 0}} {
		if got := softDeadlineAt(deadline, deadline.Add(-tc.left), tc.margin); !got.Equal(deadline.Add(-tc.want)) {
			t.Errorf("%v left, margin %v: the soft deadline is %v before the deadline, want %v", tc.left, tc.margin, deadline.Sub(got), tc.want)
		}
	}
}

func TestSoftDeadline(t *testing.T) {
	// The function ignores its context and never returns on "slow". Once the
	// soft deadline passes, the handler must answer at once: "slow", and "after"
	// that never starts, are TemporaryFailures.
	block := make(chan struct{})
	defer close(block)
	started := make(chan struct{})
	var ran []string
	parse := func(map[string]string) (struct{}, error) {
		return struct{}{}, nil
	}
	h := NewHandler(parse, func(_ context.Context, task Task, _ struct{}) (string, error) {
		ran = append(ran, task.Key)
		if task.Key == "slow" {
			close(started)
			<-block
		}
		return "ok", nil
	}, Config{
		SoftDeadlineMargin: 2 * time.Second,
		TreatMissingKeysAs: PermanentFailure,
	})

	// The invocation's deadline is an hour away and is never reached; the
	// test's clock says it is 15 minutes away, and the soft deadline passes when
	// the function has started on "slow".
	deadline := time.Now().Add(time.Hour)
	var asked time.Time
	var pass func()
	h.clock = clock{
		now: func() time.Time {
			return deadline.Add(-15 * time.Minute)
		},
		withDeadline: func(ctx context.Context, at time.Time, cause error) (context.Context, context.CancelFunc) {
			asked = at
			ctx, cancel := context.WithCancelCause(ctx)
			pass = func() {
				cancel(cause)
			}
			return ctx, func() {
				cancel(context.Canceled)
			}
		},
	}
	go func() {
		<-started
		pass()
	}()
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	out, err := h.Invoke(ctx, []byte("{\"invocationSchemaVersion\":\"2.0\",\"invocationId\":\"x\",\"job\":{\"id\":\"j\"},\"tasks\":[{\"taskId\":\"1\",\"s3Key\":\"fast\",\"s3Bucket\":\"b\"},{\"taskId\":\"2\",\"s3Key\":\"slow\",\"s3Bucket\":\"b\"},{\"taskId\":\"3\",\"s3Key\":\"after\",\"s3Bucket\":\"b\"}]}"))
	if err != nil {
		t.Fatal(err)
	}
	if !asked.Equal(deadline.Add(-2 * time.Second)) {
		t.Errorf("the soft deadline is %v before the deadline, want 2s (the margin)", deadline.Sub(asked))
	}
	var resp response
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	want := []result{{"1", Succeeded, "ok"}, {"2", TemporaryFailure, "the task did not finish in time: the invocation's soft deadline passed"}, {"3", TemporaryFailure, "not started: the invocation's soft deadline passed"}}
	if !slices.Equal(resp.Results, want) {
		t.Errorf("results = %+v\nwant %+v", resp.Results, want)
	}
	if !slices.Equal(ran, []string{"fast", "slow"}) {
		t.Errorf("the function ran on %q, want fast and slow", ran)
	}
}
