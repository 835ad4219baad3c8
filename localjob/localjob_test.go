package localjob

// These tests protect the rules a local job follows as S3 does: how a
// response is read, how manifests are read, what the report holds, and the
// Runtime API's protocol. golden.TestRunGoldenProject runs a whole job
// through a generated project's real bootstrap.

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"time"

	"github.com/s3batchops/scaffold/internal/limitstest"
)

func TestReadResponse(t *testing.T) {
	for _, tc := range []struct{ resp, code, msg string }{
		{`{"invocationSchemaVersion":"2.0","treatMissingKeysAs":"PermanentFailure","invocationId":"i","results":[{"taskId":"t","resultCode":"Succeeded","resultString":"ok"}]}`, Succeeded, "ok"},
		{`{"results":[{"taskId":"t","resultCode":"TemporaryFailure","resultString":"later"}]}`, TemporaryFailure, "later"},
		{`{"results":[{"taskId":"t","resultCode":"PermanentFailure"}]}`, PermanentFailure, ""},
		{`not json`, PermanentFailure, invalidResponse},
		{`{"results":[{"taskId":"t","resultCode":"Done"}]}`, PermanentFailure, invalidResponse},
		{`{"results":[{"taskId":"other","resultCode":"Succeeded"}]}`, PermanentFailure, invalidResponse},
		{`{"result":[{"taskId":"t","resultCode":"Succeeded"}]}`, PermanentFailure, "the response has no result for task t (treatMissingKeysAs: PermanentFailure)"},
		{`{"treatMissingKeysAs":"Succeeded","results":[]}`, Succeeded, "the response has no result for task t (treatMissingKeysAs: Succeeded)"},
		{`{"treatMissingKeysAs":"Maybe","results":[]}`, PermanentFailure, invalidResponse},
		{`{"treatMissingKeysAs":null,"results":null}`, PermanentFailure, "the response has no result for task t (treatMissingKeysAs: PermanentFailure)"},
		{`{"results":[{"taskId":"t","resultCode":"Succeeded","resultString":"ok"},{"taskId":"t","resultCode":"Succeeded"}]}`, PermanentFailure, invalidResponse},
		{`{"results":[null]}`, PermanentFailure, invalidResponse},
		{`{"results":[{"taskId":"t","resultCode":"Succeeded","resultString":5}]}`, PermanentFailure, invalidResponse},
		{`null`, PermanentFailure, invalidResponse},
		// A member given twice: the last wins, whole.
		{`{"results":[{"taskId":"t","resultCode":"Succeeded"}],"results":[{"resultCode":"Succeeded"}]}`, PermanentFailure, invalidResponse},
		{`{"results":[{"taskId":"t","resultCode":"Succeeded","resultString":"secret"}],"results":[{"taskId":"t","resultCode":"Succeeded"}]}`, Succeeded, ""},
		// Members are named exactly, as S3 reads them: encoding/json alone
		// matches names in any case.
		{`{"Results":[{"taskId":"t","resultCode":"Succeeded"}]}`, PermanentFailure, "the response has no result for task t (treatMissingKeysAs: PermanentFailure)"},
		{`{"results":[{"TaskID":"t","ResultCode":"Succeeded","ResultString":"x"}]}`, PermanentFailure, invalidResponse},
		{`{"TreatMissingKeysAs":"Succeeded","results":[]}`, PermanentFailure, "the response has no result for task t (treatMissingKeysAs: PermanentFailure)"},
		// JSON is UTF-8 (RFC 8259): invalid bytes are no response.
		{"{\"results\":[{\"taskId\":\"t\",\"resultCode\":\"Succeeded\",\"resultString\":\"ok\xff\"}]}", PermanentFailure, invalidResponse},
	} {
		got := readResponse([]byte(tc.resp), "t")
		if got.code != tc.code || got.message != tc.msg {
			t.Errorf("readResponse(%s) = %+v, want %s %q", tc.resp, got, tc.code, tc.msg)
		}
	}
}

