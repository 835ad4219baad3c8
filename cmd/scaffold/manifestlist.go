package main

// scaffold manifest --list: a bucket's objects listed into a manifest by
// package listing, with a progress line on a terminal, and uploaded.

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"time"

	"golang.org/x/term"

	"github.com/s3batchops/scaffold/app"
	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/s3rules"
	"github.com/s3batchops/scaffold/listing"
)

// manifestList is scaffold manifest --list's flags.
type manifestList struct {
	from, after, out, upload string
	o                        listing.Options
}

// flags declares --list and the flags that go with it.
func (l *manifestList) flags(fs *verbFlags) {
	fs.StringVar(&l.from, "list", "", "list `s3://bucket[/prefix]` into a manifest")
	fs.BoolVar(&l.o.Versions, "versions", false, "with --list: every version of each object (versioned general purpose buckets), with a VersionId column")
	fs.StringVar(&l.o.Suffix, "suffix", "", "with --list: keep keys that end with `suffix`")
	fs.Int64Var(&l.o.MinSize, "min-size", 0, "with --list: keep objects of at least `bytes`")
	fs.Int64Var(&l.o.MaxSize, "max-size", -1, "with --list: keep objects of at most `bytes` (-1: no maximum)")
	fs.StringVar(&l.after, "modified-after", "", "with --list: keep objects last modified after `time` (RFC 3339, such as 2024-05-01T00:00:00Z)")
	fs.StringVar(&l.out, "out", "", "with --list: write the manifest to `file`, atomically, rather than standard output")
	fs.StringVar(&l.upload, "upload", "", "with --list: put the manifest at `s3://bucket/key` and print its ETag")
}

// run lists the bucket into the manifest (package listing), with a
// progress line on a terminal, then uploads it when asked.
func (l *manifestList) run(e *env) error {
	var ok bool
	if l.o.Bucket, l.o.Prefix, ok = app.SplitS3URL(l.from); !ok {
		return usagef("--list %s: want s3://bucket[/prefix]", quote.Value(l.from))
	}
	if l.after != "" {
		t, err := time.Parse(time.RFC3339, l.after)
		if err != nil {
			return usagef("--modified-after %s: want an RFC 3339 time, such as 2024-05-01T00:00:00Z", quote.Value(l.after))
		}
		l.o.ModifiedAfter = t
	}
	if err := l.o.Check(); err != nil {
		return usagef("--list %s: %v", quote.Value(l.from), err)
	}
	var upBucket, upKey string
	if l.upload != "" {
		if upBucket, upKey, ok = app.SplitS3URL(l.upload); !ok || upKey == "" {
			return usagef("--upload %s: want s3://bucket/key", quote.Value(l.upload))
		}
		// Checked now, not after listing what may be millions of objects.
		if err := s3rules.CheckGeneralPurposeBucket(upBucket); err != nil {
			return usagef("--upload %s: bucket %s: %v", quote.Value(l.upload), quote.Value(upBucket), err)
		}
		if err := s3rules.CheckKey(upKey, true); err != nil {
			return usagef("--upload %s: %v", quote.Value(l.upload), err)
		}
	}
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		l.o.Progress = func(c listing.Counts) {
			fmt.Fprintf(e.stderr, "\rscaffold: listed %d objects, kept %d", c.Listed, c.Written)
		}
		defer fmt.Fprintln(e.stderr)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r, err := app.ListManifest(ctx, app.ListInput{Options: l.o, Out: l.out, Stdout: e.stdout, UploadBucket: upBucket, UploadKey: upKey})
	if err != nil {
		return err
	}
	if r.Counts.Written == 0 {
		fmt.Fprintf(e.stderr, "scaffold: no object of %s passed the filters: the manifest is empty, and S3 refuses a job without tasks\n", quote.Value(l.from))
	}
	if r.ETag != "" {
		fmt.Fprintf(e.stdout, "%s\n", r.ETag)
		fmt.Fprintf(e.stderr, "scaffold: %d objects in s3://%s/%s; give scaffold job --manifest s3://%s/%s --manifest-etag %s\n", r.Counts.Written, upBucket, upKey, upBucket, upKey, r.ETag)
	}
	return nil
}
