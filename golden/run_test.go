package golden

// TestRunGoldenProject runs a job with `scaffold run` over the copier
// golden project, its function.go replaced by one that behaves by key, and
// checks the completion report row by row: success, TemporaryFailure then
// success, PermanentFailure, panic, timeout, a crash, keys with "+", "%2B",
// a space and non-ASCII characters, and a key that cannot be decoded. The
// bootstrap is the project's own, so the Runtime API server is exercised by
// aws-lambda-go's real client.

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/s3batchops/scaffold/internal/limitstest"
	"github.com/s3batchops/scaffold/localjob"
)

// behavingFunction replaces the starter's function.go.
const behavingFunction = `package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"example.com/copier/internal/args"
	"example.com/copier/internal/batch"
)

type Function struct{}

func NewFunction(ctx context.Context) (*Function, error) { return &Function{}, nil }

func (f *Function) Process(ctx context.Context, task batch.Task, a args.Args) (string, error) {
	switch task.Key {
	case "permanent":
		return "", batch.Permanent(errors.New("no such thing"))
	case "panic":
		panic("boom")
	case "hang":
		syscall.Kill(os.Getpid(), syscall.SIGSTOP)
		time.Sleep(time.Hour)
	case "crash":
		os.Exit(2)
	case "result-1024":
		return strings.Repeat("é", 1024), nil
	case "result-1025":
		return strings.Repeat("é", 1025), nil
	case "result-2000":
		return strings.Repeat("é", 2000), nil
	case "temp-once":
		marker := filepath.Join(os.Getenv("MARKER_DIR"), "temp-once")
		if _, err := os.Stat(marker); err != nil {
			os.WriteFile(marker, nil, 0o644)
			return "", batch.Temporary(errors.New("try again"))
		}
	}
	return "ok " + task.Key + " v" + task.VersionID + " to " + a.MyDestinationBucket, nil
}
`

