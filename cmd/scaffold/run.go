package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/localjob"
)

const runAbout = `Run runs an S3 Batch Operations job on this machine over a manifest, as
S3 would, with the function of the project in DIR (default: the current
directory): its bootstrap, built for this machine, runs as real processes
talking the Lambda Runtime API to a server inside scaffold run.

Each task is one invocation with the event S3 would send. A TemporaryFailure
is redriven (--max-redrives more attempts, with backoff); a function that
overruns --timeout is killed and recorded as AWS records a timeout; a
response S3 could not read fails its task. The completion report is written
under --report as S3 writes it. Arguments are checked against the project's
schema before anything runs.

The manifest is a CSV manifest (bucket,key[,versionId], keys URL-encoded),
or the manifest.json of an S3 Inventory report with its CSV or CSV.gz files
beside it. It is read whole before anything runs, as S3 reads it while a
job is Preparing: a malformed one is refused with its file and line.

Limits: a manifest line is at most 16,384 bytes (MaxManifestLine) of UTF-8
(a leading byte order mark is dropped); an inventory manifest.json at most
16 MiB (MaxInventoryManifest); --args-file at most 256 KiB (MaxArgsFile),
--args as for scaffold job. A task whose key is over 1,024 bytes once
URL-decoded (MaxKeyBytes) fails with KeyTooLongError, one whose bucket S3
could not have with InvalidBucketName, one whose event is over Lambda's
6 MB (MaxEventBytes) with RequestEntityTooLargeException; the function is
not invoked for them, and the job goes on.`

const runExamples = `  scaffold run --manifest manifest.csv --args MyDestinationBucket=amzn-s3-demo-destination

  # Point the function's S3 client at a local S3-compatible server:
  scaffold run ./copier --manifest manifest.csv --concurrency 4 \
    --env AWS_ENDPOINT_URL_S3=http://127.0.0.1:9000 --env AWS_ACCESS_KEY_ID=test --env AWS_SECRET_ACCESS_KEY=test`

