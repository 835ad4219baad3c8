package localjob

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"sync"
	"time"
)

// Config is how to run a job.
type Config struct {
	// Bootstrap is the function's executable, built for this machine.
	Bootstrap    string
	FunctionName string
	// Env holds KEY=VALUE pairs the function's processes get besides
	// the Lambda runtime's own.
	Env []string
	// Logs receives the processes' output; nil discards it.
	Logs io.Writer
	// Metrics, when set, adds up the metrics lines in the processes' output.
	Metrics *MetricTotals

	SchemaVersion string            // "1.0" or "2.0"
	UserArguments map[string]string // schema 2.0 only
	Concurrency   int               // processes, each with one invocation in flight
	Timeout       time.Duration     // the function's timeout
	// MemoryMB is the function's memory, in MB: 512, the template's
	// default, when 0. It sizes each process (WorkerProcs).
	MemoryMB int
	// MaxRedrives is how many more attempts a TemporaryFailure gets.
	MaxRedrives int
	// Backoff is the wait before the first redrive; it doubles after each.
	// A task waiting for its redrive holds no worker: the others go on.
	Backoff time.Duration
	// Clock times the redrives' backoff; the wall clock when nil. Tests
	// replace it so that no outcome waits on real time.
	Clock Clock
	// Progress, when set, is called with the counts as tasks finish.
	Progress func(Stats)
	// JobID names the job in events and the report; a fresh one when "".
	JobID string
}

func (c *Config) memoryMB() int {
	if c.MemoryMB <= 0 {
		return 512
	}
	return c.MemoryMB
}

func (c *Config) functionARN() string {
	return "arn:aws:lambda:us-east-1:000000000000:function:" + c.FunctionName
}

// Stats are a job's counts.
type Stats struct {
	JobID     string
	Tasks     int // finished
	Succeeded int
	Failed    map[string]int // by result code
	Redrives  int
	Duration  time.Duration
}

// FailedTotal is the number of failed tasks.
func (s Stats) FailedTotal() int { return s.Tasks - s.Succeeded }

// Result is a task's final outcome, as the report records it.
type Result struct {
	Task
	Code    string // Succeeded, TemporaryFailure or PermanentFailure
	Message string
}

// ErrJobFailed is returned when more than half the tasks failed, once at
// least 1,000 have run: S3 then fails the job.
var ErrJobFailed = errors.New("the job failed: more than 50% of at least 1,000 tasks failed")

// Clock is the time source of a job's redrives.
type Clock interface {
	// After returns a channel that receives once d has passed.
	After(d time.Duration) <-chan time.Time
}

type wallClock struct{}

