package batch

// These tests read the handler's log lines as CloudWatch would: one JSON
// object per line. A task that did not succeed gets exactly one line, at
// WARN or ERROR, with every field an operator needs; a success only a DEBUG
// line; argument values appear only when the schema marks them safe.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
)

// stepClock is a clock whose now advances by step at every call.
func stepClock(step time.Duration) clock {
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	return clock{
		now: func() time.Time {
			at = at.Add(step)
			return at
		},
		withDeadline: context.WithDeadlineCause,
	}
}

// logLines returns the JSON lines of buf, without their time.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		delete(m, "timestamp")
		lines = append(lines, m)
	}
	return lines
}

// jsonLogger logs to buf at level as lambdacontext's JSON handler does.
func jsonLogger(buf *bytes.Buffer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: level, ReplaceAttr: lambdacontext.ReplaceAttr}))
}

func TestTaskLogLines(t *testing.T) {
	var buf bytes.Buffer
	cfg := testConfig
	cfg.Logger = jsonLogger(&buf, slog.LevelDebug)
	h := NewHandler(parseArgs, func(_ context.Context, task Task, _ args) (string, error) {
		switch task.Key {
		case "slow down":
			return "", fmt.Errorf("copy: %w", apiErr("SlowDown", "Please reduce your request rate."))
		case "gone":
			return "", Permanent(errors.New("the source is gone"))
		case "boom":
			panic("boom")
		}
		return "ok", nil
	}, cfg)
	h.clock = stepClock(1500 * time.Microsecond)
	invoke(t, h, event2(t, "ok", "slow+down", "gone", "boom", "bad%zz"))

	lines := logLines(t, &buf)
	if len(lines) != 5 {
		t.Fatalf("%d log lines, want one per task:\n%s", len(lines), buf.String())
	}
	want := []map[string]any{
		{"level": "DEBUG", "message": "task succeeded", "resultCode": "Succeeded", "key": "ok"},
		{"level": "WARN", "message": "task failed, S3 will retry it", "resultCode": "TemporaryFailure", "key": "slow down",
			"error": "SlowDown: Please reduce your request rate.", "reason": ReasonThrottle},
		{"level": "ERROR", "message": "task failed", "resultCode": "PermanentFailure", "key": "gone",
			"error": "the source is gone", "reason": ReasonExplicit},
		{"level": "ERROR", "message": "task failed", "resultCode": "PermanentFailure", "key": "boom",
			"error": "panic: boom", "reason": ReasonPanic},
		{"level": "ERROR", "message": "task failed", "resultCode": "PermanentFailure", "key": "",
			"error": `s3Key "bad%zz" is not URL-encoded: invalid URL escape "%zz"`, "reason": ReasonTask},
	}
	for i, w := range want {
		got := lines[i]
		w["jobId"], w["taskId"], w["bucket"], w["versionId"] = "j", fmt.Sprint("task", i), "amzn-s3-demo-bucket", ""
		// Each task took two ticks of the clock: from before it started to
		// after it was classified.
		w["durationMs"] = 1.5
		for k, v := range w {
			if got[k] != v {
				t.Errorf("line %d: %s = %#v, want %#v", i, k, got[k], v)
			}
		}
		stack, _ := got["stack"].(string)
		if (w["reason"] == ReasonPanic) != (stack != "") {
			t.Errorf("line %d: stack %q: want a stack on the panic's line only", i, stack)
		}
		if w["reason"] == ReasonPanic && !strings.Contains(stack, "log_test.go") {
			t.Errorf("the panic's stack does not show where it panicked:\n%s", stack)
		}
	}
	if n := strings.Count(buf.String(), "[running]"); n != 1 {
		t.Errorf("the panic's stack is logged %d times, want once", n)
	}
}

func TestSuccessesLogOnlyAtDebug(t *testing.T) {
	var buf bytes.Buffer
	cfg := testConfig
	cfg.Logger = jsonLogger(&buf, slog.LevelInfo)
	h := NewHandler(parseArgs, func(context.Context, Task, args) (string, error) { return "ok", nil }, cfg)
	invoke(t, h, event2(t, "a", "b"))
	if buf.Len() != 0 {
		t.Errorf("successes logged at INFO:\n%s", buf.String())
	}
}