func runRun(e *env, args []string) error {
	var (
		manifest, argsFile, report, logs string
		concurrency, maxRedrives         int
		timeout                          time.Duration
		userArgs, envs                   keyValues
	)
	fs := newFlagSet("run", "scaffold run [flags] [DIR]", runAbout, runExamples, e)
	fs.StringVar(&manifest, "manifest", "", "the manifest: a CSV `file`, or an S3 Inventory report's manifest.json")
	fs.Var(&userArgs, "args", "a UserArgument, `KEY=VALUE` (repeat for each)")
	fs.StringVar(&argsFile, "args-file", "", "UserArguments from a JSON `file`: {\"KEY\": \"VALUE\", ...}")
	fs.StringVar(&report, "report", "scaffold-report", "the `directory` to write the completion report in")
	fs.StringVar(&logs, "logs", "", "where the function's output goes, a `file` (default: job-ID.log beside the report's job-ID directory)")
	fs.IntVar(&concurrency, "concurrency", 1, "how many function `processes` run at once")
	fs.DurationVar(&timeout, "timeout", 60*time.Second, "the function's `timeout`")
	fs.IntVar(&maxRedrives, "max-redrives", 3, "how many more `attempts` a TemporaryFailure gets")
	fs.Var(&envs, "env", "an environment variable for the function, `KEY=VALUE` (repeat for each)")
	if err := fs.parse(args); err != nil {
		return err
	}
	dir, err := fs.projectDir()
	if err != nil {
		return err
	}
	switch {
	case manifest == "":
		return usagef("missing --manifest")
	case concurrency < 1:
		return usagef("--concurrency %d: want 1 or more", concurrency)
	case timeout <= 0:
		return usagef("--timeout %v: want a positive duration", timeout)
	case maxRedrives < 0:
		return usagef("--max-redrives %d: want 0 or more", maxRedrives)
	}
	for _, kv := range envs {
		if k, _, ok := strings.Cut(kv, "="); !ok || k == "" || strings.ContainsRune(k, 0) {
			return usagef("--env %s: want KEY=VALUE", quote.Value(kv))
		}
	}
	if argsFile != "" {
		pairs, err := readArgsFile(argsFile)
		if err != nil {
			return err
		}
		userArgs = append(pairs, userArgs...)
	}
	cfg, encoded, err := projectArguments(dir, userArgs)
	if err != nil {
		return err
	}
	tasks, err := readManifest(manifest)
	if err != nil {
		return err
	}
	if _, err := checkManifest(tasks); err != nil {
		return err
	}

	bin, cleanup, err := buildBootstrap(e, dir)
	if err != nil {
		return err
	}
	defer cleanup()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	job := localjob.Config{
		Bootstrap:     bin,
		FunctionName:  cfg.Name,
		Env:           envs,
		SchemaVersion: cfg.InvocationSchemaVersion,
		Concurrency:   concurrency,
		Timeout:       timeout,
		MaxRedrives:   maxRedrives,
		Backoff:       time.Second,
		JobID:         localjob.NewJobID(),
	}
	if len(encoded) > 0 {
		job.UserArguments = map[string]string{}
		for _, m := range encoded {
			job.UserArguments[m.key] = m.value.(string)
		}
	}
	rep, err := localjob.NewReport(report, job.JobID)
	if err != nil {
		return err
	}
	// The function's own output (log lines, panics' stacks) is what
	// CloudWatch would hold: keep it, out of the way of the summary.
	if logs == "" {
		logs = filepath.Join(report, "job-"+job.JobID+".log")
	}
	logFile, err := os.OpenFile(logs, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logFile.Close()
	job.Logs = logFile
	job.Metrics = &localjob.MetricTotals{}
	var finish func()
	job.Progress, finish = progress(e)
	stats, runErr := localjob.Run(ctx, job, tasks, rep.Add)
	finish()
	path, err := rep.Close()
	if err != nil {
		return err
	}
	printSummary(e, stats, path)
	printMetrics(e, stats, job.Metrics.Totals())
	fmt.Fprintf(e.stderr, "\tfunction logs                %s\n", logs)
	switch {
	case runErr == nil:
		return nil
	case errors.Is(runErr, context.Canceled):
		return errCancelled
	}
	return runErr
}

// MaxArgsFile is the largest --args-file read, in bytes: ten arguments of
// S3's largest (names of 64 characters, values of 1,024), JSON-escaped,
// fit in well under it.
const MaxArgsFile = 256 << 10

// readArgsFile reads UserArguments from a JSON object of strings.
func readArgsFile(path string) (keyValues, error) {
	shown := quote.Name(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--args-file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxArgsFile+1))
	if err != nil {
		return nil, fmt.Errorf("--args-file %s: %w", shown, err)
	}
	if len(data) > MaxArgsFile {
		return nil, usagef("--args-file %s: more than %d bytes (MaxArgsFile): want a JSON object of at most 10 arguments", shown, MaxArgsFile)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("--args-file %s: want a JSON object of strings: %w", shown, err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var kv keyValues
	for _, k := range keys {
		kv = append(kv, k+"="+m[k])
	}
	return kv, nil
}

// readManifest returns the tasks of a CSV manifest or an inventory report,
// a sequence that reads the file anew each time it is ranged over.
func readManifest(path string) (func(func(localjob.Task, error) bool), error) {
	if filepath.Base(path) == "manifest.json" {
		return localjob.ReadInventory(path), nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("--manifest %s: %w", quote.Name(path), errors.Unwrap(err))
	}
	return func(yield func(localjob.Task, error) bool) {
		f, err := os.Open(path)
		if err != nil {
			yield(localjob.Task{}, fmt.Errorf("--manifest %s: %w", quote.Name(path), errors.Unwrap(err)))
			return
		}
		defer f.Close()
		localjob.ReadCSV(f, path)(yield)
	}, nil
}

// checkManifest reads the whole manifest once before anything runs, as S3
// reads it while the job is Preparing: a malformed manifest fails the job
// before its first task, not after a million of them. It returns the
// number of tasks.
func checkManifest(tasks func(func(localjob.Task, error) bool)) (int, error) {
	n := 0
	for _, err := range tasks {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// buildBootstrap builds the project's bootstrap for this machine, as make
// build does for Lambda. It builds into a directory of the user's cache kept
// for the project (keptBootstrap), where go build, finding the bootstrap up to
// date with every source it depends on, does not link it again; this run
// gets a link of its own to the file, which a later build replaces rather
// than overwrites. Without a cache directory it builds afresh.
func buildBootstrap(e *env, dir string) (string, func(), error) {
	tmp, err := os.MkdirTemp("", "scaffold-run-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	bin := filepath.Join(tmp, "bootstrap")
	if kept, err := keptBootstrap(dir); err == nil && goBuild(dir, kept) == nil && os.Link(kept, bin) == nil {
		return bin, cleanup, nil
	}
	// Built afresh when the cache is unusable, and to report a build error.
	if err := goBuild(dir, bin); err != nil {
		cleanup()
		return "", nil, err
	}
	return bin, cleanup, nil
}

// keptBootstrap returns where the bootstrap of the project in dir is kept
// between runs: in the user's cache, in a directory named for the
// project's absolute path.
func keptBootstrap(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	runs := filepath.Join(cache, "scaffold", "run")
	kept := filepath.Join(runs, hex.EncodeToString(sum[:12]))
	if err := os.MkdirAll(kept, 0o700); err != nil {
		return "", err
	}
	now := time.Now()
	os.Chtimes(kept, now, now)
	pruneKept(runs, maxKept)
	return filepath.Join(kept, "bootstrap"), nil
}

// maxKept is how many projects' bootstraps the cache keeps, about 10 MB
// each.
const maxKept = 8

// pruneKept removes all but the n most recently used bootstraps in runs.
func pruneKept(runs string, n int) {
	entries, err := os.ReadDir(runs)
	if err != nil || len(entries) <= n {
		return
	}
	type dir struct {
		path string
		used time.Time
	}
	var dirs []dir
	for _, e := range entries {
		if info, err := e.Info(); err == nil && e.IsDir() {
			dirs = append(dirs, dir{filepath.Join(runs, e.Name()), info.ModTime()})
		}
	}
	sort.Slice(dirs, func(i, j int) bool { return dirs[i].used.After(dirs[j].used) })
	for _, d := range dirs[min(n, len(dirs)):] {
		os.RemoveAll(d.path)
	}
}

// goBuild builds the bootstrap of the project in dir as bin.
func goBuild(dir, bin string) error {
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", bin, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s: %v\n%s", dir, err, out)
	}
	return nil
}

// progress reports on stderr: a progress bar in a terminal, a line every
// few seconds otherwise. finish clears the bar for the summary.
func progress(e *env) (update func(localjob.Stats), finish func()) {
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("tasks"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("tasks"), progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond))
		return func(s localjob.Stats) { bar.Set(s.Tasks) }, func() { bar.Finish() }
	}
	last := time.Now()
	return func(s localjob.Stats) {
		if time.Since(last) >= 5*time.Second {
			last = time.Now()
			fmt.Fprintf(e.stderr, "scaffold: %d tasks: %d succeeded, %d failed\n", s.Tasks, s.Succeeded, s.FailedTotal())
		}
	}, func() {}
}

// printSummary prints the job's counts on one screen.
func printSummary(e *env, s localjob.Stats, report string) {
	rate := 0.0
	if s.Duration > 0 {
		rate = float64(s.Tasks) / s.Duration.Seconds()
	}
	fmt.Fprintf(e.stderr, "scaffold: job %s: %d tasks in %v (%.0f tasks/s)\n", s.JobID, s.Tasks, s.Duration.Round(time.Millisecond), rate)
	fmt.Fprintf(e.stderr, "\tsucceeded                    %d\n", s.Succeeded)
	for _, code := range []string{localjob.PermanentFailure, localjob.TemporaryFailure} {
		fmt.Fprintf(e.stderr, "\tfailed (%s)%s%d\n", code, strings.Repeat(" ", 20-len(code)), s.Failed[code])
	}
	fmt.Fprintf(e.stderr, "\tredrives                     %d\n\treport                       %s\n", s.Redrives, report)
}

// printMetrics prints the totals of the function's metrics lines beside the
// report's counts. The metrics count every answer, so a task redriven once
// counts one TemporaryFailure there; a task whose invocation gave no answer
// (a crash, a timeout) is in the report only.
func printMetrics(e *env, s localjob.Stats, m localjob.Totals) {
	fmt.Fprintf(e.stderr, "\tmetrics (%d EMF lines)        metrics  report\n", m.Lines)
	fmt.Fprintf(e.stderr, "\t  Succeeded                  %7d  %6d\n", m.Succeeded, s.Succeeded)
	fmt.Fprintf(e.stderr, "\t  TemporaryFailure           %7d  %6d (redrives + failed)\n", m.TemporaryFailure, s.Redrives+s.Failed[localjob.TemporaryFailure])
	fmt.Fprintf(e.stderr, "\t  PermanentFailure           %7d  %6d (with invocations that gave no answer)\n", m.PermanentFailure, s.Failed[localjob.PermanentFailure])
}
