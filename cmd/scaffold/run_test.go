package main

// progressLine is what scaffold run prints, outside a terminal, every few
// seconds: the total from the manifest counted first, the counts by
// outcome, the rate and what is left, from the elapsed time it is given.

import (
	"testing"
	"time"

	"github.com/s3batchops/scaffold/localjob"
)

func TestProgressLine(t *testing.T) {
	for _, c := range []struct {
		stats   localjob.Stats
		total   int
		elapsed time.Duration
		want    string
	}{
		{localjob.Stats{}, 300, 0, "0/300 tasks (0%): 0 succeeded, 0 failed"},
		{localjob.Stats{Tasks: 40, Succeeded: 38, Failed: map[string]int{localjob.PermanentFailure: 2}}, 300, 5 * time.Second,
			"40/300 tasks (13%): 38 succeeded, 2 failed; 8 tasks/s, about 33s left"},
		{localjob.Stats{Tasks: 300, Succeeded: 300}, 300, time.Minute, "300/300 tasks (100%): 300 succeeded, 0 failed; 5 tasks/s, about 0s left"},
	} {
		if got := progressLine(c.stats, c.total, c.elapsed); got != c.want {
			t.Errorf("progressLine(%+v, %d, %v) =\n%q, want\n%q", c.stats, c.total, c.elapsed, got, c.want)
		}
	}
}