func TestRunGoldenProject(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a project; skipped with -short")
	}
	work := t.TempDir()
	dir := filepath.Join(work, "copier")
	writeProject(t, "copier.txtar", dir)
	os.WriteFile(filepath.Join(dir, "function.go"), []byte(behavingFunction), 0o644)
	os.Remove(filepath.Join(dir, "function_test.go"))
	gowork := writeWorkspace(t, dir)
	manifest := filepath.Join(work, "manifest.csv")
	os.WriteFile(manifest, []byte(strings.Join([]string{
		"src,plain.txt,v1", "src,permanent,null", "src,panic,null", "src,hang,null", "src,temp-once,null",
		"src,a%2Bb+c.txt,null", "src,caf%C3%A9/%E7%8C%AB.jpg,null", "src,crash,null", "src,bad%zz,null",
		"src,result-1024,null", "src,result-1025,null", "src,result-2000,null", "",
	}, "\n")), 0o644)

	cmd := exec.Command(scaffoldBin, "run", dir, "--manifest", manifest, "--args", "MyDestinationBucket=amzn-s3-demo-destination",
		"--timeout", "3s", "--concurrency", "2", "--report", filepath.Join(work, "report"), "--env", "MARKER_DIR="+work)
	cmd.Env = append(os.Environ(), "GOWORK="+gowork, "GOFLAGS=-mod=readonly")
	out, err := cmd.CombinedOutput()
	// Tasks failed: the job is a failure for CI, exit status 1, and the
	// report is written all the same.
	wantTasksFailed(t, err, out, "5 of 12 tasks did not succeed")
	if !strings.Contains(string(out), "redrives                     1") {
		t.Errorf("summary:\n%s\nwant one redrive", out)
	}
	// The totals of the function's metrics lines agree with the report:
	// the same successes; a TemporaryFailure per redrive and per task that
	// failed temporarily; no more permanent failures than the report's,
	// which also counts the tasks of invocations that gave no answer (the
	// crash).
	counts := map[string][2]int{}
	for _, m := range regexp.MustCompile(`(?m)^\s+(Succeeded|TemporaryFailure|PermanentFailure)\s+(\d+)\s+(\d+)`).FindAllStringSubmatch(string(out), -1) {
		metric, _ := strconv.Atoi(m[2])
		report, _ := strconv.Atoi(m[3])
		counts[m[1]] = [2]int{metric, report}
	}
	if c := counts["Succeeded"]; len(counts) != 3 || c[0] != c[1] || c[0] == 0 ||
		counts["TemporaryFailure"][0] != counts["TemporaryFailure"][1] ||
		counts["PermanentFailure"][0] == 0 || counts["PermanentFailure"][0] >= counts["PermanentFailure"][1] {
		t.Errorf("metrics totals %v disagree with the report:\n%s", counts, out)
	}
	logs, _ := filepath.Glob(filepath.Join(work, "report", "job-*.log"))
	if data, err := os.ReadFile(strings.Join(logs, "")); err != nil || !strings.Contains(string(data), `error="panic: boom" reason=panic`) || strings.Count(string(data), "[running]") != 1 {
		t.Errorf("function logs %q: %v; want the panic's log line, with its stack once, in them", logs, err)
	}

	manifests, _ := filepath.Glob(filepath.Join(work, "report", "job-*", "manifest.json"))
	if len(manifests) != 1 {
		t.Fatalf("report manifests: %q", manifests)
	}
	var m struct {
		Format       string
		ReportSchema string
		Results      []struct{ TaskExecutionStatus, Key, MD5Checksum string }
	}
	data, _ := os.ReadFile(manifests[0])
	if err := json.Unmarshal(data, &m); err != nil || m.Format != "Report_CSV_20180820" || len(m.Results) != 2 {
		t.Fatalf("manifest.json = %s (%v)", data, err)
	}
	rows := map[string][]string{}
	for _, r := range m.Results {
		f, err := os.Open(filepath.Join(work, "report", filepath.FromSlash(r.Key)))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			if rec[3] != r.TaskExecutionStatus {
				t.Errorf("row %q in the %s file", rec, r.TaskExecutionStatus)
			}
			if _, ok := rows[rec[1]]; ok {
				t.Errorf("key %q in two rows", rec[1])
			}
			rows[rec[1]] = rec
		}
	}
	const timeout = `Lambda returned function error: {"errorMessage":"RequestId: `
	// S3 keeps limitstest.ResultString (1,024) characters of a result.
	cut := strings.Repeat("é", limitstest.ResultString)
	wants := [][]string{
		{"src", "result-1024", "null", "succeeded", "200", "", cut},
		{"src", "result-1025", "null", "succeeded", "200", "", cut},
		{"src", "result-2000", "null", "succeeded", "200", "", cut},
		{"src", "plain.txt", "v1", "succeeded", "200", "", "ok plain.txt vv1 to amzn-s3-demo-destination"},
		{"src", "permanent", "null", "failed", "200", "PermanentFailure", "no such thing"},
		{"src", "panic", "null", "failed", "200", "PermanentFailure", "panic: boom"},
		{"src", "hang", "null", "failed", "200", "PermanentFailure", timeout},
		{"src", "temp-once", "null", "succeeded", "200", "", "ok temp-once vnull to amzn-s3-demo-destination"},
		{"src", "a%2Bb+c.txt", "null", "succeeded", "200", "", "ok a+b c.txt vnull to amzn-s3-demo-destination"},
		{"src", "caf%C3%A9/%E7%8C%AB.jpg", "null", "succeeded", "200", "", "ok café/猫.jpg vnull to amzn-s3-demo-destination"},
		{"src", "crash", "null", "failed", "200", "PermanentFailure", timeout},
		{"src", "bad%zz", "null", "failed", "200", "PermanentFailure", `s3Key "bad%zz" is not URL-encoded: invalid URL escape "%zz"`},
	}
	if len(rows) != len(wants) {
		t.Errorf("%d rows, want %d: %.300q", len(rows), len(wants), rows)
	}
	for _, want := range wants {
		got, ok := rows[want[1]]
		switch {
		case !ok:
			t.Errorf("no row for %s", want[1])
		case want[6] == timeout:
			if !slices.Equal(got[:6], want[:6]) || !strings.HasPrefix(got[6], timeout) {
				t.Errorf("row %q\nwant %q…", got, want)
			}
		case !slices.Equal(got, want):
			t.Errorf("row %q\nwant %q", got, want)
		}
	}
	if r := rows["hang"]; r != nil && !strings.Contains(r[6], "Task timed out after 3.00 seconds") {
		t.Errorf("hang: %q, want a timeout as AWS records it", r[6])
	}
	if r := rows["crash"]; r != nil && !strings.Contains(r[6], "Runtime exited with error: exit status 2") {
		t.Errorf("crash: %q, want the runtime's exit", r[6])
	}
}

