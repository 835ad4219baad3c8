package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/s3batchops/scaffold/app"
	"github.com/s3batchops/scaffold/localjob"
)

const runAbout = `Run runs an S3 Batch Operations job on this machine over a manifest, as
S3 would, with the function of the project in DIR (default: the current
directory): its bootstrap, built for this machine, runs as real processes
talking the Lambda Runtime API to a server inside scaffold run.

Each task is one invocation with the event S3 would send. A TemporaryFailure
is redriven (--max-redrives more attempts, with backoff, while the other
tasks run); a function that overruns --timeout is killed and recorded as AWS
records a timeout; a response S3 could not read fails its task. The
completion report is written under --report as S3 writes it. Arguments are
checked against the project's schema before anything runs. The exit status
is 1 when any task did not succeed, after the report is written.

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

const runExamples = `  scaffold run --manifest manifest.csv \
    --args MyDestinationBucket=my-copies

  # Point the function's S3 client at a local S3-compatible server:
  scaffold run ./copier --manifest manifest.csv --concurrency 4 \
    --env AWS_ENDPOINT_URL_S3=http://127.0.0.1:9000 \
    --env AWS_ACCESS_KEY_ID=test --env AWS_SECRET_ACCESS_KEY=test`

func runRun(e *env, args []string) error {
	var in app.RunInput
	var userArgs, envs keyValues
	fs := newFlagSet("run", "scaffold run [flags] [DIR]", runAbout, runExamples, e)
	fs.StringVar(&in.Manifest, "manifest", "", "the manifest: a CSV `file`, or an S3 Inventory report's manifest.json")
	fs.Var(&userArgs, "args", "a UserArgument, `KEY=VALUE` (repeat for each)")
	fs.StringVar(&in.ArgsFile, "args-file", "", "UserArguments from a JSON `file`: {\"KEY\": \"VALUE\", ...}")
	fs.StringVar(&in.Report, "report", "scaffold-report", "the `directory` to write the completion report in")
	fs.StringVar(&in.Logs, "logs", "", "where the function's output goes, a `file` (default: job-ID.log beside the report's job-ID directory)")
	fs.intVar(&in.Concurrency, "concurrency", 1, fmt.Sprintf("how many function `processes` run at once, at most %d (MaxConcurrency)", app.MaxConcurrency))
	fs.DurationVar(&in.Timeout, "timeout", 300*time.Second, "the function's `duration` limit per invocation, at most 15m, as template.yaml's Timeout (run does not read the template)")
	fs.intVar(&in.MemoryMB, "memory", 512, "the function's memory in `MB`, 128 to 10240, as template.yaml's MemorySize: each process gets 1 CPU per 1,769 MB, as on Lambda")
	fs.intVar(&in.MaxRedrives, "max-redrives", 3, fmt.Sprintf("how many more `attempts` a TemporaryFailure gets, at most %d (MaxRedrives)", app.MaxRedrives))
	fs.Var(&envs, "env", "an environment variable for the function, `KEY=VALUE` (repeat for each)")
	if err := fs.parse(args); err != nil {
		return err
	}
	dir, err := fs.projectDir()
	if err != nil {
		return err
	}
	in.Dir, in.Args, in.Env = dir, userArgs, envs
	job, err := app.PrepareRun(in)
	if err != nil {
		return inputError(err)
	}
	defer job.Close()
	for _, w := range job.Warnings {
		fmt.Fprintf(e.stderr, "scaffold: warning: %s\n", w)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var finish func()
	job.Config.Progress, finish = progress(e, job.Total)
	stats, runErr := localjob.Run(ctx, job.Config, job.Tasks, job.Report.Add)
	finish()
	path, err := job.Report.Close()
	if err != nil {
		return err
	}
	printSummary(e, stats, path)
	printMetrics(e, stats, job.Config.Metrics.Totals())
	fmt.Fprintf(e.stderr, "\tfunction logs                %s\n", job.Logs)
	switch {
	case errors.Is(runErr, context.Canceled):
		return errCancelled
	case runErr != nil:
		return runErr // the failure threshold's own message, or what stopped the job
	case stats.Succeeded < stats.Tasks:
		// As a test run that failed: CI must not read a job with failed
		// tasks as a success.
		return fmt.Errorf("%d of %d tasks did not succeed: the report lists them with their reasons", stats.Tasks-stats.Succeeded, stats.Tasks)
	}
	return nil
}

// progress reports on stderr against the manifest's total: a progress bar
// in a terminal (count, rate, ETA, and the counts by outcome), a line
// every few seconds otherwise. finish clears the bar for the summary.
func progress(e *env, total int) (update func(localjob.Stats), finish func()) {
	start := time.Now()
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("tasks"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("tasks"),
			progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond))
		return func(s localjob.Stats) {
			bar.Describe(fmt.Sprintf("%d ok, %d failed", s.Succeeded, s.FailedTotal()))
			bar.Set(s.Tasks)
		}, func() { bar.Finish() }
	}
	last := start
	return func(s localjob.Stats) {
		if now := time.Now(); now.Sub(last) >= 5*time.Second {
			last = now
			fmt.Fprintf(e.stderr, "scaffold: %s\n", progressLine(s, total, now.Sub(start)))
		}
	}, func() {}
}

// progressLine says how far a job is after elapsed: "40/300 tasks (13%):
// 38 succeeded, 2 failed; 8 tasks/s, about 33s left".
func progressLine(s localjob.Stats, total int, elapsed time.Duration) string {
	line := fmt.Sprintf("%d/%d tasks", s.Tasks, total)
	if total > 0 {
		line += fmt.Sprintf(" (%d%%)", s.Tasks*100/total)
	}
	line += fmt.Sprintf(": %d succeeded, %d failed", s.Succeeded, s.FailedTotal())
	if elapsed <= 0 || s.Tasks == 0 {
		return line
	}
	rate := float64(s.Tasks) / elapsed.Seconds()
	left := time.Duration(float64(total-s.Tasks) / rate * float64(time.Second))
	return line + fmt.Sprintf("; %.0f tasks/s, about %v left", rate, left.Round(time.Second))
}

// printSummary prints the job's counts on one screen.
func printSummary(e *env, s localjob.Stats, report string) {
	rate := 0.0
	if s.Duration > 0 {
		rate = float64(s.Tasks) / s.Duration.Seconds()
	}
	fmt.Fprintf(e.stderr, "scaffold: job %s: %s in %v (%.0f tasks/s)\n", s.JobID, plural(s.Tasks, "task"), s.Duration.Round(time.Millisecond), rate)
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
