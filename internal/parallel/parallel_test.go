package parallel

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100} {
		counts := make([]atomic.Int32, n)
		For(n, 4, func(i int) { counts[i].Add(1) })
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("n=%d: f(%d) called %d times", n, i, c)
			}
		}
	}
}

// TestForStartsInOrder: with one worker the indices run in order, the
// order Generate relies on to start its longest part first.
func TestForStartsInOrder(t *testing.T) {
	var got []int
	For(5, 1, func(i int) { got = append(got, i) })
	if !slices.Equal(got, []int{0, 1, 2, 3, 4}) {
		t.Errorf("order %v", got)
	}
}

// TestForBoundsWorkers: no more calls run at once than workers allows.
func TestForBoundsWorkers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var mu sync.Mutex
	running, most := 0, 0
	release := make(chan struct{})
	started := make(chan struct{}, 16)
	go func() {
		for range 2 {
			<-started // both workers are in f: let them go
		}
		close(release)
	}()
	For(16, 2, func(int) {
		mu.Lock()
		running++
		most = max(most, running)
		mu.Unlock()
		started <- struct{}{}
		<-release
		mu.Lock()
		running--
		mu.Unlock()
	})
	if most != 2 {
		t.Errorf("%d calls at once, want 2", most)
	}
}
