package localjob

// Redrives are scheduled, not slept in a worker: tasks that keep failing
// temporarily wait for their backoff on the job's clock while the worker
// runs the other tasks. The test's clock fires only when the test says,
// so nothing here waits on real time.

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

// manualClock records each wait and fires it only when told.
type manualClock struct {
	mu    sync.Mutex
	waits []time.Duration
	fire  chan chan time.Time // each wait's channel, in the order asked
}

func (c *manualClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.fire <- ch
	return ch
}

func TestRedrivesDoNotHoldWorkers(t *testing.T) {
	const fast, temp = 100, 4
	clock := &manualClock{fire: make(chan chan time.Time, 64)}
	cfg := fakeConfig(t)
	cfg.MaxRedrives, cfg.Backoff, cfg.Clock = 2, time.Second, clock
	var tasks []Task
	for i := range temp + fast {
		key := fmt.Sprintf("fast-%d", i)
		if i < temp {
			key = fmt.Sprintf("temp-%d", i) // first in the manifest
		}
		tasks = append(tasks, Task{Bucket: "my-bucket", Key: key, Line: fmt.Sprint(i + 1)})
	}
	seq := func(yield func(Task, error) bool) {
		for _, task := range tasks {
			if !yield(task, nil) {
				return
			}
		}
	}
	var results []Result
	fastDone := make(chan struct{})
	record := func(r Result) error {
		results = append(results, r)
		if r.Code == Succeeded && len(results) == fast {
			close(fastDone)
		}
		return nil
	}
	// With one worker, every fast task must finish while the four
	// temporary ones wait on a clock that has not moved.
	go func() {
		<-fastDone
		for ch := range clock.fire {
			ch <- time.Time{}
		}
	}()
	stats, err := Run(t.Context(), cfg, seq, record)
	close(clock.fire)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results[:fast] {
		if r.Code != Succeeded {
			t.Fatalf("result %d is %s %s (%s): a redrive ran before the fast tasks were done", i, r.Code, r.Key, r.Message)
		}
	}
	for _, r := range results[fast:] {
		if r.Code != TemporaryFailure || r.Key[:4] != "temp" {
			t.Errorf("result %+v, want the temp tasks' TemporaryFailure after their redrives", r)
		}
	}
	if stats.Redrives != temp*2 || stats.Succeeded != fast || stats.Failed[TemporaryFailure] != temp {
		t.Errorf("stats %+v, want %d redrives, %d succeeded, %d failed", stats, temp*2, fast, temp)
	}
	// The backoff doubles: 1s before each task's first redrive, 2s before
	// its second.
	slices.Sort(clock.waits)
	want := []time.Duration{time.Second, time.Second, time.Second, time.Second, 2 * time.Second, 2 * time.Second, 2 * time.Second, 2 * time.Second}
	if !slices.Equal(clock.waits, want) {
		t.Errorf("waits %v, want %v", clock.waits, want)
	}
}

// TestBackoffCapped: the wait before a redrive doubles, up to MaxBackoff,
// and never overflows into no wait at all, however many redrives.
func TestBackoffCapped(t *testing.T) {
	clock := &manualClock{fire: make(chan chan time.Time)}
	d := &dispatcher{cfg: &Config{Backoff: time.Second, Clock: clock}, due: make(chan attempt, 1)}
	for n, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 6: 32 * time.Second, 7: time.Minute, 36: time.Minute, 70: time.Minute} {
		go d.wait(t.Context(), attempt{n: n})
		fire := <-clock.fire
		clock.mu.Lock()
		got := clock.waits[len(clock.waits)-1]
		clock.mu.Unlock()
		if got != want {
			t.Errorf("redrive %d waits %v, want %v", n, got, want)
		}
		fire <- time.Time{}
		if a := <-d.due; a.n != n+1 {
			t.Errorf("redrive %d came back as attempt %d", n, a.n)
		}
	}
}
