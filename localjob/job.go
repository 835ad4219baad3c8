package localjob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"sync"
	"sync/atomic"
	"time"

	"github.com/s3batchops/scaffold/internal/s3rules"
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
	Backoff time.Duration
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
func (s Stats) FailedTotal() int {
	n := 0
	for _, c := range s.Failed {
		n += c
	}
	return n
}

// Result is a task's final outcome, as the report records it.
type Result struct {
	Task
	Code    string // Succeeded, TemporaryFailure or PermanentFailure
	Message string
}

// ErrJobFailed is returned when more than half the tasks failed, once at
// least 1,000 have run: S3 then fails the job.
var ErrJobFailed = errors.New("the job failed: more than 50% of at least 1,000 tasks failed")

// Run runs the tasks and passes each result to record, from one goroutine
// at a time. It stops when ctx ends (returning its error) or when the job
// fails, with the results so far recorded.
func Run(ctx context.Context, cfg Config, tasks iter.Seq2[Task, error], record func(Result) error) (Stats, error) {
	start := time.Now()
	if cfg.JobID == "" {
		cfg.JobID = NewJobID()
	}
	stats := Stats{JobID: cfg.JobID, Failed: map[string]int{}}
	if cfg.Concurrency < 1 {
		cfg.Concurrency = 1
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	work := make(chan Task)
	results := make(chan Result)
	var redrives atomic.Int64
	var wg sync.WaitGroup
	var startErr error
	for range cfg.Concurrency {
		w, err := newWorker(&cfg)
		if err != nil {
			startErr = err
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer w.close()
			for t := range work {
				r, err := runTask(ctx, w, &cfg, stats.JobID, t, &redrives)
				if err != nil {
					cancel(err)
					return
				}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	// Feed the tasks, streamed from the manifest.
	var feedErr error
	go func() {
		defer close(work)
		if startErr != nil {
			return
		}
		for t, err := range tasks {
			if err != nil {
				feedErr = err
				cancel(err)
				return
			}
			select {
			case work <- t:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	var runErr error
	for r := range results {
		if runErr != nil {
			continue // drain
		}
		stats.Tasks++
		if r.Code == Succeeded {
			stats.Succeeded++
		} else {
			stats.Failed[r.Code]++
		}
		stats.Redrives = int(redrives.Load())
		if err := record(r); err != nil {
			runErr = err
			cancel(err)
			continue
		}
		if cfg.Progress != nil {
			cfg.Progress(stats)
		}
		if stats.Tasks >= 1000 && stats.FailedTotal()*2 > stats.Tasks {
			runErr = ErrJobFailed
			cancel(ErrJobFailed)
		}
	}
	stats.Redrives = int(redrives.Load())
	stats.Duration = time.Since(start)
	switch {
	case startErr != nil:
		return stats, startErr
	case runErr != nil:
		return stats, runErr
	case feedErr != nil:
		return stats, feedErr
	}
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return stats, err
	}
	return stats, ctx.Err()
}

// runTask runs one task, redriving a TemporaryFailure with backoff.
func runTask(ctx context.Context, w *worker, cfg *Config, jobID string, t Task, redrives *atomic.Int64) (Result, error) {
	if msg := refusal(t); msg != "" {
		// S3 fails such a task without invoking the function.
		return Result{Task: t, Code: PermanentFailure, Message: msg}, nil
	}
	backoff := cfg.Backoff
	for attempt := 1; ; attempt++ {
		payload, taskID, err := newEvent(cfg.SchemaVersion, jobID, cfg.UserArguments, t)
		if err != nil {
			return Result{}, err
		}
		if len(payload) > s3rules.MaxEventBytes {
			// Lambda refuses the invocation; the function never sees it.
			return Result{Task: t, Code: PermanentFailure, Message: fmt.Sprintf("RequestEntityTooLargeException: Request must be smaller than %d bytes for the InvokeFunction operation (the event is %d bytes; Lambda's limit is MaxEventBytes)", s3rules.MaxEventBytes, len(payload))}, nil
		}
		o, err := w.invoke(ctx, payload, taskID)
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", t.Line, err)
		}
		if o.code != TemporaryFailure || attempt > cfg.MaxRedrives {
			return Result{Task: t, Code: o.code, Message: o.message}, nil
		}
		redrives.Add(1)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return Result{}, ctx.Err()
		}
		backoff *= 2
	}
}

// NewJobID returns a fresh job id, shaped as S3's are.
func NewJobID() string { return randomUUID() }