func (wallClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// attempt is one invocation of a task: its first (n = 1) or a redrive.
type attempt struct {
	task Task
	n    int
}

// Run runs the tasks and passes each result to record, from one goroutine
// at a time. It stops when ctx ends (returning its error) or when the job
// fails, with the results so far recorded.
//
// Run's goroutine is the dispatcher: it hands the workers the manifest's
// tasks and the redrives that are due, and records the results they send
// back; a TemporaryFailure to redrive comes back to it, to wait for its
// backoff on cfg.Clock without holding a worker.
func Run(ctx context.Context, cfg Config, tasks iter.Seq2[Task, error], record func(Result) error) (Stats, error) {
	start := time.Now()
	if cfg.JobID == "" {
		cfg.JobID = NewJobID()
	}
	if cfg.Clock == nil {
		cfg.Clock = wallClock{}
	}
	if cfg.Concurrency < 1 {
		cfg.Concurrency = 1
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	enc, err := newEventEncoder(cfg.SchemaVersion, cfg.JobID, cfg.UserArguments)
	if err != nil {
		return Stats{JobID: cfg.JobID}, err
	}
	d := &dispatcher{
		cfg: &cfg, record: record,
		work: make(chan attempt), redrive: make(chan attempt), results: make(chan Result), due: make(chan attempt),
		stats: Stats{JobID: cfg.JobID, Failed: map[string]int{}},
	}
	var wg sync.WaitGroup
	var startErr error
	for range cfg.Concurrency {
		w, err := newWorker(&cfg)
		if err != nil {
			startErr = err
			break
		}
		wg.Go(func() {
			defer w.close()
			d.runWorker(ctx, cancel, w, enc)
		})
	}
	var feedErr error
	if startErr == nil {
		if feedErr = d.dispatch(ctx, tasks); feedErr != nil {
			cancel(feedErr)
		}
	}
	close(d.work)
	// Workers still busy when the job stops give up once ctx ends; when
	// every task is done they are waiting for work, and end with d.work.
	if err := cmp.Or(startErr, d.err); err != nil {
		cancel(err)
	}
	wg.Wait()
	stats := d.stats
	stats.Duration = time.Since(start)
	switch {
	case startErr != nil:
		return stats, startErr
	case d.err != nil:
		return stats, d.err
	case feedErr != nil:
		return stats, feedErr
	}
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return stats, err
	}
	return stats, ctx.Err()
}

// dispatcher feeds the workers, the manifest's tasks streamed and the
// redrives whose backoff has passed first, and records their results.
type dispatcher struct {
	cfg     *Config
	record  func(Result) error
	work    chan attempt // to the workers
	redrive chan attempt // from the workers: a task to redrive
	results chan Result  // from the workers: a task is done
	due     chan attempt // from the backoff timers

	stats Stats
	err   error // record's error, or ErrJobFailed: the job stops
}

// dispatch runs until every task is done, or ctx ends, or the job stops,
// and returns the manifest's error, if any.
func (d *dispatcher) dispatch(ctx context.Context, tasks iter.Seq2[Task, error]) error {
	next, stop := iter.Pull2(tasks)
	defer stop()
	var ready []attempt // redrives whose backoff has passed
	inFlight, waiting := 0, 0
	manifestDone := false
	var pending *attempt // the next manifest task, not yet handed over
	for d.err == nil {
		if pending == nil && !manifestDone {
			t, err, ok := next()
			switch {
			case !ok:
				manifestDone = true
			case err != nil:
				return err
			default:
				pending = &attempt{task: t, n: 1}
			}
		}
		if manifestDone && pending == nil && len(ready) == 0 && inFlight == 0 && waiting == 0 {
			return nil
		}
		// Redrives first: they were in the manifest before the tasks left.
		var out chan attempt
		var give attempt
		switch {
		case len(ready) > 0:
			out, give = d.work, ready[0]
		case pending != nil:
			out, give = d.work, *pending
		}
		select {
		case out <- give:
			inFlight++
			if len(ready) > 0 {
				ready = ready[1:]
			} else {
				pending = nil
			}
		case a := <-d.redrive:
			inFlight--
			waiting++
			d.stats.Redrives++
			go d.wait(ctx, a)
		case a := <-d.due:
			waiting--
			ready = append(ready, a)
		case r := <-d.results:
			inFlight--
			d.add(r)
		case <-ctx.Done():
			return nil
		}
	}
	return nil
}

// add counts and records r. An error of record's, or more than half of at
// least 1,000 tasks failed, stops the job.
func (d *dispatcher) add(r Result) {
	s := &d.stats
	s.Tasks++
	if r.Code == Succeeded {
		s.Succeeded++
	} else {
		s.Failed[r.Code]++
	}
	if err := d.record(r); err != nil {
		d.err = err
		return
	}
	if d.cfg.Progress != nil {
		d.cfg.Progress(*s)
	}
	if s.Tasks >= 1000 && s.FailedTotal()*2 > s.Tasks {
		d.err = ErrJobFailed
	}
}

// MaxBackoff caps the wait before a redrive: the backoff doubles after each
// one, and would otherwise reach days (or overflow into no wait at all).
const MaxBackoff = time.Minute

// wait hands a back to the dispatcher once its backoff has passed: the
// backoff doubles after each redrive, up to MaxBackoff.
func (d *dispatcher) wait(ctx context.Context, a attempt) {
	backoff := d.cfg.Backoff << min(a.n-1, 30)
	if backoff <= 0 || backoff > MaxBackoff {
		backoff = MaxBackoff
	}
	select {
	case <-d.cfg.Clock.After(backoff):
	case <-ctx.Done():
		return
	}
	a.n++
	select {
	case d.due <- a:
	case <-ctx.Done():
	}
}

// runWorker runs the attempts it is handed on w and sends each result
// back, or the attempt itself when it is a TemporaryFailure with redrives
// left. Once an attempt is answered, the next one, if one is waiting, is
// offered to the process before the answer is sent back: the process asks
// for its next event as soon as it has posted, and finds it ready.
func (d *dispatcher) runWorker(ctx context.Context, cancel context.CancelCauseFunc, w *worker, enc *eventEncoder) {
	c, err := d.take(w, enc, true)
	for c != nil && err == nil {
		o, ferr := w.finish(ctx, c)
		if ferr != nil {
			cancel(fmt.Errorf("%s: %w", c.task.Line, ferr))
			return
		}
		var next *call
		next, err = d.take(w, enc, false)
		var sent bool
		if o.code == TemporaryFailure && c.n <= d.cfg.MaxRedrives {
			sent = trySend(ctx, d.redrive, c.attempt)
		} else {
			sent = trySend(ctx, d.results, Result{Task: c.task, Code: o.code, Message: o.message})
		}
		if !sent {
			return
		}
		if c = next; c == nil && err == nil {
			c, err = d.take(w, enc, true)
		}
	}
	if err != nil {
		cancel(err)
	}
}

// take takes the next attempt and begins it on w: when wait is false, only
// if one is ready. It returns nil when there is none (or no more).
func (d *dispatcher) take(w *worker, enc *eventEncoder, wait bool) (*call, error) {
	var a attempt
	var ok bool
	if wait {
		a, ok = <-d.work
	} else {
		select {
		case a, ok = <-d.work:
		default:
		}
	}
	if !ok {
		return nil, nil
	}
	return w.begin(enc, a)
}

// trySend sends v on ch, and reports false when ctx ended first.
func trySend[T any](ctx context.Context, ch chan<- T, v T) bool {
	select {
	case ch <- v:
		return true
	case <-ctx.Done():
		return false
	}
}

// NewJobID returns a fresh job id, shaped as S3's are.
func NewJobID() string { return randomUUID() }
