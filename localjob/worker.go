package localjob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"time"

	"github.com/s3batchops/scaffold/internal/s3rules"
)

// WorkerProcs is the GOMAXPROCS of each of concurrency bootstrap processes
// emulating a function of memoryMB, so that each runs like the Lambda it
// stands for: Lambda gives a function one vCPU per 1,769 MB (a share of
// one below that, 6 at most at 10,240 MB), and the processes share this
// machine's cores (runtime.NumCPU() / concurrency); never less than 1.
// A Go program left to itself would use every core of this machine, and
// its goroutines would wake each other across them.
func WorkerProcs(memoryMB, concurrency int) int {
	vcpus := min(6, (memoryMB+1768)/1769)
	share := runtime.NumCPU() / max(1, concurrency)
	return max(1, min(vcpus, share))
}

// worker is one bootstrap process and the Runtime API server it talks to.
// It has one invocation in flight at a time, as a Lambda execution
// environment does. A process that overruns the timeout is killed and
// started again; so is one that exits.
type worker struct {
	cfg    *Config
	server *runtimeServer
	cmd    *exec.Cmd
	exited chan error  // the process's exit, once
	timer  *time.Timer // an invocation's timeout, reset for each
	// served is set once the process has answered an invocation: after
	// that, an exit without taking the next one is between invocations.
	served bool
}

func newWorker(cfg *Config) (*worker, error) {
	s, err := newRuntimeServer(cfg.functionARN())
	if err != nil {
		return nil, err
	}
	w := &worker{cfg: cfg, server: s, timer: time.NewTimer(time.Hour)}
	w.timer.Stop()
	if err := w.start(); err != nil {
		s.close()
		return nil, err
	}
	return w, nil
}

// start starts the bootstrap process.
func (w *worker) start() error {
	w.server.renew()
	cmd := exec.Command(w.cfg.Bootstrap)
	cmd.Env = append(os.Environ(),
		"AWS_LAMBDA_RUNTIME_API="+w.server.addr,
		"AWS_LAMBDA_FUNCTION_NAME="+w.cfg.FunctionName,
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE="+strconv.Itoa(w.cfg.memoryMB()),
		"_HANDLER=bootstrap",
		"GOMAXPROCS="+strconv.Itoa(WorkerProcs(w.cfg.memoryMB(), w.cfg.Concurrency)),
	)
	cmd.Env = append(cmd.Env, w.cfg.Env...)
	if w.cfg.Logs != nil {
		cmd.Stdout, cmd.Stderr = w.cfg.Logs, w.cfg.Logs
	}
	if w.cfg.Metrics != nil {
		// The runtime writes its metrics lines to stdout.
		out := io.Writer(w.cfg.Metrics.Writer())
		if w.cfg.Logs != nil {
			out = io.MultiWriter(w.cfg.Logs, out)
		}
		cmd.Stdout = out
	}
	ownProcessGroup(cmd)
	// Wait returns once the bootstrap has exited even when a process it
	// left behind still holds its output (the group is killed anyway).
	cmd.WaitDelay = waitDelay
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", w.cfg.Bootstrap, err)
	}
	w.cmd = cmd
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	w.exited = exited
	w.served = false
	return nil
}

// restart kills the process, if it still runs, and starts another.
func (w *worker) restart() error {
	w.kill()
	return w.start()
}

// waitDelay is how long Wait waits, after the bootstrap exited, for its
// output to be closed by processes it left behind.
const waitDelay = time.Second

// kill kills the process this worker started, with every process it
// started in turn (its process group), and waits for it.
func (w *worker) kill() {
	if w.cmd == nil {
		return
	}
	killGroup(w.cmd)
	<-w.exited
	w.cmd = nil
}

func (w *worker) close() {
	w.kill()
	w.server.close()
}

// call is one attempt at a task on a worker: the invocation offered to
// the process, or the outcome decided without invoking the function.
type call struct {
	attempt
	inv     *invocation // nil when decided
	taskID  string
	decided outcome
}

