package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/lambdacontext"
)

// event is an S3 Batch Operations invocation, schema 1.0 or 2.0.
type event struct {
	SchemaVersion string `json:"invocationSchemaVersion"`
	InvocationID  string `json:"invocationId"`
	Job           struct {
		ID            string            `json:"id"`
		UserArguments map[string]string `json:"userArguments"` // 2.0 only
	} `json:"job"`
	Tasks []eventTask `json:"tasks"`
}

// eventTask is one task of an event.
type eventTask struct {
	TaskID      string  `json:"taskId"`
	S3Key       string  `json:"s3Key"`
	S3VersionID *string `json:"s3VersionId"` // null when the object has no version
	S3BucketARN string  `json:"s3BucketArn"` // 1.0
	S3Bucket    string  `json:"s3Bucket"`    // 2.0: a bucket name
}

// response is what S3 Batch Operations expects back: "results", plural, with
// one result per task.
type response struct {
	InvocationSchemaVersion string   `json:"invocationSchemaVersion"`
	TreatMissingKeysAs      Code     `json:"treatMissingKeysAs"`
	InvocationID            string   `json:"invocationId"`
	Results                 []result `json:"results"`
}

type result struct {
	TaskID       string `json:"taskId"`
	ResultCode   Code   `json:"resultCode"`
	ResultString string `json:"resultString"`
}

// ProcessFunc handles one task with the job's arguments. The string goes to
// the completion report; the error is classified by Config.Classify.
type ProcessFunc[A any] func(context.Context, Task, A) (string, error)

// Handler is the function's lambda.Handler: it owns the bytes of the event
// and of the response. A is the type of the job's parsed arguments.
type Handler[A any] struct {
	parse   func(map[string]string) (A, error)
	process ProcessFunc[A]
	cfg     Config
	clock   clock // systemClock, except in tests
	log     *slog.Logger
	metrics io.Writer // nil when metrics are off
	// function is the FunctionName dimension's value.
	function string

	mu   sync.Mutex
	idle *worker[A] // a worker waiting for the next task
}

// NewHandler returns a Handler that parses each invocation's UserArguments
// with parse and runs process on each task.
func NewHandler[A any](parse func(map[string]string) (A, error), process ProcessFunc[A], cfg Config) *Handler[A] {
	h := &Handler[A]{
		cfg:      cfg,
		clock:    systemClock,
		parse:    parse,
		process:  process,
		log:      cfg.Logger,
		function: cfg.FunctionName,
	}
	if h.log == nil {
		h.log = lambdacontext.NewLogger()
	}
	if cfg.Metrics {
		h.metrics = cfg.MetricsOutput
		if h.metrics == nil {
			h.metrics = os.Stdout
		}
	}
	if h.function == "" {
		h.function = lambdacontext.FunctionName
	}
	if h.function == "" {
		h.function = "unknown"
	}
	return h
}

// Invoke answers one invocation. It returns an error only when the payload
// is not an S3 Batch Operations event at all; every problem with a task or
// with the arguments is that task's result, so that S3 gets one result per
// task and a clear reason in the report.
func (h *Handler[A]) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	r := new(invocationRun[A]) // one allocation for the event, the run and its state
	ev := &r.ev
	err := r.dec.decodeEvent(payload, ev, r.firstTask[:0])
	// The payload is the caller's, reused for the next invocation: nothing
	// that outlives this one (a context Process keeps) refers to it.
	r.dec = decoder{}
	if err != nil {
		return nil, fmt.Errorf("batch: the payload is not an S3 Batch Operations event: %w", err)
	}
	if ev.InvocationID == "" {
		return nil, errors.New("batch: the event has no invocationId")
	}
	if ev.SchemaVersion != "1.0" && ev.SchemaVersion != "2.0" {
		return nil, fmt.Errorf("batch: invocationSchemaVersion %q is not 1.0 or 2.0", ev.SchemaVersion)
	}

	// Arguments are the same for every task: parse them once.
	a, argErr := h.parse(ev.Job.UserArguments)
	if argErr != nil {
		argErr = &markedError{PermanentFailure, fmt.Errorf("invalid user arguments: %s", strings.ReplaceAll(argErr.Error(), "\n", "; ")), ReasonArguments}
	}
	r.start = h.clock.now()
	ctx, cancel := h.softDeadline(ctx, r.start)
	defer cancel()

	r.ctx, r.a, r.argErr = ctx, a, argErr
	if n := len(ev.Tasks); n <= len(r.firstResult) {
		r.results = r.firstResult[:n]
	} else {
		r.results = make([]result, n)
	}
	r.inv = invocation{jobID: ev.Job.ID, args: ev.Job.UserArguments, durations: r.durations[:0]}
	h.answerAll(ctx, r)
	resp := response{
		InvocationID:            ev.InvocationID,
		InvocationSchemaVersion: ev.SchemaVersion,
		Results:                 r.results,
		TreatMissingKeysAs:      h.cfg.TreatMissingKeysAs,
	}
	if h.metrics != nil {
		var buf [512]byte
		h.metrics.Write(appendEMF(buf[:0], h.cfg.MetricsNamespace, h.function, h.clock.now(), &r.inv))
	}
	return resp.appendJSON(make([]byte, 0, 256+128*len(resp.Results))), nil
}