// buildBehaving builds the copier golden project with behavingFunction and
// returns its bootstrap.
func buildBehaving(t testing.TB) string {
	work := t.TempDir()
	dir := filepath.Join(work, "copier")
	writeProject(t, "copier.txtar", dir)
	os.WriteFile(filepath.Join(dir, "function.go"), []byte(behavingFunction), 0o644)
	gowork := writeWorkspace(t, dir)
	bin := filepath.Join(work, "bootstrap")
	build := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", bin, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOWORK="+gowork, "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestRunJobFailsAndStops checks S3's failure threshold (more than half of
// at least 1,000 tasks failed) and stopping when the context ends: both
// keep the results so far.
func TestRunJobFailsAndStops(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project; skipped with -short")
	}
	bin := buildBehaving(t)
	cfg := localjob.Config{Bootstrap: bin, FunctionName: "copier", SchemaVersion: "2.0", Concurrency: 2,
		Timeout: time.Minute, MaxRedrives: 3, Backoff: time.Millisecond,
		UserArguments: map[string]string{"MyDestinationBucket": "amzn-s3-demo-destination"}}
	// Two tasks in three fail: the job fails once 1,000 have run.
	tasks := func(yield func(localjob.Task, error) bool) {
		for i := range 5000 {
			key := "permanent"
			if i%3 == 0 {
				key = fmt.Sprintf("ok-%d", i)
			}
			if !yield(localjob.Task{Bucket: "src", Key: key}, nil) {
				return
			}
		}
	}
	recorded := 0
	stats, err := localjob.Run(context.Background(), cfg, tasks, func(localjob.Result) error { recorded++; return nil })
	if !errors.Is(err, localjob.ErrJobFailed) || stats.Tasks < 1000 || stats.Tasks > 1100 || recorded != stats.Tasks {
		t.Errorf("Run = %+v, %v (%d recorded); want the job failed just after 1,000 tasks", stats, err, recorded)
	}

	// A context that ends stops the job, with what ran recorded.
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	stats, err = localjob.Run(ctx, cfg, tasks, func(localjob.Result) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || stats.Tasks < 10 || stats.Tasks > 20 {
		t.Errorf("Run after cancel = %+v, %v; want it stopped after about 10 tasks", stats, err)
	}
}

// TestRunTaskProject runs a job over the task golden project with a
// manifest that `scaffold manifest` wrote: keys carrying URL-encoded JSON
// reach Process typed, and a key that does not fit fails permanently.
func TestRunTaskProject(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a project; skipped with -short")
	}
	work := t.TempDir()
	dir := filepath.Join(work, "renamer")
	writeProject(t, "task.txtar", dir)
	gowork := writeWorkspace(t, dir)
	jsonl := filepath.Join(work, "tasks.jsonl")
	os.WriteFile(jsonl, []byte(`{"origKey": "photos/cat 1+2.jpg", "newKey": "café/猫.jpg", "dest": {"bucket": "dst"}}`+"\n"), 0o644)
	out, err := exec.Command(scaffoldBin, "manifest", dir, "--bucket", "src", "--in", jsonl).Output()
	if err != nil {
		t.Fatalf("scaffold manifest: %v", err)
	}
	// Add a line whose key is not the task's JSON, as a hand-made manifest might.
	manifest := filepath.Join(work, "manifest.csv")
	os.WriteFile(manifest, append(out, []byte("src,plain-key.txt\n")...), 0o644)

	cmd := exec.Command(scaffoldBin, "run", dir, "--manifest", manifest, "--args", "DestinationBucket=amzn-s3-demo-destination",
		"--report", filepath.Join(work, "report"))
	cmd.Env = append(os.Environ(), "GOWORK="+gowork, "GOFLAGS=-mod=readonly")
	out, err = cmd.CombinedOutput()
	wantTasksFailed(t, err, out, "1 of 2 tasks did not succeed")
	files, _ := filepath.Glob(filepath.Join(work, "report", "job-*", "results", "*.csv"))
	rows := map[string][]string{}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			rows[rec[3]] = rec
		}
	}
	if ok := rows["succeeded"]; ok == nil || !strings.Contains(ok[6], `"origKey":"photos/cat 1+2.jpg","newKey":"café/猫.jpg"`) || !strings.Contains(ok[6], `"dest":{"bucket":"dst"`) {
		t.Errorf("succeeded row %q: want Process to get the typed parameters", ok)
	}
	if bad := rows["failed"]; bad == nil || bad[5] != "PermanentFailure" || !strings.HasPrefix(bad[6], "the key does not hold the task's parameters: the key is not a JSON object") {
		t.Errorf("failed row %q: want a PermanentFailure with the reason", bad)
	}
}