func collect(t *testing.T, seq func(func(Task, error) bool)) ([]Task, error) {
	var out []Task
	for task, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, task)
	}
	return out, nil
}

func TestReadCSV(t *testing.T) {
	tasks, err := collect(t, ReadCSV(strings.NewReader("b,my+key%2B1.txt,3\n\"b\",\"a,b\",null\n"), "m.csv"))
	if err != nil || len(tasks) != 2 || tasks[0].Key != "my+key%2B1.txt" || tasks[0].VersionID != "3" || tasks[1].Key != "a,b" || !tasks[1].HasVersion {
		t.Errorf("tasks = %+v, %v", tasks, err)
	}
	for _, tc := range []struct{ in, want string }{
		{"b,k,1\nb,k2\n", "m.csv:2: 2 fields where the first line has 3"},
		{"b\n", "m.csv:1: want bucket,key or bucket,key,versionId, not one field"},
		{"b,k,1,x\n", "m.csv:1: want bucket,key or bucket,key,versionId, not 4 fields"},
		{"b,\"k\n", "m.csv:1"},
	} {
		if _, err := collect(t, ReadCSV(strings.NewReader(tc.in), "m.csv")); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadCSV(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestReadInventory(t *testing.T) {
	dir := t.TempDir()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	io.WriteString(zw, "\"b\",\"photos/cat%201.jpg\",\"v1\",\"true\"\n\"b\",\"x\",\"v2\",\"false\"\n")
	zw.Close()
	os.WriteFile(filepath.Join(dir, "part-1.csv.gz"), gz.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"fileFormat":"CSV","fileSchema":"Bucket, Key, VersionId, IsLatest","files":[{"key":"inventory/data/part-1.csv.gz"}]}`), 0o644)
	tasks, err := collect(t, ReadInventory(filepath.Join(dir, "manifest.json")))
	if err != nil || len(tasks) != 2 || tasks[0].Key != "photos/cat%201.jpg" || tasks[0].VersionID != "v1" || tasks[1].Bucket != "b" {
		t.Errorf("tasks = %+v, %v", tasks, err)
	}
	os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"fileFormat":"ORC","files":[]}`), 0o644)
	if _, err := collect(t, ReadInventory(filepath.Join(dir, "manifest.json"))); err == nil || !strings.Contains(err.Error(), "only CSV") {
		t.Errorf("an ORC inventory: %v", err)
	}
}

func TestReport(t *testing.T) {
	dir := t.TempDir()
	r, err := NewReport(dir, "j1")
	if err != nil {
		t.Fatal(err)
	}
	// S3 keeps limitstest.ResultString (1,024) characters of a message.
	at := strings.Repeat("é", limitstest.ResultString)
	r.Add(Result{Task: Task{Bucket: "b", Key: "k%2B1", VersionID: ""}, Code: Succeeded, Message: "ok, \"quoted\""})
	r.Add(Result{Task: Task{Bucket: "b", Key: "k2", VersionID: "v"}, Code: PermanentFailure, Message: strings.Repeat("é", 2000)})
	r.Add(Result{Task: Task{Bucket: "b", Key: "at"}, Code: Succeeded, Message: at})
	r.Add(Result{Task: Task{Bucket: "b", Key: "past"}, Code: TemporaryFailure, Message: at + "x"})
	path, err := r.Close()
	if err != nil || filepath.Base(path) != "manifest.json" {
		t.Fatal(path, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "job-j1", "results", "*.csv"))
	if len(files) != 2 {
		t.Fatalf("result files %q", files)
	}
	var all [][]string
	for _, f := range files {
		data, _ := os.ReadFile(f)
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, recs...)
	}
	// Bucket, Key, VersionId, TaskStatus, HTTPStatusCode, ErrorCode,
	// ResultMessage: each row exactly, once.
	want := map[string]string{
		"k%2B1": `b|k%2B1||succeeded|200||ok, "quoted"`,
		"k2":    "b|k2|v|failed|200|PermanentFailure|" + strings.Repeat("é", 1024),
		"at":    "b|at||succeeded|200||" + at,
		"past":  "b|past||failed|200|TemporaryFailure|" + at,
	}
	seen := map[string]int{}
	for _, rec := range all {
		if len(rec) != 7 {
			t.Errorf("row %.80q: %d columns, want 7", rec, len(rec))
			continue
		}
		seen[rec[1]]++
		w, ok := want[rec[1]]
		switch {
		case !ok:
			t.Errorf("unexpected row %.80q", rec)
		case strings.Join(rec, "|") != w:
			t.Errorf("row %.80q (message of %d characters)\nwant %.80q", rec, len([]rune(rec[6])), w)
		}
	}
	if len(all) != len(want) {
		t.Errorf("%d rows, want %d", len(all), len(want))
	}
	for k := range want {
		if seen[k] != 1 {
			t.Errorf("key %q in %d rows, want 1", k, seen[k])
		}
	}
}