// newTask decodes one task of ev. An error fails that task permanently.
func newTask(ev *event, t *eventTask) (Task, error) {
	task := Task{
		Bucket:        t.S3Bucket,
		BucketARN:     t.S3BucketARN,
		ID:            t.TaskID,
		InvocationID:  ev.InvocationID,
		JobID:         ev.Job.ID,
		RawKey:        t.S3Key,
		SchemaVersion: ev.SchemaVersion,
	}
	if t.S3VersionID != nil {
		task.VersionID = *t.S3VersionID
	}
	// A bucket ARN ends with the name after its last colon, in every partition
	// and also in the malformed ARNs of older AWS samples.
	if task.Bucket == "" {
		task.Bucket = t.S3BucketARN[strings.LastIndexByte(t.S3BucketARN, ':')+1:]
	}
	if task.Bucket == "" {
		return task, invalidTask(errors.New("the task has no s3Bucket or s3BucketArn"))
	}
	if t.S3Key == "" {
		return task, invalidTask(errors.New("the task has no s3Key"))
	}
	key, err := url.QueryUnescape(t.S3Key)
	if err != nil {
		return task, invalidTask(fmt.Errorf("s3Key %q is not URL-encoded: %w", t.S3Key, err))
	}
	task.Key = key
	return task, nil
}

// invalidTask marks err, a problem with the event's task, permanent.
func invalidTask(err error) error { return &markedError{PermanentFailure, err, ReasonTask} }

// ErrSoftDeadline is the cause of the context of a task the handler stopped
// waiting for, near the invocation's deadline.
var ErrSoftDeadline = errors.New("the invocation's soft deadline passed")

// clock is where the soft deadline takes the time and sets its timer. It is
// systemClock in production; a test replaces it to check the deadline the
// handler asks for and to end a task's context when the test chooses, rather
// than racing a timer on a busy machine.
type clock struct {
	now          func() time.Time
	withDeadline func(context.Context, time.Time, error) (context.Context, context.CancelFunc)
}

var systemClock = clock{time.Now, context.WithDeadlineCause}

// softDeadline returns ctx ending at softDeadlineAt its deadline, at now.
func (h *Handler[A]) softDeadline(ctx context.Context, now time.Time) (context.Context, context.CancelFunc) {
	d, ok := ctx.Deadline()
	if !ok {
		return context.WithCancel(ctx)
	}
	at := softDeadlineAt(d, now, h.cfg.SoftDeadlineMargin)
	return h.clock.withDeadline(ctx, at, ErrSoftDeadline)
}

// softDeadlineAt returns when the handler stops waiting for the tasks of an
// invocation that must end by deadline, at now: margin before the deadline,
// or a fifth of the time left if that is less.
func softDeadlineAt(deadline, now time.Time, margin time.Duration) time.Time {
	return deadline.Add(-min(margin, deadline.Sub(now)/5))
}

// invocationRun is one invocation's tasks and their results. A worker
// answers the tasks in order; when the soft deadline passes first, Invoke
// answers those left and the worker stops at its next result.
type invocationRun[A any] struct {
	ctx     context.Context
	ev      event
	a       A
	argErr  error // the arguments did not parse: every task fails with it
	results []result
	inv     invocation
	start   time.Time // when Invoke began: the first task starts then
	// durations backs inv.durations: most invocations have one task.
	durations [4]float64
	// Most invocations have one task: these hold it, its result and its
	// context, so that it costs no allocations of its own.
	firstTask    [1]eventTask
	firstResult  [1]result
	firstContext taskContext
	dec          decoder

	mu        sync.Mutex
	answered  int  // results[:answered] are the worker's
	abandoned bool // Invoke answers the rest; the worker stops
}

// answerAll answers every task of r. When ctx has a deadline, the tasks
// run on a worker goroutine, handed the whole invocation at once, and
// answerAll stops waiting when ctx ends: the task running then and those
// not started are TemporaryFailures, even if the function ignores ctx. The
// worker is kept for the next invocation, so that an invocation costs no
// new goroutine; one left behind on a task that overran ends when the
// function returns.
func (h *Handler[A]) answerAll(ctx context.Context, r *invocationRun[A]) {
	if _, ok := ctx.Deadline(); !ok {
		h.work(r)
		return
	}
	w := h.takeWorker()
	w.jobs <- r
	select {
	case <-w.done:
		h.putWorker(w)
		return
	case <-ctx.Done():
	}
	r.mu.Lock()
	r.abandoned = true
	n := r.answered
	r.mu.Unlock()
	close(w.jobs) // the worker ends once the function returns
	cause := context.Cause(ctx)
	now := h.clock.now()
	for i := n; i < len(r.results); i++ {
		late := fmt.Errorf("not started: %w", cause)
		if i == n {
			late = fmt.Errorf("the task did not finish in time: %w", cause)
		}
		h.answer(r, i, late, now)
	}
}