// TestRunCopyStarter runs the copy starter's own function (from the
// copy-starter golden) over a manifest with `scaffold run`, its S3 client
// pointed by --env at an S3 server on 127.0.0.1: the objects are copied.
func TestRunCopyStarter(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a project; skipped with -short")
	}
	backend, env := fakeS3(t, map[string]map[string]string{
		"src": {"photos/cat 1.jpg": "a cat", "a+b.txt": "plus", "café.txt": "non-ASCII"},
		"dst": {},
	})
	work := t.TempDir()
	dir := filepath.Join(work, "copier")
	writeProject(t, "copy-starter.txtar", dir)
	gowork := writeWorkspace(t, dir)
	manifest := filepath.Join(work, "manifest.csv")
	os.WriteFile(manifest, []byte("src,photos/cat+1.jpg\nsrc,a%2Bb.txt\nsrc,caf%C3%A9.txt\nsrc,missing.txt\n"), 0o644)
	cmd := exec.Command(scaffoldBin, "run", dir, "--manifest", manifest, "--report", filepath.Join(work, "report"),
		"--args", "MyDestinationBucket=dst", "--args", "MyDestinationPrefix=copied/")
	for _, kv := range env {
		cmd.Args = append(cmd.Args, "--env", kv)
	}
	cmd.Env = append(os.Environ(), "GOWORK="+gowork, "GOFLAGS=-mod=readonly")
	out, err := cmd.CombinedOutput()
	wantTasksFailed(t, err, out, "1 of 4 tasks did not succeed")
	if !strings.Contains(string(out), "succeeded                    3") || !strings.Contains(string(out), "failed (PermanentFailure)    1") {
		t.Errorf("summary:\n%s\nwant 3 copied and the missing key failed", out)
	}
	for key, body := range map[string]string{"copied/photos/cat 1.jpg": "a cat", "copied/a+b.txt": "plus", "copied/café.txt": "non-ASCII"} {
		obj, err := backend.GetObject("dst", key, nil)
		if err != nil {
			t.Errorf("%s was not copied: %v", key, err)
			continue
		}
		got, _ := io.ReadAll(obj.Contents)
		if string(got) != body {
			t.Errorf("%s holds %q, want %q", key, got, body)
		}
	}
}

// wantTasksFailed checks that scaffold run exited with status 1 and said
// how many tasks did not succeed.
func wantTasksFailed(t *testing.T, err error, out []byte, msg string) {
	t.Helper()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("scaffold run: %v, want exit status 1 (tasks failed)\n%s", err, out)
	}
	if !strings.Contains(string(out), "scaffold: "+msg+": the report lists them") {
		t.Errorf("scaffold run's output:\n%s\nwant %q", out, msg)
	}
}