// TestRuntimeServer walks through the Runtime API as a bootstrap does:
// next, then response; next, then error.
func TestRuntimeServer(t *testing.T) {
	s, err := newRuntimeServer("arn:aws:lambda:us-east-1:000000000000:function:f")
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	base := "http://" + s.addr + "/2018-06-01/runtime/invocation/"
	for _, post := range []struct{ path, body string }{{"response", `{"ok":true}`}, {"error", `{"errorMessage":"bad","errorType":"MyError"}`}} {
		inv := &invocation{id: randomUUID(), payload: []byte(`{"tasks":[]}`), deadline: time.Now().Add(time.Minute), done: make(chan reply, 1)}
		s.offer(inv)
		resp, err := http.Get(base + "next")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		h := resp.Header
		if string(body) != `{"tasks":[]}` || h.Get("Lambda-Runtime-Aws-Request-Id") != inv.id || h.Get("Lambda-Runtime-Deadline-Ms") == "" ||
			h.Get("Lambda-Runtime-Invoked-Function-Arn") != s.functionARN || !strings.HasPrefix(h.Get("Lambda-Runtime-Trace-Id"), "Root=1-") {
			t.Fatalf("next = %s %v", body, h)
		}
		resp, err = http.Post(base+inv.id+"/"+post.path, "application/json", strings.NewReader(post.body))
		if err != nil || resp.StatusCode != http.StatusAccepted {
			t.Fatalf("post %s: %v %v", post.path, resp.Status, err)
		}
		r := <-inv.done
		if post.path == "response" && (r.isError || string(r.response) != post.body) || post.path == "error" && (!r.isError || r.errType != "MyError" || r.errMsg != "bad") {
			t.Errorf("%s: reply %+v", post.path, r)
		}
		// A second post for the same request is refused.
		resp, _ = http.Post(base+inv.id+"/response", "application/json", strings.NewReader("{}"))
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("a second response was accepted: %s", resp.Status)
		}
	}
}

// TestAnswerWinsOverExitAndTimeout checks that an answer the process has
// posted is what counts even when its exit or the timeout is also there by
// the time the worker looks: the worker offers the next event before it
// reports the last, so it can come to an answered invocation late.
func TestAnswerWinsOverExitAndTimeout(t *testing.T) {
	s, err := newRuntimeServer("arn:aws:lambda:us-east-1:000000000000:function:f")
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	ok := []byte(`{"results":[{"taskId":"t","resultCode":"Succeeded","resultString":"done"}]}`)
	for _, tc := range []struct {
		name    string
		exited  bool
		expired bool
	}{{"exited", true, false}, {"timed out", false, true}, {"both", true, true}} {
		// select picks among the ready cases at random: 20 tries take the
		// exit's or the timer's case, and so their second look, at least
		// once but for one chance in a million.
		for range 20 {
			w := &worker{cfg: &Config{Timeout: time.Minute}, server: s, timer: time.NewTimer(time.Hour), exited: make(chan error, 1)}
			if tc.exited {
				w.exited <- errors.New("exit status 3")
			}
			if tc.expired {
				w.timer.Reset(0) // ready at once (Go 1.23 timers): no wait on the clock
			}
			inv := &invocation{id: randomUUID(), done: make(chan reply, 1)}
			inv.done <- reply{response: ok}
			o, err := w.finish(t.Context(), &call{inv: inv, taskID: "t"})
			if err != nil || o.code != Succeeded || o.message != "done" {
				t.Fatalf("%s: %+v, %v; want the answer posted", tc.name, o, err)
			}
		}
	}
}