// work answers r's tasks in order. It reports false when Invoke stopped
// waiting for them.
func (h *Handler[A]) work(r *invocationRun[A]) bool {
	for i := range r.results {
		start := r.start // Invoke's reading, for the first task
		if i > 0 {
			start = h.clock.now()
		}
		if !h.answer(r, i, nil, start) {
			return false
		}
	}
	return true
}

// answer answers task i of r, started at start: it runs the function on it
// or, when late is not nil, answers it with late, the reason Invoke stopped
// waiting. On the worker (late nil) it reports false, recording nothing,
// once Invoke has answered the remaining tasks itself.
func (h *Handler[A]) answer(r *invocationRun[A], i int, late error, start time.Time) bool {
	ctx := r.ctx
	task, err := newTask(&r.ev, &r.ev.Tasks[i])
	var out string
	if err == nil {
		err = r.argErr
	}
	switch {
	case err != nil:
	case late != nil:
		err = late
	case ctx.Err() != nil:
		err = fmt.Errorf("not started: %w", context.Cause(ctx))
	default:
		tc := &r.firstContext
		if i > 0 {
			tc = new(taskContext)
		}
		*tc = taskContext{ctx, h.log, task}
		out, err = h.call(tc, task, r.a)
	}
	if err != nil {
		out = errorString(err)
	}
	code, reason := h.cfg.classify(ctx, err)
	res := result{ResultCode: code, ResultString: truncate(out, MaxResultLength), TaskID: task.ID}
	end := start
	if late == nil {
		end = h.clock.now()
	}
	took := end.Sub(start)
	if late == nil {
		r.mu.Lock()
		if r.abandoned {
			r.mu.Unlock()
			return false
		}
		r.results[i] = res
		r.inv.add(code, took)
		r.answered = i + 1
		r.mu.Unlock()
	} else {
		r.results[i] = res
		r.inv.add(code, took)
	}
	h.logTask(ctx, &r.inv, &task, code, reason, err, took)
	return true
}

// worker is a goroutine that answers invocations, one at a time.
type worker[A any] struct {
	jobs chan *invocationRun[A]
	done chan struct{} // buffered: a late signal never blocks
}

// takeWorker returns the idle worker, or starts one.
func (h *Handler[A]) takeWorker() *worker[A] {
	h.mu.Lock()
	w := h.idle
	h.idle = nil
	h.mu.Unlock()
	if w == nil {
		w = &worker[A]{
			done: make(chan struct{}, 1),
			jobs: make(chan *invocationRun[A]),
		}
		go func() {
			for r := range w.jobs {
				if h.work(r) {
					w.done <- struct{}{}
				}
			}
		}()
	}
	return w
}

// putWorker keeps w for the next invocation, or ends it when another is
// idle.
func (h *Handler[A]) putWorker(w *worker[A]) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.idle != nil {
		close(w.jobs)
		return
	}
	h.idle = w
}

// call calls the function, turning a panic into a PermanentFailure of this
// task alone: a panic that left Invoke would end the execution environment.
func (h *Handler[A]) call(ctx context.Context, task Task, a A) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			// The task's log line carries the stack.
			out, err = "", recovered(r)
		}
	}()
	return h.process(ctx, task, a)
}

// appendJSON appends r as S3 Batch Operations reads it.
func (r *response) appendJSON(b []byte) []byte {
	b = append(b, "{\"invocationSchemaVersion\":"...)
	b = appendString(b, r.InvocationSchemaVersion)
	b = append(b, ",\"treatMissingKeysAs\":"...)
	b = appendString(b, string(r.TreatMissingKeysAs))
	b = append(b, ",\"invocationId\":"...)
	b = appendString(b, r.InvocationID)
	b = append(b, ",\"results\":["...)
	for i, res := range r.Results {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "{\"taskId\":"...)
		b = appendString(b, res.TaskID)
		b = append(b, ",\"resultCode\":"...)
		b = appendString(b, string(res.ResultCode))
		b = append(b, ",\"resultString\":"...)
		b = appendString(b, res.ResultString)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// appendString appends s as a JSON string. s is valid UTF-8: it was decoded
// by encoding/json, or made valid by truncate.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := skipPlain(s, 0); i < len(s); i = skipPlain(s, i) {
		c := s[i]
		i++
		if c >= utf8.RuneSelf {
			continue // UTF-8 is written as it is
		}
		b = append(b, s[start:i-1]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, "\\n"...)
		case '\r':
			b = append(b, "\\r"...)
		case '\t':
			b = append(b, "\\t"...)
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		}
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hex = "0123456789abcdef"