// begin starts an attempt: it builds the event, offers it to the process
// and starts the timeout. An attempt S3 would fail without invoking the
// function is decided at once.
func (w *worker) begin(enc *eventEncoder, a attempt) (*call, error) {
	c := &call{attempt: a}
	if msg := refusal(a.task); msg != "" {
		// S3 fails such a task without invoking the function.
		c.decided = outcome{PermanentFailure, msg}
		return c, nil
	}
	payload, taskID, err := enc.encode(a.task)
	if err != nil {
		return nil, err
	}
	if len(payload) > s3rules.MaxEventBytes {
		// Lambda refuses the invocation; the function never sees it.
		c.decided = outcome{PermanentFailure, fmt.Sprintf("RequestEntityTooLargeException: Request must be smaller than %d bytes for the InvokeFunction operation (the event is %d bytes; Lambda's limit is MaxEventBytes)", s3rules.MaxEventBytes, len(payload))}
		return c, nil
	}
	c.inv, c.taskID = w.offer(payload), taskID
	return c, nil
}

// offer offers the process an invocation of payload and starts its
// timeout.
func (w *worker) offer(payload []byte) *invocation {
	inv := &invocation{id: randomUUID(), payload: payload, deadline: time.Now().Add(w.cfg.Timeout), done: make(chan reply, 1)}
	w.timer.Reset(w.cfg.Timeout)
	w.server.offer(inv)
	return inv
}

// finish waits for c's answer and returns what S3 would make of it. The
// process's exit, the timeout or the end of the job cuts it short, but an
// answer already posted wins over either: the worker may come to finish
// late (it offers the next event before it reports the last), and the
// process may answer and then exit.
//
// A process that exits after answering, without taking c's invocation, has
// exited between invocations: Lambda would start a new execution
// environment for the next one, and so does the worker, offering it the
// invocation again; only an exit during an invocation, or before the
// process ever answered (its initialisation failed), is c's.
func (w *worker) finish(ctx context.Context, c *call) (outcome, error) {
	if c.inv == nil {
		return c.decided, nil
	}
	defer w.timer.Stop()
	for {
		select {
		case r := <-c.inv.done:
			w.served = true
			return r.outcome(c.taskID), nil
		case err := <-w.exited:
			// Before taking it: an init error or a crash; after: a crash.
			w.exited = closedWith(err)
			if r, ok := answered(c.inv); ok {
				w.served = true
				return r.outcome(c.taskID), nil
			}
			if w.served && w.server.reclaim(c.inv) {
				if err := w.restart(); err != nil {
					return outcome{}, err
				}
				c.inv = w.offer(c.inv.payload)
				continue
			}
			return w.crashed(c.inv, err)
		case <-w.timer.C:
			if r, ok := answered(c.inv); ok {
				w.served = true
				return r.outcome(c.taskID), nil
			}
			return w.timedOut(c.inv)
		case <-ctx.Done():
			return outcome{}, ctx.Err()
		}
	}
}

// answered returns inv's answer if it has been posted.
func answered(inv *invocation) (reply, bool) {
	select {
	case r := <-inv.done:
		return r, true
	default:
		return reply{}, false
	}
}

// outcome is what S3 makes of r, the answer for the task taskID.
func (r reply) outcome(taskID string) outcome {
	if r.isError {
		return functionError(r.errType, r.errMsg)
	}
	return readResponse(r.response, taskID)
}

// closedWith is a channel that gives err at once, as exited does for a
// process that has already ended.
func closedWith(err error) chan error {
	c := make(chan error, 1)
	c <- err
	return c
}

// timedOut records a timeout as AWS does, and starts a fresh process.
func (w *worker) timedOut(inv *invocation) (outcome, error) {
	w.server.withdraw(inv) // never answered: its payload goes with it
	if err := w.restart(); err != nil {
		return outcome{}, err
	}
	return functionError("Sandbox.Timedout", fmt.Sprintf("RequestId: %s Error: Task timed out after %.2f seconds", inv.id, w.cfg.Timeout.Seconds())), nil
}

// crashed records a process that exited mid-invocation, and starts a
// fresh one.
func (w *worker) crashed(inv *invocation, exitErr error) (outcome, error) {
	w.server.withdraw(inv)
	msg := "Runtime exited without providing a reason"
	var ee *exec.ExitError
	if errors.As(exitErr, &ee) {
		msg = "Runtime exited with error: " + ee.ProcessState.String()
	}
	select {
	case r := <-w.server.initErr:
		msg = r.errMsg
	default:
	}
	if err := w.restart(); err != nil {
		return outcome{}, err
	}
	return functionError("Runtime.ExitError", fmt.Sprintf("RequestId: %s Error: %s", inv.id, msg)), nil
}

// randomUUID is a random version 4 UUID, as Lambda's request ids are.
func randomUUID() string {
	h := randomHex(32)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}
