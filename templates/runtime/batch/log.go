package batch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"time"
)

// Why a task ended as it did: the "reason" of its log line.
const (
	ReasonExplicit  = "explicit mark"          // Temporary or Permanent in the error chain
	ReasonPanic     = "panic"                  // the function panicked
	ReasonDeadline  = "deadline"               // the soft deadline or the invocation's deadline
	ReasonCanceled  = "invocation canceled"    // the invocation's context ended otherwise
	ReasonThrottle  = "throttling"             // a throttling code or HTTP 429
	ReasonRetryable = "SDK retryable"          // what aws-sdk-go-v2 retries: 5xx, timeouts, connection errors
	ReasonQuota     = "retry quota exhausted"  // the SDK's client-side retry quota ran out
	ReasonList      = "scaffold.yaml list"     // retry.temporary or retry.permanent
	ReasonDefault   = "not retryable"          // anything else: permanent
	ReasonTask      = "invalid task"           // the event's task could not be read
	ReasonArguments = "invalid user arguments" // the job's UserArguments do not parse
)

// taskContext is the context Process gets: the invocation's, carrying the
// task for Logger. It is one allocation per task, and the logger is made
// only when Process asks for it.
type taskContext struct {
	context.Context
	log  *slog.Logger
	task Task
}

type taskKey struct{}

func (c *taskContext) Value(key any) any {
	if key == (taskKey{}) {
		return c
	}
	return c.Context.Value(key)
}

// Logger returns the function's logger with the attributes of the task ctx
// belongs to (jobId, taskId, bucket, key, versionId), so that Process logs
// with the same fields as the handler's own lines. Log with the Context
// methods, logger.InfoContext(ctx, …), so that each line also carries the
// invocation's requestId. Outside a task, Logger returns slog.Default().
//
// Do not log an argument's value unless you know it is not a secret.
func Logger(ctx context.Context) *slog.Logger {
	c, ok := ctx.Value(taskKey{}).(*taskContext)
	if !ok {
		return slog.Default()
	}
	return slog.New(c.log.Handler().WithAttrs(appendTaskAttrs(nil, &c.task)))
}

// appendTaskAttrs appends the attributes of every line about t.
func appendTaskAttrs(dst []slog.Attr, t *Task) []slog.Attr {
	return append(dst,
		slog.String("jobId", t.JobID),
		slog.String("taskId", t.ID),
		slog.String("bucket", t.Bucket),
		slog.String("key", t.Key),
		slog.String("versionId", t.VersionID),
	)
}

// panicError is a panic of the function, with its stack.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// recovered returns the error of a task whose function panicked with r.
func recovered(r any) error {
	return &markedError{code: PermanentFailure, err: &panicError{r, debug.Stack()}, reason: ReasonPanic}
}

// logTask logs the outcome of a task: DEBUG when it succeeded, WARN when it
// will be retried, ERROR when it failed for good, with the reason, the time
// it took, and the arguments' names (values only of those the schema marks
// safe to log).
func (h *Handler[A]) logTask(ctx context.Context, inv *invocation, t *Task, code Code, reason string, err error, took time.Duration) {
	level := slog.LevelDebug
	msg := "task succeeded"
	switch code {
	case TemporaryFailure:
		level, msg = slog.LevelWarn, "task failed, S3 will retry it"
	case PermanentFailure:
		level, msg = slog.LevelError, "task failed"
	}
	if !h.log.Enabled(ctx, level) {
		return
	}
	attrs := appendTaskAttrs(make([]slog.Attr, 0, 12), t)
	attrs = append(attrs, slog.String("resultCode", string(code)))
	if err != nil {
		text := errorString(err)
		if reason == ReasonArguments && !inv.argsLoggable(h.cfg.LoggedArguments) {
			// The parser's messages quote the values.
			text = "invalid user arguments (their values are not logged: see the completion report)"
		}
		attrs = append(attrs, slog.String("error", text), slog.String("reason", reason))
	}
	attrs = append(attrs, slog.Float64("durationMs", milliseconds(took)))
	if a := inv.argsAttr(h.cfg.LoggedArguments); a.Key != "" {
		attrs = append(attrs, a)
	}
	var p *panicError
	if errors.As(err, &p) {
		attrs = append(attrs, slog.String("stack", string(p.stack)))
	}
	h.log.LogAttrs(ctx, level, msg, attrs...)
}

// argsLoggable reports whether every argument the event has may be logged.
func (inv *invocation) argsLoggable(safe []string) bool {
	for name := range inv.args {
		if !slices.Contains(safe, name) {
			return false
		}
	}
	return true
}

// argsAttr is the attribute "userArguments": every name the event has, in
// order, with its value if the schema marks it safe to log, and
// "(not logged)" otherwise. Arguments can carry secrets.
func (inv *invocation) argsAttr(safe []string) slog.Attr {
	if len(inv.args) == 0 {
		return slog.Attr{}
	}
	names := make([]string, 0, len(inv.args))
	for name := range inv.args {
		names = append(names, name)
	}
	slices.Sort(names)
	attrs := make([]any, len(names))
	for i, name := range names {
		v := "(not logged)"
		if slices.Contains(safe, name) {
			v = inv.args[name]
		}
		attrs[i] = slog.String(name, v)
	}
	return slog.Group("userArguments", attrs...)
}

func milliseconds(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