// TestExitBetweenInvocations: a process that answers and then exits has
// not failed the next task, which it never took (the worker offers it
// before it reports the answer): as Lambda starts a new execution
// environment, the worker starts a new process for it. A process that
// exits before it ever answers (its initialisation failed) fails the task
// it was started for, each time, and the job still ends.
func TestExitBetweenInvocations(t *testing.T) {
	results := runAll(t, fakeConfig(t), Task{Bucket: "bkt", Key: "exit-after-1"}, Task{Bucket: "bkt", Key: "a"},
		Task{Bucket: "bkt", Key: "exit-after-2"}, Task{Bucket: "bkt", Key: "b"})
	if len(results) != 4 {
		t.Fatalf("%d results, want 4: %+v", len(results), results)
	}
	for _, r := range results {
		if r.Code != Succeeded || r.Message != "got "+r.Key {
			t.Errorf("%s: %s %q, want Succeeded", r.Key, r.Code, r.Message)
		}
	}
	failing := fakeConfig(t, "LOCALJOB_TEST_INIT_FAILS=1")
	results = runAll(t, failing, Task{Bucket: "bkt", Key: "a"}, Task{Bucket: "bkt", Key: "b"})
	if len(results) != 2 {
		t.Fatalf("%d results, want 2: %+v", len(results), results)
	}
	for _, r := range results {
		if r.Code != PermanentFailure || !strings.Contains(r.Message, "Runtime.ExitError") || !strings.Contains(r.Message, "exit status 3") {
			t.Errorf("%s: %s %q, want Runtime.ExitError", r.Key, r.Code, r.Message)
		}
	}
}

// TestRenewedOffersSkipTheOldProcess: what is offered after renew (a
// new process) goes to the channel GETs of the new process wait on, never
// to the one a GET of the process before it may still wait on.
func TestRenewedOffersSkipTheOldProcess(t *testing.T) {
	s, err := newRuntimeServer("arn:aws:lambda:us-east-1:000000000000:function:f")
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	old := s.nextChan() // what a GET of the old process waits on
	s.renew()
	inv := &invocation{id: randomUUID(), done: make(chan reply, 1)}
	s.offer(inv)
	if len(old) != 0 {
		t.Error("the invocation went to the old process's channel")
	}
	select {
	case got := <-s.nextChan():
		if got != inv {
			t.Errorf("the new channel holds %v, want the invocation offered", got)
		}
	default:
		t.Error("the new channel holds nothing")
	}
}

// BenchmarkReadResponse reads the response the generated handler writes
// for one task.
func BenchmarkReadResponse(b *testing.B) {
	resp := []byte(`{"invocationSchemaVersion":"2.0","treatMissingKeysAs":"PermanentFailure","invocationId":"Jr3s8KZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZzatx7Ruy","results":[{"taskId":"y5R3a2lkZ29lc2hlurcS","resultCode":"Succeeded","resultString":"copied to amzn-s3-demo-destination/photos/1.jpg"}]}`)
	b.ReportAllocs()
	for b.Loop() {
		if o := readResponse(resp, "y5R3a2lkZ29lc2hlurcS"); o.code != Succeeded {
			b.Fatal(o)
		}
	}
}
