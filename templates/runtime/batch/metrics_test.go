package batch

// These tests check the embedded-metric-format line against golden lines
// and against the rules of the EMF specification
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// checkEMF fails t unless line is a valid EMF document: _aws.Timestamp a
// number of ms, each directive with a Namespace, Dimensions (at most 30
// names, each a string member) and Metrics (each with a Name, a Unit
// CloudWatch knows and a number or up to 100 numbers as a member), and no
// job ID as a dimension.
func checkEMF(t *testing.T, line string) map[string]any {
	t.Helper()
	if !strings.HasSuffix(line, "\n") || strings.Count(line, "\n") != 1 {
		t.Errorf("EMF %q is not one line", line)
	}
	var doc map[string]any
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("EMF %q: %v", line, err)
	}
	meta, ok := doc["_aws"].(map[string]any)
	if !ok {
		t.Fatalf("EMF %q has no _aws object", line)
	}
	if ts, ok := meta["Timestamp"].(json.Number); !ok || strings.ContainsAny(ts.String(), ".eE") {
		t.Errorf("_aws.Timestamp = %v, want an integer of ms", meta["Timestamp"])
	}
	directives, _ := meta["CloudWatchMetrics"].([]any)
	if len(directives) != 1 {
		t.Fatalf("CloudWatchMetrics = %v, want one directive", meta["CloudWatchMetrics"])
	}
	d := directives[0].(map[string]any)
	if ns, _ := d["Namespace"].(string); ns == "" {
		t.Errorf("Namespace = %v", d["Namespace"])
	}
	sets, _ := d["Dimensions"].([]any)
	for _, set := range sets {
		names := set.([]any)
		if len(names) > 30 {
			t.Errorf("a dimension set of %d names", len(names))
		}
		for _, n := range names {
			if n == "JobId" {
				t.Error("the job ID is a dimension")
			}
			if v, ok := doc[n.(string)].(string); !ok || v == "" {
				t.Errorf("dimension %v has no string value", n)
			}
		}
	}
	units := map[string]bool{"Count": true, "Milliseconds": true}
	for _, m := range d["Metrics"].([]any) {
		m := m.(map[string]any)
		name, _ := m["Name"].(string)
		if !units[m["Unit"].(string)] {
			t.Errorf("metric %s: unit %v", name, m["Unit"])
		}
		switch v := doc[name].(type) {
		case json.Number:
		case []any:
			if len(v) == 0 || len(v) > 100 {
				t.Errorf("metric %s has %d values, want 1 to 100", name, len(v))
			}
		default:
			t.Errorf("metric %s has no value: %v", name, v)
		}
	}
	return doc
}

var emfAt = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func TestEMFGoldenLines(t *testing.T) {
	for _, tc := range []struct {
		inv  invocation
		want string
	}{{
		invocation{jobID: "ry77cd60", counts: [3]int{1, 0, 0}, durations: []float64{12.5}},
		`{"_aws":{"Timestamp":1714564800000,"CloudWatchMetrics":[{"Namespace":"S3BatchOperations/copier","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"Succeeded","Unit":"Count"},{"Name":"TemporaryFailure","Unit":"Count"},{"Name":"PermanentFailure","Unit":"Count"},{"Name":"TaskDuration","Unit":"Milliseconds"}]}]},"FunctionName":"copier-Function-1A2B","JobId":"ry77cd60","Succeeded":1,"TemporaryFailure":0,"PermanentFailure":0,"TaskDuration":[12.5]}` + "\n",
	}, {
		invocation{jobID: "j\"1", counts: [3]int{1, 2, 3}, durations: []float64{1, 0.25, 3000, 7, 8, 9}},
		`{"_aws":{"Timestamp":1714564800000,"CloudWatchMetrics":[{"Namespace":"S3BatchOperations/copier","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"Succeeded","Unit":"Count"},{"Name":"TemporaryFailure","Unit":"Count"},{"Name":"PermanentFailure","Unit":"Count"},{"Name":"TaskDuration","Unit":"Milliseconds"}]}]},"FunctionName":"copier-Function-1A2B","JobId":"j\"1","Succeeded":1,"TemporaryFailure":2,"PermanentFailure":3,"TaskDuration":[1,0.25,3000,7,8,9]}` + "\n",
	}, {
		// No tasks: no TaskDuration, which would have no value.
		invocation{jobID: "j"},
		`{"_aws":{"Timestamp":1714564800000,"CloudWatchMetrics":[{"Namespace":"S3BatchOperations/copier","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"Succeeded","Unit":"Count"},{"Name":"TemporaryFailure","Unit":"Count"},{"Name":"PermanentFailure","Unit":"Count"}]}]},"FunctionName":"copier-Function-1A2B","JobId":"j","Succeeded":0,"TemporaryFailure":0,"PermanentFailure":0}` + "\n",
	}} {
		got := string(appendEMF(nil, "S3BatchOperations/copier", "copier-Function-1A2B", emfAt, &tc.inv))
		if got != tc.want {
			t.Errorf("EMF =\n%s\nwant\n%s", got, tc.want)
		}
		checkEMF(t, got)
	}
}