func TestClassifyReasons(t *testing.T) {
	c := Config{PermanentCodes: []string{"NoSuchKey"}, TemporaryCodes: []string{"OperationAborted"}}
	for _, tc := range []struct {
		err    error
		code   Code
		reason string
	}{
		{Temporary(errors.New("later")), TemporaryFailure, ReasonExplicit},
		{apiErr("SlowDown", ""), TemporaryFailure, ReasonThrottle},
		{httpErr(429, errors.New("too many requests")), TemporaryFailure, ReasonThrottle},
		{httpErr(503, apiErr("ServiceUnavailable", "")), TemporaryFailure, ReasonRetryable},
		{apiErr("RequestTimeout", ""), TemporaryFailure, ReasonRetryable},
		{ratelimit.QuotaExceededError{}, TemporaryFailure, ReasonQuota},
		{apiErr("NoSuchKey", ""), PermanentFailure, ReasonList},
		{apiErr("OperationAborted", ""), TemporaryFailure, ReasonList},
		{apiErr("AccessDenied", ""), PermanentFailure, ReasonDefault},
		{fmt.Errorf("get: %w", context.DeadlineExceeded), TemporaryFailure, ReasonDeadline},
		{context.Canceled, TemporaryFailure, ReasonCanceled},
	} {
		if code, reason := c.classify(context.Background(), tc.err); code != tc.code || reason != tc.reason {
			t.Errorf("classify(%v) = %s, %q; want %s, %q", tc.err, code, reason, tc.code, tc.reason)
		}
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(ErrSoftDeadline)
	if code, reason := c.classify(ctx, fmt.Errorf("the task did not finish in time: %w", ErrSoftDeadline)); code != TemporaryFailure || reason != ReasonDeadline {
		t.Errorf("classify after the soft deadline = %s, %q; want TemporaryFailure, %q", code, reason, ReasonDeadline)
	}
}

// TestArgumentValuesNotLogged: arguments can carry secrets, so a line names
// them and shows only the values of those the schema marks "x-log": true,
// also when the parser's message quotes a value.
func TestArgumentValuesNotLogged(t *testing.T) {
	payload := `{"invocationSchemaVersion":"2.0","invocationId":"aW52","job":{"id":"j","userArguments":{"Token":"hunter2","Bucket":"dest"}},` +
		`"tasks":[{"taskId":"t0","s3Key":"a","s3VersionId":null,"s3Bucket":"b"}]}`
	for _, tc := range []struct {
		name  string
		parse func(map[string]string) (args, error)
	}{{"task failed", parseArgs}, {"invalid arguments", func(m map[string]string) (args, error) {
		return nil, fmt.Errorf("argument %q: %q is too short", "Token", m["Token"])
	}}} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			cfg := testConfig
			cfg.Logger = jsonLogger(&buf, slog.LevelDebug)
			cfg.LoggedArguments = []string{"Bucket"}
			h := NewHandler(tc.parse, func(context.Context, Task, args) (string, error) { return "", errors.New("failed") }, cfg)
			resp := invoke(t, h, payload)
			if strings.Contains(buf.String(), "hunter2") {
				t.Errorf("a value not marked safe is logged:\n%s", buf.String())
			}
			lines := logLines(t, &buf)
			if len(lines) != 1 {
				t.Fatalf("%d lines, want 1:\n%s", len(lines), buf.String())
			}
			got, _ := json.Marshal(lines[0]["userArguments"])
			if want := `{"Bucket":"dest","Token":"(not logged)"}`; string(got) != want {
				t.Errorf("userArguments = %s, want %s", got, want)
			}
			if tc.name == "invalid arguments" && !strings.Contains(resp.Results[0].ResultString, "hunter2") {
				t.Errorf("the report lost the parser's message: %q", resp.Results[0].ResultString)
			}
		})
	}
}

// TestProcessLogger: Process's Logger carries the task's attributes.
func TestProcessLogger(t *testing.T) {
	var buf bytes.Buffer
	cfg := testConfig
	cfg.Logger = jsonLogger(&buf, slog.LevelInfo)
	h := NewHandler(parseArgs, func(ctx context.Context, task Task, _ args) (string, error) {
		Logger(ctx).InfoContext(ctx, "copying", "size", 42)
		return "ok", nil
	}, cfg)
	for _, deadline := range []bool{false, true} { // on the handler's goroutine, and on a worker
		buf.Reset()
		ctx := context.Background()
		if deadline {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, time.Hour)
			defer cancel()
		}
		if _, err := h.Invoke(ctx, []byte(event2(t, "my+photo.jpg"))); err != nil {
			t.Fatal(err)
		}
		lines := logLines(t, &buf)
		want := map[string]any{"level": "INFO", "message": "copying", "size": 42.0, "jobId": "j", "taskId": "task0",
			"bucket": "amzn-s3-demo-bucket", "key": "my photo.jpg", "versionId": ""}
		if len(lines) != 1 || fmt.Sprint(lines[0]) != fmt.Sprint(want) {
			t.Errorf("deadline %v: lines %v\nwant [%v]", deadline, lines, want)
		}
	}
	if Logger(context.Background()) != slog.Default() {
		t.Error("Logger outside a task is not slog.Default()")
	}
}

// TestLambdaLogHandler: with no Logger, the handler logs through
// aws-lambda-go's lambdacontext handler, to stdout, with the requestId.
func TestLambdaLogHandler(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = f
	cfg := testConfig
	cfg.Logger = nil
	h := NewHandler(parseArgs, func(context.Context, Task, args) (string, error) { return "", errors.New("failed") }, cfg)
	os.Stdout = stdout
	ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{AwsRequestID: "req-7"})
	if _, err := h.Invoke(ctx, []byte(event2(t, "a"))); err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"level=ERROR", "requestId=req-7", "taskId=task0", "reason=\"not retryable\""} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the log line %q lacks %s", out, want)
		}
	}
}
