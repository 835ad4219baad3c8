package app

// countTasks counts the manifest's tasks before the run, and the keys that
// are not URL-encoded (a raw space or non-ASCII character), which scaffold
// run warns about.

import (
	"iter"
	"testing"

	"github.com/s3batchops/scaffold/localjob"
)

func TestCountTasks(t *testing.T) {
	keys := []string{"photos/cat+1%2B2.jpg", "photos/cat 1.jpg", "caf%C3%A9", "café", "a+b"}
	var tasks iter.Seq2[localjob.Task, error] = func(yield func(localjob.Task, error) bool) {
		for i, k := range keys {
			if !yield(localjob.Task{Bucket: "b", Key: k, Line: "m.csv:" + string(rune('1'+i))}, nil) {
				return
			}
		}
	}
	n, u, err := countTasks(tasks)
	if err != nil || n != 5 || u.n != 2 || u.first != "m.csv:2" {
		t.Errorf("countTasks = %d, %+v, %v; want 5 tasks, 2 unencoded keys from m.csv:2", n, u, err)
	}
}