// TestInvocationMetrics: the handler writes one line per invocation, whose
// counts are the response's, at the injected clock's time.
func TestInvocationMetrics(t *testing.T) {
	var out bytes.Buffer
	cfg := testConfig
	cfg.Metrics, cfg.MetricsNamespace, cfg.MetricsOutput, cfg.FunctionName = true, "S3BatchOperations/test", &out, "test-fn"
	h := NewHandler(parseArgs, func(_ context.Context, task Task, _ args) (string, error) {
		switch task.Key {
		case "later":
			return "", Temporary(errors.New("later"))
		case "never":
			return "", errors.New("never")
		}
		return "ok", nil
	}, cfg)
	h.clock = stepClock(time.Millisecond)
	resp := invoke(t, h, event2(t, "a", "later", "never", "b"))
	// The clock is read at the start (the first task's), at each later
	// task's start, at each task's end (each task takes 1 ms) and for the
	// line: its ninth reading, 12:00:00.009.
	want := `{"_aws":{"Timestamp":1714564800009,"CloudWatchMetrics":[{"Namespace":"S3BatchOperations/test","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"Succeeded","Unit":"Count"},{"Name":"TemporaryFailure","Unit":"Count"},{"Name":"PermanentFailure","Unit":"Count"},{"Name":"TaskDuration","Unit":"Milliseconds"}]}]},"FunctionName":"test-fn","JobId":"j","Succeeded":2,"TemporaryFailure":1,"PermanentFailure":1,"TaskDuration":[1,1,1,1]}` + "\n"
	if out.String() != want {
		t.Errorf("EMF =\n%s\nwant\n%s", out.String(), want)
	}
	doc := checkEMF(t, out.String())
	counts := map[Code]int{}
	for _, r := range resp.Results {
		counts[r.ResultCode]++
	}
	for _, c := range []Code{Succeeded, TemporaryFailure, PermanentFailure} {
		if got := fmt.Sprint(doc[string(c)]); got != fmt.Sprint(counts[c]) {
			t.Errorf("%s = %s, the response has %d", c, got, counts[c])
		}
	}

	// Metrics off: nothing.
	out.Reset()
	cfg.Metrics = false
	invoke(t, NewHandler(parseArgs, func(context.Context, Task, args) (string, error) { return "ok", nil }, cfg), event2(t, "a"))
	if out.Len() != 0 {
		t.Errorf("metrics off, yet: %s", out.String())
	}
}

// TestManyTasksMetrics: TaskDuration keeps EMF's 100 values; the counts
// still count every task.
func TestManyTasksMetrics(t *testing.T) {
	var out bytes.Buffer
	cfg := testConfig
	cfg.Metrics, cfg.MetricsNamespace, cfg.MetricsOutput, cfg.FunctionName = true, "ns", &out, "fn"
	h := NewHandler(parseArgs, func(context.Context, Task, args) (string, error) { return "ok", nil }, cfg)
	keys := make([]string, 150)
	for i := range keys {
		keys[i] = fmt.Sprint("k", i)
	}
	invoke(t, h, event2(t, keys...))
	doc := checkEMF(t, out.String())
	if fmt.Sprint(doc["Succeeded"]) != "150" || len(doc["TaskDuration"].([]any)) != 100 {
		t.Errorf("Succeeded = %v, %d durations; want 150 and 100", doc["Succeeded"], len(doc["TaskDuration"].([]any)))
	}
}
